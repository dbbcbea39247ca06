// Makes sure the Debian packages the tests and the kiosk drive for real are present, from the
// one list in tools/debian-packages.txt (package, a program it installs, who needs it and why).
// As root it installs what is missing with apt; otherwise it prints the exact apt-get line and
// fails. `--kiosk`: only what a kiosk machine needs (the lines whose "who" names the kiosk or
// the appliance), for setting up a desk rather than running the tests.
// Plain JavaScript that any Node can read up to its version check: a machine's older Node (Debian's)
// gets the message, not a crash on the .ts list reader, which is imported only after the check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const USAGE = `usage: node_modules/.bin/node tools/test-setup.mjs [--kiosk]
Installs the Debian packages of tools/debian-packages.txt that are missing (as root, with apt-get;
otherwise prints the apt-get line and exits 1). Needs Node >= 22.18: after npm install, the
project's own node_modules/.bin/node (npm test runs it that way).
  --kiosk    only what a kiosk machine needs (the list's kiosk and appliance lines)
  -h, --help this text; nothing is checked or installed`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--kiosk');
if (unknown.length) {
  console.error(`test-setup: unknown argument '${unknown[0]}'\n${USAGE}`);
  process.exit(2);
}

const { NODE_NEEDED, stripsTypes } = await import('../main/cli/node-version.mjs');
if (!stripsTypes(process.versions.node)) {
  console.error(
    `test-setup: Node ${process.version} is too old; the project needs Node ${NODE_NEEDED}. ` +
      `npm install brings node@24 into node_modules/.bin: run node_modules/.bin/node tools/test-setup.mjs ${args.join(' ')}`.trimEnd(),
  );
  process.exit(1);
}
const { readDebianPackages } = await import('./debian-packages.ts');

const kioskOnly = args.includes('--kiosk');
const needs = readDebianPackages().filter((n) => !kioskOnly || n.kiosk);
const missingNow = () => needs.filter((n) => !fs.existsSync(n.program));
const missing = missingNow();
if (missing.length === 0) process.exit(0);

const pkgs = [...new Set(missing.map((m) => m.pkg))];
const why = missing.map((m) => `  ${m.pkg} (${m.program}): ${m.who}: ${m.why}`).join('\n');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || process.env.BMET_NO_APT) {
  console.error(
    `test-setup: missing Debian packages:\n${why}\nInstall with: sudo apt-get install -y ${pkgs.join(' ')}`,
  );
  process.exit(1);
}
console.error(`test-setup: installing with apt-get:\n${why}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
// A fresh machine's package lists may be empty or stale: refresh them first.
const update = apt(['update', '-qq']);
if (update.status !== 0) {
  console.error(`test-setup: apt-get update failed (${update.error?.message ?? `exit ${update.status}`})`);
  process.exit(1);
}
const install = apt(['install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
if (install.status !== 0) {
  console.error(`test-setup: apt-get install ${pkgs.join(' ')} failed (exit ${install.status})`);
  process.exit(1);
}
// A package that installed without the program the list names is a wrong list: say which.
const still = missingNow();
if (still.length) {
  console.error(
    `test-setup: installed, but still missing: ${still.map((m) => `${m.program} (from ${m.pkg})`).join(', ')}`,
  );
  process.exit(1);
}
