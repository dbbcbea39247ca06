// tools/test-setup.mjs before it does anything: a machine's older Node gets the message (the
// README tells a kiosk machine to run it), and --help prints the usage and runs nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.ts';

const SCRIPT = path.join(PROJECT_ROOT, 'tools/test-setup.mjs');
/** Debian's own Node, older than the project's (20 here); the test needs one older than 22.18. */
const SYSTEM_NODE = '/usr/bin/node';
const systemMajor = fs.existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0])
  : NaN;

/** A PATH whose apt-get (and sudo) only leave a mark: any call of them is a side effect the test sees. */
function markingPath(): { env: NodeJS.ProcessEnv; marks: string } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-bin-'));
  const marks = path.join(bin, 'marks');
  for (const name of ['apt-get', 'apt', 'sudo'])
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${marks}'\n`, { mode: 0o755 });
  return { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, marks };
}

const run = (node: string, args: string[], env = process.env) =>
  spawnSync(node, [SCRIPT, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env, timeout: 60_000 });

describe('tools/test-setup.mjs', () => {
  it.skipIf(!(systemMajor < 22))(
    "under Debian's older Node it says the Node is too old and how to run it, and exits 1 (no crash)",
    () => {
      const r = run(SYSTEM_NODE, ['--kiosk']);
      expect(r.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION/);
      expect(r.stderr).toMatch(/is too old; the project needs Node >= 22\.18/);
      expect(r.stderr).toContain('node_modules/.bin/node tools/test-setup.mjs --kiosk');
      expect(r.status).toBe(1);
    },
  );

  it.each([
    ['the project Node', process.execPath],
    ...(fs.existsSync(SYSTEM_NODE) ? [["Debian's Node", SYSTEM_NODE]] : []),
  ])('--help under %s prints the usage on stdout, exits 0 and runs nothing', (_what, node) => {
    for (const flag of ['--help', '-h', '--kiosk --help']) {
      const { env, marks } = markingPath();
      const r = run(node, flag.split(' '), env);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^usage: node_modules\/\.bin\/node tools\/test-setup\.mjs \[--kiosk\]/);
      expect(r.stderr).toBe('');
      expect(fs.existsSync(marks)).toBe(false);
    }
  });

  it('an argument it does not take is a usage error (exit 2), before anything is checked', () => {
    const { env, marks } = markingPath();
    const r = run(process.execPath, ['--kiosks'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument '--kiosks'/);
    expect(fs.existsSync(marks)).toBe(false);
  });
});
