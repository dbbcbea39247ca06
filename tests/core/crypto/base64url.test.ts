// Strict base64url: the canonical-form check looks at the last character's unused bits instead
// of re-encoding; it must refuse and accept exactly what the round trip would.
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../../main/core/crypto/base64url.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The definition: decodes, and encodes back to the same text. */
function byRoundTrip(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = Buffer.from(text, 'base64url');
  return out.toString('base64url') === text ? out : null;
}

function* allOfLength(n: number, prefix = ''): Generator<string> {
  if (n === 0) yield prefix;
  else for (const c of ALPHABET) yield* allOfLength(n - 1, prefix + c);
}

describe('fromBase64url', () => {
  it.each([2, 3])('agrees with the round trip on every %i-character text', (n) => {
    let accepted = 0;
    for (const text of allOfLength(n)) {
      const got = fromBase64url(text);
      expect(got, text).toEqual(byRoundTrip(text));
      if (got) accepted++;
    }
    // One byte has 256 canonical 2-character forms; two bytes 65,536 3-character forms.
    expect(accepted).toBe(n === 2 ? 256 : 65_536);
  });

  it('agrees with the round trip on long texts with every possible last character', () => {
    for (const len of [4, 6, 7, 8, 1022, 1023]) {
      const head = toBase64url(Buffer.alloc(len, 0xa5)).slice(0, -1);
      for (const last of ALPHABET) {
        const text = head + last;
        expect(fromBase64url(text), text).toEqual(byRoundTrip(text));
      }
    }
  });

  it.each([
    ['padding', 'QQ=='],
    ['standard alphabet', 'a+b/'],
    ['a lone character', 'A'],
    ['five characters', 'AAAAA'],
    ['whitespace', 'QUJD RA'],
    ['non-ASCII', 'QUJDÄ'],
  ])('refuses %s', (_what, text) => {
    expect(fromBase64url(text)).toBeNull();
  });

  it('reads the empty text as no bytes', () => {
    expect(fromBase64url('')).toEqual(Buffer.alloc(0));
  });
});
