// The CLI over the store: trust install/status/verify, logging verify, report, people, log verify.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBundle } from '../../keys/bundle-signer.ts';
import { publicKeyPem } from '../../keys/signing-key.ts';
import type { DailyReport } from '../../main/contract/staff.ts';
import type { AuditLine } from '../../main/contract/technician.ts';
import { isUnreadable, type Verdict } from '../../main/contract/verdict.ts';
import { openStore } from '../../main/core/store/store.ts';
import { jsonLines, PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import {
  at,
  installedDataDir,
  installVectorsBundle,
  VBUNDLE,
  vectorCards,
  VNOW,
  VROOT,
} from '../helpers/kiosk-data.ts';
import { dirDigest, tempDataDir } from '../helpers/store.ts';
import { payloadOf, ROOT } from '../helpers/trust.ts';

const DAY = 86_400_000;
const cards = vectorCards();
const valid = cards.filter((c) => c.expect.status === 'valid');

describe('trust through the CLI', () => {
  it('verify needs an installed bundle and says how to get one', () => {
    const dir = path.join(tempDataDir('cli'), 'data');
    const r = runCli(['verify', ...at(dir)], valid[0]!.qr + '\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no trust bundle is installed in .*trust install FILE.*--bundle FILE/);
    const s = runCli(['trust', 'status', ...at(dir)]);
    expect(s.status).toBe(1);
  });

  it('install, status, and verify against the installed version (BUNDLE_ROLLBACK)', () => {
    const tmp = tempDataDir('cli');
    const dir = path.join(tmp, 'data');
    const rootPem = path.join(tmp, 'root.pem');
    fs.writeFileSync(rootPem, publicKeyPem(ROOT));
    // Valid on the real clock: trust install takes no --now.
    const issuedAt = new Date(Date.now() - DAY).toISOString().replace(/\.\d+Z$/, 'Z');
    const expiresAt = new Date(Date.now() + 90 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
    const file = (v: number) => {
      const f = path.join(tmp, `v${v}.bmettrust`);
      fs.writeFileSync(f, signBundle(payloadOf({ version: v, issuedAt, expiresAt }), [ROOT]));
      return f;
    };
    const opts = ['--data-dir', dir, '--root', rootPem];
    expect(jsonLines(runCli(['trust', 'verify', file(6), ...opts]).stdout)[0]).toMatchObject({
      ok: true,
      version: 6,
      installedVersion: null,
    });
    const inst = runCli(['trust', 'install', file(7), ...opts, '--technician', 'TC-9']);
    expect(inst.status).toBe(0);
    // The contract's install report (as the screens and the network fetch get it), then the CLI's extras.
    const installed = jsonLines(inst.stdout)[0];
    expect(installed).toMatchObject({
      ok: true,
      outcome: 'installed',
      code: null,
      version: 7,
      previousVersion: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(installed).not.toHaveProperty('action');
    const roll = runCli(['trust', 'verify', file(6), ...opts]);
    expect(roll.status).toBe(3);
    expect(jsonLines(roll.stdout)[0]).toMatchObject({ ok: false, code: 'BUNDLE_ROLLBACK' });
    const rollInstall = runCli(['trust', 'install', file(6), ...opts, '--technician', 'TC-9']);
    expect(rollInstall.status).toBe(3);
    expect(jsonLines(rollInstall.stdout)[0]).toMatchObject({ ok: false, code: 'BUNDLE_ROLLBACK' });
    const notThere = runCli(['trust', 'install', path.join(tmp, 'missing.bmettrust'), ...opts]);
    expect(notThere.status).toBe(3);
    expect(jsonLines(notThere.stdout)[0]).toMatchObject({ ok: false, code: 'UNREADABLE' });
    expect(jsonLines(runCli(['trust', 'install', file(7), ...opts]).stdout)[0]).toMatchObject({
      ok: true,
      outcome: 'unchanged',
    });
    const status = jsonLines(runCli(['trust', 'status', ...opts]).stdout)[0];
    expect(status).toMatchObject({
      ok: true,
      version: 7,
      issuedAt,
      expiresAt,
      installedBy: 'TC-9',
      expired: false,
    });
    expect(status?.kids).toHaveLength(3);
    const audit = jsonLines<AuditLine>(runCli(['log', 'audit', '--data-dir', dir]).stdout).filter((e) =>
      e.action.startsWith('trust.'),
    );
    expect(audit.map((e) => [e.action, e.actor, e.detail.version, e.detail.code ?? null])).toEqual([
      ['trust.install', 'TC-9', 7, null],
      ['trust.refused', 'TC-9', 6, 'BUNDLE_ROLLBACK'],
      ['trust.refused', 'CLI', null, 'UNREADABLE'],
      ['trust.noop', 'CLI', 7, null],
    ]);
    for (const e of audit) expect(e.detail.source).toMatch(/\.bmettrust$/);
  });

  it.each([
    ['a missing file', 'UNREADABLE', 'missing.bmettrust'],
    ['a folder', 'UNREADABLE', '.'], // no file is read at all, as for a --root folder
  ])('trust verify of %s: exit 3 with {"ok":false,"code":"%s"} on stdout', (_what, code, name) => {
    const tmp = tempDataDir('cli');
    const r = runCli(['trust', 'verify', path.join(tmp, name), '--root', VROOT]);
    expect(r.status).toBe(3);
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ ok: false, code })]);
  });

  it('install refuses --now (exit 2, nothing written): a bundle expired or not yet valid today is not installed under a made-up clock', () => {
    const tmp = tempDataDir('cli');
    const dir = path.join(tmp, 'data');
    const rootPem = path.join(tmp, 'root.pem');
    fs.writeFileSync(rootPem, publicKeyPem(ROOT));
    // Valid at VNOW, expired on the real clock since 2026-11-22.
    const expired = path.join(tmp, 'expired.bmettrust');
    fs.writeFileSync(expired, signBundle(payloadOf({ expiresAt: '2026-11-23T00:00:00Z' }), [ROOT]));
    const opts = ['--data-dir', dir, '--root', rootPem];
    const withNow = runCli(['trust', 'install', expired, ...opts, '--now', VNOW]);
    expect([withNow.status, withNow.stdout]).toEqual([2, '']);
    expect(withNow.stderr).toMatch(/trust install does not take --now/);
    expect(fs.existsSync(dir)).toBe(false);
    // trust verify is a check: --now still answers for that instant.
    expect(runCli(['trust', 'verify', expired, ...opts, '--now', VNOW]).status).toBe(0);
    const real = runCli(['trust', 'install', expired, ...opts]);
    expect(real.status).toBe(3);
    expect(jsonLines(real.stdout)[0]).toMatchObject({ ok: false, code: 'BUNDLE_EXPIRED' });
  });

  it('a bundle installed under other roots (the dev bundle, v10) neither blocks the genuine one nor takes its place', () => {
    const dir = path.join(tempDataDir('cli'), 'data');
    const dev = ['--root', path.join(PROJECT_ROOT, 'fixtures/keys/dev-root.pem')];
    const bmet = ['--data-dir', dir, '--root', VROOT, '--now', VNOW];
    expect(
      jsonLines(
        runCli([
          'trust',
          'install',
          path.join(PROJECT_ROOT, 'fixtures/dev-bundle.bmettrust'),
          '--data-dir',
          dir,
          ...dev,
        ]).stdout,
      )[0],
    ).toMatchObject({ ok: true, outcome: 'installed', version: 10 });
    expect(jsonLines(runCli(['trust', 'verify', VBUNDLE, ...bmet]).stdout)[0]).toMatchObject({
      ok: true,
      version: 7,
      installedVersion: null,
    });
    // Installed as of VNOW (the vectors bundle expires 2027-02-18), through the store's install.
    expect(installVectorsBundle(dir, { actor: 'CLI' })).toMatchObject({
      outcome: 'installed',
      version: 7,
      previousVersion: null,
    });
    expect(jsonLines(runCli(['trust', 'status', ...bmet]).stdout)[0]).toMatchObject({
      ok: true,
      version: 7,
      source: VBUNDLE,
    });
    expect(
      jsonLines(runCli(['trust', 'status', '--data-dir', dir, ...dev, '--now', VNOW]).stdout)[0],
    ).toMatchObject({ ok: true, version: 10 });
    // Scans under BMET's roots use the genuine bundle.
    const r = runCli(['verify', '--no-log', ...bmet], valid[0]!.qr + '\n');
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ status: 'valid' });
  });
});

