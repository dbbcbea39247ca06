/**
 * Waiting in the sync engine: the clock it schedules by (injectable, so tests run the
 * real 1 s..5 min and 1 h policy on a faster clock instead of editing constants), the
 * exponential backoff with jitter, and Retry-After parsing.
 */

export interface SyncClock {
  /** Milliseconds on this clock's time line (wall time for the real clock). */
  now(): number;
  /** Calls `fn` after `ms` of this clock's time; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const realClock: SyncClock = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(t);
  },
};

/** A clock that runs `factor` times faster than the wall: tests pass 1000 so 1 s of policy is 1 ms. */
export function fastClock(factor: number): SyncClock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * factor,
    after(ms, fn) {
      const t = setTimeout(fn, Math.max(0, ms / factor));
      return () => clearTimeout(t);
    },
  };
}

export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 300_000;
export const AUTH_RETRY_MS = 3_600_000;
/** The longest Retry-After the kiosk honours; a longer one is cut to this (and logged). */
export const RETRY_AFTER_MAX_MS = 3_600_000;

/**
 * The wait before retry number `attempt` (0-based) of a transient failure: the ceiling
 * doubles from 1 s to 5 min and the wait is drawn from its upper half, so kiosks that
 * failed together do not all come back in the same second.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(attempt, 20));
  const wait = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, wait)));
}

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from `nowMs`; null if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  if (v.length > 64 || !/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
