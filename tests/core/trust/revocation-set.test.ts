import { describe, expect, it } from 'vitest';
import { RevocationSet } from '../../../main/core/trust/revocation-set.ts';

const id = (n: number) => `BMET-2026-${String(n).padStart(8, '0')}`;

describe('RevocationSet', () => {
  it('answers exactly: listed ids yes, everything else no', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => id(i * 2));
    const set = new RevocationSet(ids);
    expect(set.size).toBe(50_000);
    for (let i = 0; i < 100_000; i++) expect(set.has(id(i))).toBe(i % 2 === 0);
  });

  it.each([
    ['a prefix', 'BMET-2026-0000000'],
    ['an extension', 'BMET-2026-000000420'],
    ['another case', 'bmet-2026-00000042'],
    ['the empty string', ''],
    ['a same-length neighbour', 'BMET-2026-00000043'],
  ])('does not confuse %s with a listed id', (_why, probe) => {
    expect(new RevocationSet(['BMET-2026-00000042']).has(probe)).toBe(false);
  });

  it('keeps duplicates once', () => {
    const set = new RevocationSet(['ABCDEF', 'ABCDEF', 'XYZ123']);
    expect(set.size).toBe(2);
    expect(set.has('ABCDEF') && set.has('XYZ123')).toBe(true);
  });

  it('holds an empty list', () => {
    expect(new RevocationSet([]).has('ABCDEF')).toBe(false);
  });

  it('holds a million ids', () => {
    const ids = Array.from({ length: 1_000_000 }, (_, i) => id(i * 3));
    const set = new RevocationSet(ids);
    expect(set.size).toBe(1_000_000);
    expect(set.has(id(2_999_997))).toBe(true);
    expect(set.has(id(2_999_998))).toBe(false);
  });
});
