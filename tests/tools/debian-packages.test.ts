// The Debian package list is the one place a fresh machine learns what to install: every program
// the code or the tests run by name must be on it (or come with every Debian system), and every
// line must name a program the package really installs here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDebianPackages } from '../../tools/debian-packages.ts';
import { PROJECT_ROOT } from '../helpers/cli.ts';

/** Programs every Debian system has (Essential: yes, or the tools the setup itself runs), and why. */
const ALWAYS_THERE: Record<string, string> = {
  sh: 'dash (Essential)',
  id: 'coreutils (Essential)',
  md5sum: 'coreutils (Essential)',
  find: 'findutils (Essential)',
  mkfifo: 'coreutils (Essential)',
  'dpkg-deb': 'dpkg (Essential)',
  'apt-get': 'apt: the setup itself installs with it',
  node: 'the project brings its own (npm install)',
  npm: "comes with Node: README's precondition (a Debian machine with Node and npm)",
  'powershell.exe': 'Windows only',
};
/** Programs run by a library rather than by name in this code. */
const INDIRECT = ['udevadm' /* serialport's port listing on Linux */];
const DIRS = ['main', 'native-bridge', 'tests', 'tools', 'server', 'keys', 'fixtures', 'bench', 'appliance'];

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('tools/debian-packages.txt', () => {
  const list = readDebianPackages();
  const listed = new Set(list.map((n) => path.basename(n.program)));

  it('names every program the code and the tests run', () => {
    const run = new Set(INDIRECT);
    for (const file of DIRS.flatMap((d) => sources(path.join(PROJECT_ROOT, d)))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:spawn|spawnSync|execFile|execFileSync)\(\s*'([\w.+-]+)'/g))
        run.add(m[1]!);
    }
    expect(run.size).toBeGreaterThan(3); // the scan itself works
    expect([...run].filter((p) => !listed.has(p) && !(p in ALWAYS_THERE)).sort()).toEqual([]);
  });

  it('says who needs each package; the kiosk machine needs udev and chromium', () => {
    for (const n of list) expect(n.who, n.pkg).toMatch(/\b(tests|kiosk|appliance)\b/);
    const kiosk = new Set(list.filter((n) => n.kiosk).map((n) => n.pkg));
    expect(kiosk.has('udev')).toBe(true);
    expect(kiosk.has('chromium')).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('each listed program is there after the setup ran', () => {
    expect(list.filter((n) => !fs.existsSync(n.program)).map((n) => `${n.pkg}: ${n.program}`)).toEqual([]);
  });
});
