// The appliance layer checked with the real tools: systemd-analyze verify on the units,
// the udev rules parsed here and evaluated by udevadm test against devices the test makes
// (a loop device with a filesystem; the tty rules are only parsed: udevadm test would
// change a real tty's permissions), and the Debian package built with
// dpkg-deb and checked by lintian. Each part that cannot run here is skipped saying why.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLIANCE_FILES, buildApplianceDeb } from '../../tools/build-appliance-deb.ts';
import { PROJECT_ROOT } from '../helpers/cli.ts';
import { ensureKioskUser } from './system-user.ts';

const APPLIANCE = path.join(PROJECT_ROOT, 'appliance');
const RULES = path.join(APPLIANCE, 'udev/70-bmet-kiosk.rules');
const have = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const isRoot = process.getuid?.() === 0;

describe('systemd units', () => {
  const why = have('systemd-analyze') ? '' : 'systemd-analyze is not installed (package systemd)';
  if (why) console.warn(`systemd unit check skipped: ${why}`);

  it.skipIf(Boolean(why)).each(['bmet-kiosk.service', 'bmet-kiosk-stick@sdb1.service'])(
    'systemd-analyze verify %s: exit 0 and not one warning about it',
    (unit) => {
      // An instance is verified through its template, copied beside it under the instance's name.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-units-'));
      const template = unit.replace(/@[^.]+\./, '@.');
      fs.copyFileSync(path.join(APPLIANCE, 'systemd', template), path.join(dir, unit));
      const r = spawnSync('systemd-analyze', ['verify', '--man=no', path.join(dir, unit)], {
        encoding: 'utf8',
      });
      const out = `${r.stdout}${r.stderr}`;
      // Unknown keys and bad values are only warnings to systemd-analyze (exit 0): any line about our unit fails.
      const ours = out.split('\n').filter((l) => l.includes(unit.replace(/@.*/, '')));
      expect(r.status, out).toBe(0);
      expect(ours, out).toEqual([]);
    },
  );

  it('the kiosk unit restarts forever, bounds its logs, runs cage without VT switching as the kiosk user', () => {
    const unit = fs.readFileSync(path.join(APPLIANCE, 'systemd/bmet-kiosk.service'), 'utf8');
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^StartLimitIntervalSec=0$/m);
    expect(unit).toMatch(/^User=bmet-kiosk$/m);
    expect(unit).toMatch(/^LogRateLimitBurst=\d+$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/cage -d -- \/usr\/bin\/bmet-kiosk/m);
    expect(unit).not.toMatch(/^ExecStart=.*cage.* -s /m);
    expect(unit).toMatch(/^LoadCredential=setup-code:\/etc\/bmet-kiosk\/setup-code$/m);
    const journald = fs.readFileSync(path.join(APPLIANCE, 'conf/journald.conf'), 'utf8');
    expect(journald).toMatch(/^SystemMaxUse=\d+M$/m);
    const stick = fs.readFileSync(path.join(APPLIANCE, 'systemd/bmet-kiosk-stick@.service'), 'utf8');
    expect(stick).toMatch(/mount -o ro,nosuid,nodev,noexec /);
  });
});

/** One rule line as udev reads it: comma-separated KEY{attr}OP"value" pairs. */
interface Pair {
  key: string;
  attr: string | null;
  op: string;
  value: string;
}
const MATCH_KEYS = new Set(['ACTION', 'KERNEL', 'SUBSYSTEM', 'SUBSYSTEMS', 'ATTRS', 'ENV', 'TAG', 'DRIVERS']);
const ASSIGN_KEYS = new Set([
  'GROUP',
  'MODE',
  'SYMLINK',
  'TAG',
  'ENV',
  'IMPORT',
  'GOTO',
  'LABEL',
  'RUN',
  'OWNER',
]);

function parseRules(text: string): { line: number; pairs: Pair[] }[] {
  const out: { line: number; pairs: Pair[] }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const pairs: Pair[] = [];
    const re = /\s*([A-Z_]+)(?:\{([^}]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"\s*(,|$)/y;
    let at = 0;
    while (at < line.length) {
      re.lastIndex = at;
      const m = re.exec(line);
      if (!m)
        throw new Error(
          `70-bmet-kiosk.rules:${i + 1}: cannot parse from column ${at + 1}: ${line.slice(at)}`,
        );
      pairs.push({ key: m[1]!, attr: m[2] ?? null, op: m[3]!, value: m[4]! });
      at = re.lastIndex;
    }
    out.push({ line: i + 1, pairs });
  });
  return out;
}

