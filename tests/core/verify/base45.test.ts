import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../../../main/core/verify/base45.ts';

// RFC 9285 §4.3 examples, both ways.
const RFC = [
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
  ['', ''],
] as const;

describe('base45', () => {
  it.each(RFC)('%j <-> %j', (plain, encoded) => {
    expect(encodeBase45(Buffer.from(plain))).toBe(encoded);
    const d = decodeBase45(encoded);
    expect(d.ok && d.value.toString()).toBe(plain);
  });

  it.each([
    ['dangling single character', 'BB8A'],
    ['character outside the alphabet', 'bb8'],
    ['lower-case letter', 'QED8wEX0'],
    ['non-ASCII', 'BB\u00c8'],
    ['triplet above 65535 (GGW = 65536)', 'GGW'],
    ['pair above 255 (:6 = 44 + 6*45 = 314)', ':6'],
    ['padding', 'BB8='],
  ])('rejects %s', (_why, text) => {
    expect(decodeBase45(text)).toEqual({ ok: false, code: 'BASE45_INVALID' });
  });

  it('accepts the largest triplet (FGW = 65535) and pair (U5 = 255)', () => {
    const t = decodeBase45('FGW');
    expect(t.ok && [...t.value]).toEqual([0xff, 0xff]);
    const p = decodeBase45('U5');
    expect(p.ok && [...p.value]).toEqual([0xff]);
  });

  it('round-trips random bytes', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let n = 0; n < 300; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, rnd));
      const d = decodeBase45(encodeBase45(bytes));
      expect(d.ok && d.value.equals(bytes)).toBe(true);
    }
  });
});
