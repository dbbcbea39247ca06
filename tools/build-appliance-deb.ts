/**
 * Builds the appliance package (appliance/ → bmet-kiosk-appliance_<version>_all.deb) with
 * dpkg-deb: the kiosk session unit, the USB stick mount unit, udev rules, journald and
 * timesyncd drop-ins, the PAM service and the maintainer scripts. The version is the
 * app's (package.json), so the appliance depends on the kiosk of the same release.
 * `buildApplianceDeb` returns the .deb's path; run directly it prints it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'appliance');
export const APPLIANCE_PACKAGE = 'bmet-kiosk-appliance';

/** Where each appliance file goes in the package (Debian 12 paths: units and rules under /lib). */
export const APPLIANCE_FILES: readonly { from: string; to: string; mode?: number }[] = [
  { from: 'systemd/bmet-kiosk.service', to: 'lib/systemd/system/bmet-kiosk.service' },
  { from: 'systemd/bmet-kiosk-stick@.service', to: 'lib/systemd/system/bmet-kiosk-stick@.service' },
  { from: 'udev/70-bmet-kiosk.rules', to: 'lib/udev/rules.d/70-bmet-kiosk.rules' },
  { from: 'conf/journald.conf', to: 'usr/lib/systemd/journald.conf.d/bmet-kiosk.conf' },
  { from: 'conf/timesyncd.conf', to: 'usr/lib/systemd/timesyncd.conf.d/bmet-kiosk.conf' },
  { from: 'conf/pam.d-bmet-kiosk', to: 'etc/pam.d/bmet-kiosk' },
  { from: 'README.md', to: `usr/share/doc/${APPLIANCE_PACKAGE}/README.md` },
  { from: 'debian/copyright', to: `usr/share/doc/${APPLIANCE_PACKAGE}/copyright` },
];
const CONFFILES = ['/etc/pam.d/bmet-kiosk'];
const SCRIPTS = ['postinst', 'prerm', 'postrm'];

function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
}

function put(file: string, data: string | Buffer, mode: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  fs.writeFileSync(file, data, { mode });
  fs.chmodSync(file, mode); // the umask must not decide a packaged file's mode
}

function dirSizeKiB(dir: string): number {
  let bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) bytes += fs.statSync(path.join(e.parentPath, e.name)).size;
  return Math.ceil(bytes / 1024);
}

/** Builds the .deb into `outDir` (default dist/packages) and returns its path. */
export function buildApplianceDeb(outDir = path.join(ROOT, 'dist/packages')): string {
  const version = appVersion();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-appliance-'));
  try {
    for (const f of APPLIANCE_FILES)
      put(path.join(stage, f.to), fs.readFileSync(path.join(SRC, f.from)), 0o644);
    // Debian's changelog: compressed with no name or time in the gzip header, so builds repeat.
    const changelog = fs
      .readFileSync(path.join(SRC, 'debian/changelog'), 'utf8')
      .replaceAll('@VERSION@', version);
    put(
      path.join(stage, `usr/share/doc/${APPLIANCE_PACKAGE}/changelog.gz`),
      gzipSync(changelog, { level: 9 }),
      0o644,
    );
    const control = fs
      .readFileSync(path.join(SRC, 'debian/control'), 'utf8')
      .replaceAll('@VERSION@', version)
      .replace('@INSTALLED_SIZE@', String(dirSizeKiB(stage)));
    put(path.join(stage, 'DEBIAN/control'), control, 0o644);
    put(path.join(stage, 'DEBIAN/conffiles'), CONFFILES.join('\n') + '\n', 0o644);
    for (const s of SCRIPTS)
      put(path.join(stage, 'DEBIAN', s), fs.readFileSync(path.join(SRC, 'debian', s)), 0o755);
    const sums = execFileSync(
      'find',
      ['.', '-path', './DEBIAN', '-prune', '-o', '-type', 'f', '-printf', '%P\\0'],
      {
        cwd: stage,
      },
    )
      .toString()
      .split('\0')
      .filter(Boolean)
      .sort();
    put(
      path.join(stage, 'DEBIAN/md5sums'),
      execFileSync('md5sum', ['--', ...sums], { cwd: stage }).toString(),
      0o644,
    );
    for (const e of fs.readdirSync(stage, { withFileTypes: true, recursive: true }))
      if (e.isDirectory()) fs.chmodSync(path.join(e.parentPath, e.name), 0o755);
    fs.chmodSync(stage, 0o755);
    fs.mkdirSync(outDir, { recursive: true });
    const deb = path.join(outDir, `${APPLIANCE_PACKAGE}_${version}_all.deb`);
    execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, SOURCE_DATE_EPOCH: '1795996800' },
    });
    return deb;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

const USAGE = `usage: npm run package:appliance [-- --out DIR]
Builds ${APPLIANCE_PACKAGE}_<version>_all.deb from appliance/ with dpkg-deb (into DIR, default dist/packages)
and prints its path.`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    process.stderr.write(`build-appliance-deb: ${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) process.stdout.write(USAGE + '\n');
  else process.stdout.write(buildApplianceDeb(values.out) + '\n');
}