describe('verify logs to the data dir', () => {
  it('logs every verdict, feeds DUPLICATE_SCAN, and the chain verifies', () => {
    const dir = installedDataDir();
    const first = runCli(
      ['verify', ...at(dir), '--officer', 'OF-7'],
      valid.map((c) => c.qr).join('\n') + '\n',
    );
    expect(first.status).toBe(0);
    expect(jsonLines(first.stdout)[0]?.reasons).toEqual([]);
    const again = jsonLines(runCli(['verify', ...at(dir, '2026-11-22T07:00:00Z'), valid[0]!.qr]).stdout)[0];
    expect(again).toMatchObject({
      status: 'warning',
      reasons: [{ code: 'DUPLICATE_SCAN', firstSeenAt: '2026-11-22T06:00:00.000Z' }],
    });
    // 24 h after the last accepted scan (the duplicate at 07:00 was one) it is a first scan again.
    expect(
      jsonLines(runCli(['verify', ...at(dir, '2026-11-23T07:00:00.001Z'), valid[0]!.qr]).stdout)[0]?.reasons,
    ).toEqual([]);
    const log = runCli(['log', 'verify', '--data-dir', dir]);
    expect(log.status).toBe(0);
    expect(jsonLines(log.stdout)[0]).toMatchObject({ ok: true, records: valid.length + 2 });
    const store = openStore({ dataDir: dir, readonly: true });
    expect(store.recordsFrom(1, 1)[0]).toMatchObject({ officerId: 'OF-7', status: 'valid' });
    store.close();
  });

  it('--no-log reads the installed bundle and changes nothing in the data dir', () => {
    const dir = installedDataDir();
    const before = dirDigest(dir);
    const r = runCli(['verify', '--no-log', ...at(dir)], cards.map((c) => c.qr).join('\n') + '\n');
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout)).toHaveLength(cards.length);
    expect(dirDigest(dir)).toBe(before);
  });

  it('--bundle with logging verifies against that file and still logs', () => {
    const dir = path.join(tempDataDir('cli'), 'data');
    const r = runCli(['verify', ...at(dir), '--bundle', VBUNDLE, valid[0]!.qr]);
    expect(r.status).toBe(0);
    const store = openStore({ dataDir: dir, readonly: true });
    expect(store.pendingCount()).toBe(1);
    expect(store.trust.installed()).toBeNull();
    store.close();
  });

  it('log verify names the first broken record', () => {
    const dir = installedDataDir();
    runCli(['verify', ...at(dir)], cards.map((c) => c.qr).join('\n') + '\n');
    const store = openStore({ dataDir: dir });
    store.db.exec('DROP TRIGGER verifications_immutable');
    store.db.prepare("UPDATE verifications SET status = 'valid', reasons = '[]' WHERE seq = 5").run();
    store.close();
    const r = runCli(['log', 'verify', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: false, records: 4, firstBroken: { seq: 5 } });
    expect(r.stderr).toMatch(/chain broken at record 5/);
  });
});

