// The reference server's own RFC 8785 canonicalization agrees with the kiosk's (the
// `canonicalize` package) on records and on the RFC's own examples, without sharing code.
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { jcs } from '../../server/jcs.ts';
import { prng } from '../helpers/prng.ts';
import { cleanup, makeKiosk } from '../helpers/sync.ts';

describe('server jcs (RFC 8785)', () => {
  it('RFC 8785 §3.2.2 and §3.2.3 examples', () => {
    // §3.2.2's example input, serialized as the RFC shows.
    // Parsed from the RFC's JSON text: a number literal with that many digits would not survive as source.
    const input: unknown = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(jcs(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    // §3.2.3: sorted by UTF-16 code units, not by code points or locale.
    const sorting = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // (Object.values would put "1" first: integer-like keys lead in JS objects, so read the text.)
    expect([...jcs(sorting).matchAll(/:"([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(jcs(-0)).toBe('0');
    expect(() => jcs(NaN)).toThrow();
    expect(() => jcs('a\ud800b')).toThrow();
    expect(() => canonicalize('a\ud800b')).toThrow();
  });

  it('agrees with the kiosk canonicalizer on logged records and on random JSON', () => {
    const k = makeKiosk(200);
    try {
      for (const r of k.store.recordsFrom(1, 200)) expect(jcs(r)).toBe(canonicalize(r));
    } finally {
      k.store.close();
      cleanup(k.dataDir);
    }
    const p = prng(8785);
    const rnd = () => p.next();
    const pick = <T>(xs: readonly T[]) => p.pick(xs);
    const str = () =>
      Array.from({ length: Math.floor(rnd() * 8) }, () =>
        pick(['\u0001', '\u001f', '"', '\\', 'A', '\u007f', 'é', 'ম', '€', '😀', '\u2028']),
      ).join('');
    const value = (depth: number): unknown => {
      const kind = Math.floor(rnd() * (depth > 3 ? 4 : 6));
      if (kind === 0) return pick([null, true, false]);
      if (kind === 1) return pick([0, -1, 1e21, 1e-7, 123.456, -0.5, 2 ** 53, rnd() * 1e6]);
      if (kind <= 3) return str();
      if (kind === 4) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(rnd() * 4) }, () => [str(), value(depth + 1)]),
      );
    };
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      expect(jcs(v)).toBe(canonicalize(v));
    }
  });
});
