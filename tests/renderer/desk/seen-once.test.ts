// The desk shows each result once though it arrives twice (reply and event), and remembers only
// the last ids: a desk left running for months keeps a bounded set.
import { describe, expect, it } from 'vitest';
import { seenOnce } from '../../../renderer/desk/seen-once.ts';

describe('seenOnce', () => {
  it('is true the first time an id comes, false when it comes again', () => {
    const s = seenOnce(4);
    expect(s.first('a')).toBe(true);
    expect(s.first('a')).toBe(false);
    expect(s.first('b')).toBe(true);
    expect(s.first('a')).toBe(false);
  });

  it('keeps only the last `limit` ids however many come, forgetting the oldest first', () => {
    const limit = 64;
    const s = seenOnce(limit);
    for (let i = 0; i < 10 * limit; i++) {
      expect(s.first(`id-${i}`)).toBe(true);
      expect(s.size).toBeLessThanOrEqual(limit);
    }
    expect(s.size).toBe(limit);
    const newest = 10 * limit - 1;
    expect(s.first(`id-${newest}`)).toBe(false); // still remembered
    expect(s.first(`id-${newest - limit + 1}`)).toBe(false); // the oldest still kept
    expect(s.first(`id-${newest - limit}`)).toBe(true); // forgotten: it came before the last `limit`
  });
});