describe('report through the CLI', () => {
  it('prints the JSON of cli.md and one CSV row per verification; exports are audited', () => {
    const dir = installedDataDir();
    const verified = runCli(
      ['verify', ...at(dir), '--officer', 'OF-1'],
      cards.map((c) => c.qr).join('\n') + '\n',
    );
    const r = runCli(['report', '--date', '2026-11-22', '--data-dir', dir]);
    expect(r.status).toBe(0);
    const rep = jsonLines<DailyReport>(r.stdout)[0]!;
    expect(Object.keys(rep)).toEqual([
      'date',
      'kioskId',
      'total',
      'byStatus',
      'byReason',
      'byHour',
      'byDestination',
      'byOfficer',
      'unreadable',
      'uniqueClearances',
      // Beyond cli.md's fields: the day's boarding-pass checks (issue 12); none on this day.
      'tripChecks',
      // and the scans made with no trust bundle (within byStatus.invalid, as unreadable is).
      'cannotCheck',
    ]);
    expect(rep.tripChecks).toEqual({ match: 0, warning: 0, mismatch: 0 });
    expect(rep.total).toBe(cards.length);
    const unreadable = jsonLines<Verdict>(verified.stdout).filter((v) =>
      isUnreadable(
        v.status,
        v.reasons.map((r: { code: string }) => r.code),
      ),
    );
    expect(rep.unreadable).toBe(unreadable.length);
    expect(rep.unreadable).toBeGreaterThan(0);
    expect(rep.uniqueClearances).toBeGreaterThan(0);
    expect(rep.byStatus.valid + rep.byStatus.warning + rep.byStatus.invalid).toBe(cards.length);
    expect(rep.byHour[12]).toBe(cards.length); // 06:00 UTC is noon in Dhaka
    expect(rep.byOfficer['OF-1']?.total).toBe(cards.length);
    const csv = runCli(['report', '--date', '2026-11-22', '--format', 'csv', '--data-dir', dir]);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(cards.length + 1);
    expect(runCli(['report', '--date', '2026-02-30', '--data-dir', dir]).status).toBe(2);
    expect(runCli(['report', '--date', '2026-11-22', '--format', 'xml', '--data-dir', dir]).status).toBe(2);
    const exports = jsonLines<AuditLine>(runCli(['log', 'audit', '--data-dir', dir]).stdout).filter(
      (e) => e.action === 'report.export',
    );
    expect(exports.map((e) => e.detail.format)).toEqual(['json', 'csv']);
  });
});

