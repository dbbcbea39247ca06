// Unreadable is not forgery: every way a real card's scan can be cut short is a read
// failure (scan again), while cards read whole but bad stay invalid. Real cards, the real
// verifier, the one classification in main/contract/verdict.ts.
import { describe, expect, it } from 'vitest';
import { isUnreadable, READ_FAILURE_CODES, shownStatus } from '../../main/contract/verdict.ts';
import { verifyQr } from '../../main/core/verify/verify-qr.ts';
import { vectorCards } from '../helpers/kiosk.ts';
import { ISSUER, testTrust } from '../helpers/trust.ts';
import { encodeCard } from '../../keys/card-encoder.ts';

const NOW = Date.parse('2026-11-22T06:00:00Z');

describe('unreadable scans', () => {
  it('a card cut at any point after its prefix, or run into the next, is unreadable, never a forgery', () => {
    const trust = testTrust();
    const qr = encodeCard(
      {
        iss: 'BD-BMET',
        iat: NOW / 1000 - 86400,
        exp: NOW / 1000 + 86400,
        clearance: {
          v: 1,
          cid: 'BMET-2026-00012345',
          pp: 'A01234567',
          ppx: '2031-01-01',
          nm: 'MD RAHIM UDDIN',
          dob: '1990-05-05',
          sx: 'M',
          dst: 'SA',
          vt: 'EMP',
        },
      },
      ISSUER,
    );
    expect(verifyQr(qr, { trust, nowMs: NOW }).status).toBe('valid');
    for (let cut = 0; cut < qr.length; cut++) {
      for (const text of [qr.slice(0, cut), qr.slice(cut)]) {
        const v = verifyQr(text, { trust, nowMs: NOW });
        if (v.status === 'valid') continue; // the whole card again (cut 0)
        const codes = v.reasons.map((r) => r.code);
        expect({ cut, codes, unreadable: isUnreadable(v.status, codes) }).toEqual({
          cut,
          codes,
          unreadable: true,
        });
      }
    }
    // Two scans run together: the second's prefix is not base45.
    const twice = verifyQr(qr + qr, { trust, nowMs: NOW });
    expect(
      shownStatus(
        twice.status,
        twice.reasons.map((r) => r.code),
      ),
    ).toBe('unreadable');
  });

  it('cards read whole but bad stay invalid: the vectors whose codes are not read failures', () => {
    for (const c of vectorCards().values()) {
      const unreadable = isUnreadable(c.expect.status as 'invalid', c.expect.codes);
      const allRead =
        c.expect.codes.length > 0 &&
        c.expect.codes.every((x) => (READ_FAILURE_CODES as readonly string[]).includes(x));
      expect({ name: c.name, unreadable }).toEqual({
        name: c.name,
        unreadable: c.expect.status === 'invalid' && allRead,
      });
      if (c.expect.codes.includes('SIGNATURE_INVALID') || c.expect.codes.includes('COSE_MALFORMED'))
        expect(unreadable).toBe(false);
    }
    expect(shownStatus('warning', ['DUPLICATE_SCAN'])).toBe('warning');
    expect(shownStatus('invalid', ['FORMAT_UNKNOWN', 'SIGNATURE_INVALID'])).toBe('invalid');
    expect(shownStatus('invalid', [])).toBe('invalid');
  });
});
