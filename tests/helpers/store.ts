/** Temporary data dirs on real disk and made-up verdicts for store tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Verdict } from '../../main/contract/verdict.ts';
import type { Status } from '../../main/contract/codes.ts';

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