describe('people through the CLI', () => {
  it('adds with a PIN from stdin, logs in, disables, resets; all audited', () => {
    const dir = path.join(tempDataDir('cli'), 'data');
    const add = runCli(
      [
        'people',
        'add',
        'OF-5',
        '--name',
        'Officer Five',
        '--role',
        'officer',
        '--data-dir',
        dir,
        '--technician',
        'TC-1',
      ],
      '135790\n',
    );
    expect(add.status).toBe(0);
    expect(jsonLines(add.stdout)[0]).toMatchObject({ id: 'OF-5', role: 'officer', disabled: false });
    expect(add.stdout).not.toContain('135790');
    expect(runCli(['people', 'login', 'OF-5', '--data-dir', dir], '135790\n').status).toBe(0);
    expect(runCli(['people', 'login', 'OF-5', '--data-dir', dir], '000000\n').status).toBe(1);
    expect(runCli(['people', 'disable', 'OF-5', '--data-dir', dir, '--technician', 'SV-1']).status).toBe(0);
    expect(
      jsonLines(runCli(['people', 'login', 'OF-5', '--data-dir', dir], '135790\n').stdout)[0],
    ).toMatchObject({ ok: false, reason: 'disabled' });
    expect(
      runCli(['people', 'add', 'OF-6', '--name', 'Six', '--role', 'boss', '--data-dir', dir], '135790\n')
        .status,
    ).toBe(2);
    const weak = runCli(
      ['people', 'add', 'OF-6', '--name', 'Six', '--role', 'officer', '--data-dir', dir],
      '12\n',
    );
    expect(weak.status).toBe(2); // a PIN no person may have: the caller's, as --role boss is
    expect(weak.stderr).toMatch(/6 to 12 digits/);
    const audit = jsonLines(runCli(['log', 'audit', '--data-dir', dir]).stdout).map((e) => [
      e.action,
      e.actor,
    ]);
    expect(audit).toEqual([
      ['store.created', 'system'],
      ['person.add', 'TC-1'],
      ['login', 'OF-5'],
      ['login.failed', 'OF-5'],
      ['person.disable', 'SV-1'],
      ['login.failed', 'OF-5'],
    ]);
  });

  it('a development data dir (BMET_KIOSK_DEV=1 at creation) has the demo accounts; a production one none', () => {
    // The first person added makes the data dir (people list refuses one with no database).
    const addFirst = (dir: string, env: NodeJS.ProcessEnv) =>
      runCli(
        ['people', 'add', 'OF-9', '--name', 'Nine', '--role', 'officer', '--data-dir', dir],
        '135790\n',
        env,
      ).status;
    const ids = (dir: string) =>
      jsonLines(runCli(['people', 'list', '--data-dir', dir]).stdout)
        .map((p) => p.id)
        .sort();
    const dev = path.join(tempDataDir('cli'), 'data');
    expect(addFirst(dev, { BMET_KIOSK_DEV: '1' })).toBe(0);
    expect(ids(dev)).toEqual(['OF-1042', 'OF-9', 'SV-2001', 'TC-3001']);
    expect(runCli(['people', 'login', 'TC-3001', '--data-dir', dev], '333333\n').status).toBe(0);
    const prod = path.join(tempDataDir('cli'), 'data');
    expect(addFirst(prod, {})).toBe(0);
    expect(ids(prod)).toEqual(['OF-9']);
  });
});

describe('--now never decides retention', () => {
  it('a command run with a far-future --now leaves acknowledged records whole', () => {
    const dir = installedDataDir();
    runCli(['verify', ...at(dir, VNOW), '--bundle', VBUNDLE], valid[0]!.qr + '\n');
    const store = openStore({ dataDir: dir });
    store.markSynced(1, 1);
    store.close();
    for (const args of [
      ['report', '--date', '2026-11-22'],
      ['trust', 'status'],
      ['log', 'audit'],
    ]) {
      expect(
        runCli([...args, '--data-dir', dir, '--now', '2030-01-01T00:00:00Z', '--root', VROOT]).status,
      ).toBe(0);
    }
    expect(
      runCli(['verify', ...at(dir, '2030-01-01T00:00:00Z'), '--bundle', VBUNDLE], valid[0]!.qr + '\n').status,
    ).toBe(0);
    const after = openStore({ dataDir: dir, readonly: true });
    const row = after.db
      .prepare('SELECT passport, name, redacted_at FROM verifications WHERE seq = 1')
      .get() as Record<string, unknown>;
    after.close();
    expect(row.redacted_at).toBeNull();
    expect(row.passport).not.toBeNull();
    expect(row.name).not.toBeNull();
  });
});
