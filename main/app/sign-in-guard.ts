/**
 * `createSignInGuard`: the kiosk-wide limit on failed sign-ins, across every id and screen.
 * A few failures are free; past them each try waits twice as long as the last (up to
 * MAX_DELAY_MS) before a PIN is checked at all, so a flood spends no scrypt work and writes
 * no row per attempt: a burst is audited as one line when it starts and one when it ends.
 * Tries refused here get the same answer whatever the id (nothing tells which ids exist).
 */

import type { AuditDetails } from '../contract/audit.ts';

/** Failures that cost nothing more than the per-id lock-out. */
export const FREE_FAILURES = 10;
/** The count starts again only after this long without a failure: a steady flood stays at the longest wait. */
export const WINDOW_MS = 15 * 60_000;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;
/** PIN checks waiting or running at once; more are turned away (each would queue a 32 MiB scrypt). */
export const MAX_PENDING = 4;
/** Ids a burst's audit line names at most. */
const SAMPLE_IDS = 10;
/** Distinct ids a burst counts exactly; past this its line says "at least". */
const COUNT_IDS = 1000;

export interface SignInGuardOptions {
  /** Monotonic ms (performance.now): the wall clock may jump; waiting is real time. */
  monotonic: () => number;
  /** Writes a 'login.throttled' audit line. */
  audit: (detail: AuditDetails['login.throttled']) => void;
}

export type Admission = { ok: true; done(failed: boolean): void } | { ok: false; retryInMs: number };

export interface SignInGuard {
  /** May a PIN be checked for `id` now? When yes, call done() with the outcome. */
  admit(id: string): Admission;
  /** Ends an open burst's audit line (the kiosk is stopping). */
  close(): void;
}

interface Burst {
  startedAt: number;
  refused: number;
  ids: Set<string>;
}

export function createSignInGuard(o: SignInGuardOptions): SignInGuard {
  let failures = 0; // since the last quiet WINDOW_MS
  let lastFailure = -Infinity; // monotonic
  let pending = 0;
  let burst: Burst | null = null;

  function allowedAt(now: number): number {
    if (now - lastFailure >= WINDOW_MS) failures = 0;
    const over = failures - FREE_FAILURES;
    if (over < 0) return now;
    return lastFailure + Math.min(FIRST_DELAY_MS * 2 ** Math.min(over, 30), MAX_DELAY_MS);
  }

  function endBurst(now: number): void {
    if (!burst) return;
    o.audit({
      phase: 'end',
      refused: burst.refused,
      ids: burst.ids.size,
      ...(burst.ids.size >= COUNT_IDS ? { idsAtLeast: true } : {}),
      sampleIds: [...burst.ids].slice(0, SAMPLE_IDS),
      seconds: Math.round((now - burst.startedAt) / 1000),
    });
    burst = null;
  }

  function refuse(id: string, now: number, retryInMs: number, why: 'backoff' | 'busy'): Admission {
    if (!burst) {
      burst = { startedAt: now, refused: 0, ids: new Set() };
      o.audit({
        phase: 'start',
        why,
        failures,
        retryInSeconds: Math.ceil(retryInMs / 1000),
      });
    }
    burst.refused++;
    if (burst.ids.size < COUNT_IDS) burst.ids.add(id);
    return { ok: false, retryInMs };
  }

  return {
    admit(id) {
      const now = o.monotonic();
      const at = allowedAt(now);
      if (at > now) return refuse(id, now, at - now, 'backoff');
      if (pending >= MAX_PENDING) return refuse(id, now, FIRST_DELAY_MS, 'busy');
      endBurst(now);
      pending++;
      let settled = false;
      return {
        ok: true,
        done(failed) {
          if (settled) return;
          settled = true;
          pending--;
          if (!failed) return;
          const t = o.monotonic();
          if (t - lastFailure >= WINDOW_MS) failures = 0;
          failures++;
          lastFailure = t;
        },
      };
    },
    close() {
      endBurst(o.monotonic());
    },
  };
}