describe('udev rules', () => {
  const rules = parseRules(fs.readFileSync(RULES, 'utf8'));

  it('parse: every pair is KEY[{attr}] OP "value" with a known key and an operator that fits it', () => {
    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const { line, pairs } of rules)
      for (const p of pairs) {
        const isMatch = p.op === '==' || p.op === '!=';
        expect(
          isMatch ? MATCH_KEYS.has(p.key) : ASSIGN_KEYS.has(p.key),
          `line ${line}: ${p.key}${p.op}`,
        ).toBe(true);
        if (['ATTRS', 'ENV', 'IMPORT', 'RUN'].includes(p.key) && p.key !== 'RUN')
          expect(p.attr, `line ${line}: ${p.key} needs {…}`).not.toBeNull();
      }
  });

  it('every GOTO has its LABEL', () => {
    const labels = new Set(
      rules.flatMap((r) => r.pairs.filter((p) => p.key === 'LABEL').map((p) => p.value)),
    );
    for (const r of rules)
      for (const p of r.pairs.filter((p) => p.key === 'GOTO'))
        expect(labels.has(p.value), p.value).toBe(true);
  });

  const find = (pred: (pairs: Pair[]) => boolean) => rules.find((r) => pred(r.pairs))?.pairs ?? [];
  const has = (pairs: Pair[], key: string, op: string, value: string | RegExp) =>
    pairs.some(
      (p) =>
        p.key === key && p.op === op && (typeof value === 'string' ? p.value === value : value.test(p.value)),
    );

  it('CDC-ACM scanners: kiosk group, 0660, a stable name by USB port', () => {
    const acm = find((p) => has(p, 'KERNEL', '==', 'ttyACM[0-9]*'));
    expect(has(acm, 'GROUP', '=', 'bmet-kiosk')).toBe(true);
    expect(has(acm, 'MODE', '=', '0660')).toBe(true);
    expect(has(acm, 'SYMLINK', '+=', /^bmet\/scanner-acm-\$env\{ID_PATH_TAG\}$/)).toBe(true);
  });

  it('HID-POS scanners: hidraw of the scanner makers, kiosk group, a stable name', () => {
    const hid = find((p) => has(p, 'SUBSYSTEM', '==', 'hidraw'));
    expect(has(hid, 'ATTRS', '==', /0c2e/)).toBe(true);
    expect(has(hid, 'GROUP', '=', 'bmet-kiosk')).toBe(true);
    expect(has(hid, 'SYMLINK', '+=', /^bmet\/scanner-hid-/)).toBe(true);
  });

  it('USB sticks: only USB filesystems, handed to the read-only mount unit', () => {
    const stick = find((p) => has(p, 'SUBSYSTEM', '==', 'block'));
    expect(has(stick, 'ENV', '==', 'usb')).toBe(true);
    expect(has(stick, 'ENV', '+=', 'bmet-kiosk-stick@%k.service')).toBe(true);
  });

  // udevadm test reads every rules dir, /run/udev/rules.d among them; a running udevd would
  // also apply a test rule placed there to real devices, so then this part does not run.
  const udevd = fs.existsSync('/run/udev/control');
  const why = !have('udevadm')
    ? 'udevadm is not installed (package udev)'
    : !isRoot
      ? 'udevadm test needs root (it reads /run/udev/rules.d and the devices the test makes)'
      : udevd
        ? 'a udevd is running here: rules put in /run/udev/rules.d would act on real devices'
        : '';
  if (why) console.warn(`udevadm test skipped: ${why}`);

  describe.skipIf(Boolean(why))('udevadm test (udev 252 has no verify: its own parser and evaluator)', () => {
    const placed: string[] = [];
    let loop = '';
    let img = '';
    beforeAll(() => {
      const user = ensureKioskUser();
      if (!user.ok) throw new Error(user.why);
      // A block device the test owns (a loop device over an ext4 image): never a real disk or tty,
      // because udevadm test applies what it finds (permissions, links) to the device it is given.
      img = path.join(os.tmpdir(), `kiosk-stick-${process.pid}.img`);
      fs.writeFileSync(img, Buffer.alloc(0));
      fs.truncateSync(img, 8 * 1024 * 1024);
      expect(spawnSync('mkfs.ext4', ['-q', '-F', img]).status).toBe(0);
      const l = spawnSync('losetup', ['--find', '--show', img], { encoding: 'utf8' });
      if (l.status !== 0) throw new Error(`losetup failed (a loop device is needed): ${l.stderr}`);
      loop = l.stdout.trim();
    });
    afterAll(() => {
      for (const f of placed) fs.rmSync(f, { force: true });
      if (loop) spawnSync('losetup', ['-d', loop]);
      if (img) fs.rmSync(img, { force: true });
    });
    const place = (text: string) => {
      fs.mkdirSync('/run/udev/rules.d', { recursive: true });
      const f = `/run/udev/rules.d/70-bmet-kiosk-test-${process.pid}-${placed.length}.rules`;
      fs.writeFileSync(f, text);
      placed.push(f);
      return f;
    };
    const udevTest = (sysPath: string) => {
      const r = spawnSync('udevadm', ['test', '--action=add', sysPath], { encoding: 'utf8' });
      return `${r.stdout}${r.stderr}`;
    };

    it('reads the rules with no complaint', () => {
      const f = place(fs.readFileSync(RULES, 'utf8'));
      const out = udevTest(`/sys/class/block/${path.basename(loop)}`);
      expect(out).toContain(`Reading rules file: ${f}`);
      expect(
        out
          .split('\n')
          .filter((l) => l.includes(path.basename(f)))
          .slice(1),
        out,
      ).toEqual([]);
    });

    it('a filesystem on a block device (loop: the USB bus match left out) gets the read-only mount unit', () => {
      place(fs.readFileSync(RULES, 'utf8').replace('ENV{ID_BUS}=="usb", ', ''));
      const out = udevTest(`/sys/class/block/${path.basename(loop)}`);
      expect(out).toMatch(/^ID_FS_TYPE=ext4$/m);
      expect(out).toMatch(
        new RegExp(`^SYSTEMD_WANTS=bmet-kiosk-stick@${path.basename(loop)}\\.service$`, 'm'),
      );
      expect(out).toMatch(/^UDISKS_IGNORE=1$/m);
      expect(out).toMatch(/^TAGS=.*:systemd:/m);
    });

    it('the real rules (USB bus required) leave a non-USB loop device alone', () => {
      for (const f of placed.slice(1)) fs.rmSync(f, { force: true });
      const real = udevTest(`/sys/class/block/${path.basename(loop)}`);
      expect(real).toContain(`Reading rules file: ${placed[0]}`);
      expect(real).not.toMatch(/SYSTEMD_WANTS=bmet-kiosk-stick@/);
    });
  });
});

