/**
 * Time the kiosk has reason to trust, for what erases data (retention): BMET's own clock
 * as last seen on an acknowledgement, plus the time since then on the machine's boot
 * clock (which a wall-clock change cannot move). Exports the anchor sync records, the boot
 * clock, and `judgeClock`, which gives a trusted "now" or says why there is none.
 */
import fs from 'node:fs';
import os from 'node:os';

/** The sync_state key of the last BMET time seen on an acknowledgement. */
export const BMET_TIME_KEY = 'clock.bmet';
/** How far the wall clock may stray from the trusted estimate before it counts as jumped. */
export const CLOCK_JUMP_LIMIT_MS = 5 * 60_000;

/** A reading of the machine's boot clock: which boot, and how long since it (suspend included). */
export interface BootClock {
  bootId: string | null;
  uptimeMs: number;
}

/** BMET's Date on an acknowledgement, with the kiosk's wall and boot clocks at that moment. */
export interface BmetTimeAnchor {
  serverMs: number;
  localMs: number;
  bootId: string | null;
  uptimeMs: number;
}

let bootIdCache: string | null | undefined;

/**
 * Linux: the kernel's boot id and `os.uptime()` (CLOCK_BOOTTIME, runs through suspend, is
 * not moved by setting the date). Elsewhere the boot id is null and no elapsed time is
 * credited across processes: the trusted time is then BMET's last Date itself (later, never earlier).
 */
export function readBootClock(): BootClock {
  if (bootIdCache === undefined) {
    try {
      bootIdCache = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootIdCache = null;
    }
  }
  return { bootId: bootIdCache, uptimeMs: Math.round(os.uptime() * 1000) };
}

export function encodeAnchor(a: BmetTimeAnchor): string {
  return JSON.stringify(a);
}

export function decodeAnchor(s: string | null): BmetTimeAnchor | null {
  if (!s) return null;
  try {
    const a = JSON.parse(s) as Partial<BmetTimeAnchor>;
    const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!num(a.serverMs) || !num(a.localMs) || !num(a.uptimeMs)) return null;
    return {
      serverMs: a.serverMs,
      localMs: a.localMs,
      uptimeMs: a.uptimeMs,
      bootId: typeof a.bootId === 'string' ? a.bootId : null,
    };
  } catch {
    return null;
  }
}

export type ClockJudgement =
  | { ok: true; trustedMs: number; basis: 'bmet' | 'bmet+boot-clock' }
  | { ok: false; code: 'RETENTION_NO_TRUSTED_TIME' | 'RETENTION_CLOCK_JUMPED'; why: string };

/**
 * The trusted now: BMET's last acknowledged Date, plus the boot clock's elapsed time when
 * still on the same boot, and never later than the wall clock. The wall clock "looks
 * jumped" when it is behind the wall time of that acknowledgement, or (same boot) differs
 * from it + elapsed by more than CLOCK_JUMP_LIMIT_MS.
 */
export function judgeClock(wallMs: number, anchor: BmetTimeAnchor | null, boot: BootClock): ClockJudgement {
  if (!anchor)
    return {
      ok: false,
      code: 'RETENTION_NO_TRUSTED_TIME',
      why: 'no acknowledgement from BMET has given a time yet',
    };
  const iso = (ms: number) => new Date(ms).toISOString();
  if (wallMs < anchor.localMs - CLOCK_JUMP_LIMIT_MS)
    return {
      ok: false,
      code: 'RETENTION_CLOCK_JUMPED',
      why: `the kiosk clock (${iso(wallMs)}) is behind its own time at BMET's last acknowledgement (${iso(anchor.localMs)})`,
    };
  const sameBoot =
    anchor.bootId !== null && anchor.bootId === boot.bootId && boot.uptimeMs >= anchor.uptimeMs;
  if (sameBoot) {
    const elapsed = boot.uptimeMs - anchor.uptimeMs;
    const expectedWall = anchor.localMs + elapsed;
    if (Math.abs(wallMs - expectedWall) > CLOCK_JUMP_LIMIT_MS)
      return {
        ok: false,
        code: 'RETENTION_CLOCK_JUMPED',
        why: `the kiosk clock (${iso(wallMs)}) moved ${Math.round((wallMs - expectedWall) / 1000)} s away from the time elapsed since BMET's last acknowledgement`,
      };
    return { ok: true, trustedMs: Math.min(wallMs, anchor.serverMs + elapsed), basis: 'bmet+boot-clock' };
  }
  return { ok: true, trustedMs: Math.min(wallMs, anchor.serverMs), basis: 'bmet' };
}
