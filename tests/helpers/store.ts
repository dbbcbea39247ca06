/** Temporary data dirs on real disk and made-up verdicts for store tests. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Verdict } from '../../main/contract/verdict.ts';
import type { Status } from '../../main/contract/codes.ts';
import { AuditLog } from '../../main/core/store/audit.ts';
import { openDatabase } from '../../main/core/store/database.ts';
import { People } from '../../main/core/store/people.ts';
import { VerificationLog } from '../../main/core/store/verification-log.ts';

/** A fresh data dir under the OS temp dir (real disk here, not /dev/shm). */
export function tempDataDir(tag = 'store'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bmet-${tag}-`));
}

export function fakeVerdict(i: number, status: Status = 'valid', dst = 'KW'): Verdict {
  if (status === 'invalid' && i % 2 === 0)
    return { status, reasons: [{ code: 'SIGNATURE_INVALID' }], kid: 'kid-a', clearance: null, claims: null };
  return {
    status,
    reasons:
      status === 'warning'
        ? [
            {
              code: 'RULE_FAILED',
              rule: 'KW-PASSPORT-6M',
              text: { en: 'Passport must be valid 6 months', bn: 'পাসপোর্ট' },
            },
          ]
        : status === 'invalid'
          ? [{ code: 'CLEARANCE_REVOKED' }]
          : [],
    kid: 'kid-a',
    clearance: {
      v: 1,
      cid: `BMET-2026-${String(i).padStart(8, '0')}`,
      pp: `A${String(i).padStart(8, '0')}`,
      ppx: '2030-01-01',
      nm: `WORKER ${i}`,
      dob: '1990-01-01',
      sx: 'M',
      dst,
      vt: 'EMP',
    },
    claims: { iss: 'BMET', iat: 1_700_000_000, exp: 1_900_000_000 },
  };
}

/**
 * Puts representative rows into a new database at schema `version`, the way that version's code
 * wrote them: five verifications (scanned t0 + 1..5 s), from version 2 a supervisor SV-1 (audited),
 * from version 3 an installed bundle.
 */
export function seedAtVersion(dir: string, version: number, t0: number): void {
  const { db } = openDatabase({ dataDir: dir, upTo: version });
  if (db.pragma('user_version', { simple: true }) !== version) throw new Error(`not at schema ${version}`);
  if (version >= 1) {
    const log = new VerificationLog(db);
    for (let i = 1; i <= 5; i++)
      log.append({
        verdict: fakeVerdict(i, i === 2 ? 'warning' : 'valid'),
        qr: `QR${i}`,
        nowMs: t0 + i * 1000,
        officerId: 'OF-1',
      });
  }
  if (version >= 2)
    new People(db, new AuditLog(db), () => t0).add(
      { id: 'SV-1', name: 'Sup', role: 'supervisor', pin: '246810' },
      'system',
    );
  if (version >= 3) {
    db.prepare(
      `INSERT INTO trust_bundles (version, sha256, bytes, issued_at, expires_at, installed_at, actor, source)
      VALUES (3, 'ab', x'00', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'TC-1', 'usb')`,
    ).run();
  }
  db.close();
}

/**
 * The data dir's content (each file's name and bytes), to show a command changed nothing. A
 * read-only SQLite connection may leave a -shm (its shared-memory index, no data) and an empty -wal.
 */
export function dirDigest(dir: string): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.endsWith('-shm') || (f.endsWith('-wal') && fs.statSync(path.join(dir, f)).size === 0)) continue;
    h.update(f).update(fs.readFileSync(path.join(dir, f)));
  }
  return h.digest('hex');
}