describe('the Debian package', () => {
  const why = !have('dpkg-deb')
    ? 'dpkg-deb is not installed'
    : !have('lintian')
      ? 'lintian is not installed'
      : '';
  if (why) console.warn(`appliance package check skipped: ${why}`);
  let deb = '';
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-deb-'));

  it.skipIf(Boolean(why))(
    'builds with dpkg-deb: every appliance file, depending on the kiosk package',
    () => {
      deb = buildApplianceDeb(out);
      const contents = spawnSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' }).stdout;
      for (const f of APPLIANCE_FILES) expect(contents).toContain(`./${f.to}`);
      expect(contents).toMatch(/-rw-r--r-- root\/root .* \.\/lib\/udev\/rules\.d\/70-bmet-kiosk\.rules/);
      const depends = spawnSync('dpkg-deb', ['-f', deb, 'Depends'], { encoding: 'utf8' }).stdout;
      expect(depends).toMatch(/^bmet-kiosk \(>= [\d.]+\), /);
      for (const d of ['cage', 'xwayland', 'systemd-timesyncd', 'udev', 'libpam-systemd'])
        expect(depends).toMatch(new RegExp(`\\b${d}\\b`));
      for (const s of ['postinst', 'prerm', 'postrm'])
        expect(spawnSync('sh', ['-n', path.join(APPLIANCE, 'debian', s)]).status, s).toBe(0);
    },
  );

  it.skipIf(Boolean(why))(
    'lintian: no error, no warning (the info tags it reports are explained in appliance/README.md)',
    () => {
      expect(deb).not.toBe('');
      const r = spawnSync('lintian', ['--fail-on', 'error,warning', deb], {
        encoding: 'utf8',
        timeout: 300_000,
      });
      const tags = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /^[EWI]: /.test(l));
      expect(
        tags.filter((l) => /^[EW]: /.test(l)),
        tags.join('\n'),
      ).toEqual([]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    },
    300_000,
  );
});
