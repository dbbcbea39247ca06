// The commands that change nothing in the data dir read one an older schema made as it is, as
// `log verify` and `log audit` do (log-older-schema.test.ts, whose seeding this shares): the
// report and people list under --no-log, trust status, trust verify's comparison with the
// installed bundle, and the installed bundle under verify/start --no-log. Before, each said
// "open it once writable", or (people list) migrated the file although --no-log changes nothing.
// What an older schema lacks reads as empty; the file is left as it was, schema version included.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DailyReport } from '../../main/contract/staff.ts';
import { dbFile } from '../../main/core/store/database.ts';
import { MIGRATIONS } from '../../main/core/store/migrations/index.ts';
import { openBundle } from '../../main/core/trust/bundle-file.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { startKiosk } from '../helpers/kiosk.ts';
import { VBUNDLE, vectorCards, VNOW, VROOT } from '../helpers/kiosk-data.ts';
import { seedAtVersion, tempDataDir } from '../helpers/store.ts';

const T0 = Date.parse('2026-11-22T00:00:00Z');
const DAY = '2026-11-22'; // the seeded scans' Dhaka date
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const OLDER = MIGRATIONS.slice(0, -1).map((m) => m.version);
const validCard = vectorCards().find((c) => c.expect.status === 'valid')!;

/**
 * A data dir at schema `version` (seedAtVersion), with the vectors bundle stored as that
 * version's code stored it from schema 3 on: from 5 with the record of its signers, before without.
 */
function olderDataDir(version: number): string {
  const dir = tempDataDir('older');
  seedAtVersion(dir, version, T0);
  if (version >= 3) {
    const roots = loadRoots([VROOT]);
    if (!roots.ok) throw new Error(roots.why);
    const bytes = fs.readFileSync(VBUNDLE);
    const opened = openBundle(bytes, roots.roots);
    if (!opened.ok) throw new Error(opened.why);
    const { payload: p, sha256, signatureKids, signedBy } = opened.bundle;
    const db = new Database(dbFile(dir));
    const row = [p.version, sha256, bytes, p.issuedAt, p.expiresAt, '2026-11-21T00:00:00Z', 'TC-1', 'usb'];
    if (version >= 5)
      db.prepare(
        `INSERT INTO trust_bundles (version, sha256, bytes, issued_at, expires_at, installed_at, actor, source, signature_kids, signed_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...row, JSON.stringify(signatureKids), JSON.stringify(signedBy));
    else
      db.prepare(
        `INSERT INTO trust_bundles (version, sha256, bytes, issued_at, expires_at, installed_at, actor, source)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...row);
    db.close();
  }
  return dir;
}

function expectUnchanged(dir: string, version: number, before: string): void {
  expect(sha(dbFile(dir))).toBe(before);
  const db = new Database(dbFile(dir), { readonly: true });
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  db.close();
}

describe('read-only commands on an older schema', () => {
  it.each(OLDER)('schema version %i: report --no-log (json and csv)', (version) => {
    const dir = olderDataDir(version);
    const before = sha(dbFile(dir));

    const json = runCli(['report', '--no-log', '--date', DAY, '--data-dir', dir]);
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const [report] = jsonLines<DailyReport>(json.stdout);
    expect(report).toMatchObject({
      date: DAY,
      total: 5,
      byStatus: { valid: 4, warning: 1, invalid: 0 },
      byOfficer: { 'OF-1': { total: 5 } },
      // Boarding-pass checks came with schema 6: none before it.
      tripChecks: { match: 0, warning: 0, mismatch: 0 },
    });

    const csv = runCli(['report', '--no-log', '--date', DAY, '--format', 'csv', '--data-dir', dir]);
    expect(csv.stderr).toBe('');
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/,tripCheck$/);
    for (const l of lines.slice(1)) expect(l).toMatch(/,$/); // no trip check

    expectUnchanged(dir, version, before);
  });

  it.each(OLDER)('schema version %i: people list --no-log', (version) => {
    const dir = olderDataDir(version);
    const before = sha(dbFile(dir));
    const r = runCli(['people', 'list', '--no-log', '--data-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Schema 1 had no people; from 2 on, the seeded supervisor.
    expect(jsonLines(r.stdout).map((p) => p.id)).toEqual(version >= 2 ? ['SV-1'] : []);
    expectUnchanged(dir, version, before);
  });

  it.each(OLDER)(
    'schema version %i: trust status, trust verify and verify --no-log read the installed bundle',
    (version) => {
      const dir = olderDataDir(version);
      const before = sha(dbFile(dir));
      const at = ['--data-dir', dir, '--root', VROOT, '--now', VNOW];

      const status = runCli(['trust', 'status', ...at]);
      const trustVerify = runCli(['trust', 'verify', VBUNDLE, ...at]);
      const verify = runCli(['verify', '--no-log', ...at], `${validCard.qr}\n`);
      expect(trustVerify.stderr).toBe(''); // before: "not comparing with the installed bundle: …"
      expect(trustVerify.status).toBe(0);
      if (version >= 3) {
        expect(status.stderr).toBe('');
        expect(status.status).toBe(0);
        expect(jsonLines(status.stdout)).toEqual([
          expect.objectContaining({ ok: true, version: 7, installedBy: 'TC-1', source: 'usb' }),
        ]);
        expect(jsonLines(trustVerify.stdout)[0]).toMatchObject({ ok: true, installedVersion: 7 });
        expect(verify.stderr).toBe('');
        expect(verify.status).toBe(0);
        expect(jsonLines(verify.stdout)).toEqual([expect.objectContaining({ status: 'valid' })]);
      } else {
        // No trust store before schema 3: nothing was ever installed there, and that is what is said.
        expect(status.status).toBe(1);
        expect(status.stderr).toBe(`bmet-kiosk: NO_TRUST_BUNDLE: no trust bundle is installed in ${dir}\n`);
        expect(jsonLines(status.stdout)).toEqual([
          { ok: false, code: 'NO_TRUST_BUNDLE', message: `no trust bundle is installed in ${dir}` },
        ]);
        expect(jsonLines(trustVerify.stdout)[0]).toMatchObject({ ok: true, installedVersion: null });
        expect(verify.status).toBe(1);
        expect(verify.stderr).toMatch(/no trust bundle is installed in .*trust install FILE/);
      }
      expectUnchanged(dir, version, before);
    },
  );

  it.each(OLDER.filter((v) => v >= 3))(
    'schema version %i: start --no-log runs with the installed bundle in force',
    async (version) => {
      const dir = olderDataDir(version);
      const before = sha(dbFile(dir));
      // Its address is printed once it is ready, after the line saying what is in force.
      const kiosk = await startKiosk(['--no-log', '--no-usb', '--root', VROOT, '--now', VNOW], dir);
      // 'close' comes once its stderr has been read to the end ('exit' may come before).
      const closed = new Promise((resolve) => kiosk.child.once('close', resolve));
      await kiosk.stop();
      await closed;
      expect(kiosk.stderr()).toMatch(/kiosk ready \(production, trust bundle version 7, log /);
      expectUnchanged(dir, version, before);
    },
  );
});
