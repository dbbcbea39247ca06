// Backoff bounds and Retry-After in both of its forms.
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  BACKOFF_MAX_MS,
  BACKOFF_MIN_MS,
  fastClock,
  parseRetryAfter,
} from '../../../main/core/sync/timing.ts';

describe('backoff', () => {
  it('grows from 1 s to 5 min, never outside, with jitter in the upper half', () => {
    for (const r of [0, 0.5, 0.999]) {
      const waits = Array.from({ length: 30 }, (_, i) => backoffMs(i, () => r));
      for (const w of waits) {
        expect(w).toBeGreaterThanOrEqual(BACKOFF_MIN_MS);
        expect(w).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }
      expect(waits.at(-1)).toBeGreaterThanOrEqual(BACKOFF_MAX_MS / 2);
    }
    expect(backoffMs(0, () => 0)).toBe(1000);
    expect(backoffMs(3, () => 0)).toBe(4000);
    expect(backoffMs(3, () => 1)).toBe(8000);
    expect(backoffMs(9, () => 1)).toBe(300_000);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-22T06:00:00Z');
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 22 Nov 2026 06:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 05:00:00 GMT', now)).toBe(0);
  });
  it('gives null for anything else', () => {
    for (const v of [
      undefined,
      '',
      '-5',
      '1.5',
      'soon',
      '9'.repeat(11),
      'Sun, 22 Nov 2026 06:00:30 UTC',
      'x'.repeat(500),
    ])
      expect(parseRetryAfter(v, now)).toBeNull();
  });
});

describe('fastClock', () => {
  it('runs the policy faster than the wall', async () => {
    const c = fastClock(1000);
    const t0 = c.now();
    await new Promise<void>((r) => c.after(5_000, r)); // 5 s of policy, 5 ms of wall
    expect(c.now() - t0).toBeGreaterThanOrEqual(4_000);
  });
});
