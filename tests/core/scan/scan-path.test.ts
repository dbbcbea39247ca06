// The shared scan path: log before show, a failing log never hides the verdict, and a scan
// its reader cut is answered PAYLOAD_TOO_LARGE and logged as what was actually read.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../main/contract/verdict.ts';
import { scanOnce, type ScanLog } from '../../../main/core/scan/scan-path.ts';
import { encodeCard } from '../../../keys/card-encoder.ts';
import { ISSUER, testTrust } from '../../helpers/trust.ts';

const NOW = Date.parse('2026-11-22T06:00:00Z');
const trust = testTrust();
const card = encodeCard(
  {
    iss: 'BD-BMET',
    iat: NOW / 1000 - 60,
    exp: NOW / 1000 + 86400,
    clearance: {
      v: 1,
      cid: 'BMET-2026-00000001',
      pp: 'A01234567',
      ppx: '2031-01-01',
      nm: 'A B',
      dob: '1990-01-01',
      sx: 'M',
      dst: 'SA',
      vt: 'EMP',
    },
  },
  ISSUER,
);

function recordingLog(fail = false): ScanLog & { written: { verdict: Verdict; qr: string }[] } {
  const written: { verdict: Verdict; qr: string }[] = [];
  return {
    written,
    firstSeenAt: () => null,
    logVerdict(verdict, qr) {
      if (fail) throw new Error('disk full');
      written.push({ verdict, qr });
      return { seq: written.length };
    },
  };
}

describe('scanOnce', () => {
  it('logs the verdict before handing it back', () => {
    const log = recordingLog();
    const r = scanOnce(card, NOW, { trust, log, officer: 'OF-1' });
    expect(r.verdict.status).toBe('valid');
    expect(r.log).toEqual({ state: 'logged', seq: 1 });
    expect(log.written).toEqual([{ verdict: r.verdict, qr: card }]);
  });

  it('answers a cut scan PAYLOAD_TOO_LARGE without decoding it, logged as the text that was read', () => {
    const log = recordingLog();
    const head = card.slice(0, 100); // a genuine card's head: must not be decoded or shown
    const r = scanOnce(head, NOW, { trust, log, officer: 'OF-1' }, true);
    expect(r.verdict).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'PAYLOAD_TOO_LARGE' }],
      clearance: null,
    });
    expect(log.written[0]?.qr).toBe(head);
  });

  it('still answers when the log cannot be written, saying so', () => {
    const r = scanOnce(card, NOW, { trust, log: recordingLog(true), officer: 'OF-1' });
    expect(r.verdict.status).toBe('valid');
    expect(r.log).toMatchObject({ state: 'failed', code: 'LOG_WRITE_FAILED', message: 'disk full' });
  });

  it('runs without a log when there is none, cut scans included', () => {
    expect(scanOnce(card, NOW, { trust, log: null, officer: 'OF-1' }).log).toEqual({
      state: 'off',
      code: 'LOG_DISABLED',
    });
    expect(
      scanOnce('x', NOW, { trust, log: null, officer: 'OF-1', noLogCode: 'LOG_UNAVAILABLE' }, true),
    ).toMatchObject({
      verdict: { reasons: [{ code: 'PAYLOAD_TOO_LARGE' }] },
      log: { state: 'off', code: 'LOG_UNAVAILABLE' },
    });
  });
});
