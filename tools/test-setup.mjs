// Makes sure the Debian packages the tests and the kiosk drive for real are present, from
// the one list in tools/debian-packages.txt (package, a file it installs, why). As root it
// installs what is missing with apt; otherwise it says exactly what to install and fails.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const needs = fs
  .readFileSync(new URL('./debian-packages.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [pkg, bin] = line.trim().split(/\s+/);
    return { pkg, bin };
  });
const missing = needs.filter((n) => !fs.existsSync(n.bin));
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `test-setup: Node ${process.version} is too old; the project needs Node >= 22 (npm install brings node@24 into node_modules/.bin, run through npm scripts)`,
  );
  process.exit(1);
}
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((m) => m.pkg);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || process.env.BMET_NO_APT) {
  console.error(
    `test-setup: missing ${pkgs.join(', ')}. Install with: sudo apt-get install -y ${pkgs.join(' ')}`,
  );
  process.exit(1);
}
console.error(`test-setup: installing ${pkgs.join(', ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
if (r.status !== 0) {
  console.error(`test-setup: apt-get install ${pkgs.join(' ')} failed (exit ${r.status})`);
  process.exit(1);
}
