/**
 * The scan path every front end shares (CLI verify/listen, the kiosk screens): verify,
 * then write the verdict to the log, then hand it back: log before show. A log that
 * cannot be written never blocks the verdict; it is reported with it.
 */
import type { LogOutcome } from '../../contract/api.ts';
import type { Verdict } from '../../contract/verdict.ts';
import type { PreparedTrust } from '../trust/prepared-trust.ts';
import { checkCard, judgeCard, overlongVerdict, type CheckedCard } from '../verify/verify-qr.ts';

/** What the path needs of the log: the store (main/core/store/store.ts) is one. */
export interface ScanLog {
  /** When `cid` first got a valid or warning verdict within the 24 h before `nowMs` (ISO), or null: feeds DUPLICATE_SCAN. */
  firstSeenAt(cid: string, nowMs: number): string | null;
  /** Commits one verdict to disk before returning; throws when it cannot. */
  logVerdict(verdict: Verdict, qr: string, nowMs: number, officerId: string): { seq: number };
}

export interface ScanPathOptions {
  /** null: no trust bundle in force; the scan is answered NO_TRUST and still logged. */
  trust: PreparedTrust | null;
  /** null: no log in this run (--no-log or no store); the outcome says so. */
  log: ScanLog | null;
  /** Why there is no log, when `log` is null. */
  noLogCode?: 'LOG_DISABLED' | 'LOG_UNAVAILABLE';
  officer: string;
}

export interface ScanOutcome {
  verdict: Verdict;
  log: LogOutcome;
}

/**
 * Verifies `qr` at `nowMs` and logs the verdict; never throws for a log failure.
 * `overlong`: the reader cut the scan at its bound; it is answered PAYLOAD_TOO_LARGE without
 * decoding the cut text, and logged with the SHA-256 of what was actually read.
 */
export function scanOnce(qr: string, nowMs: number, o: ScanPathOptions, overlong = false): ScanOutcome {
  // decidedScan answers null only when there is a trust to check the card against.
  return closeScan(decidedScan(o, overlong) ?? checkCard(qr, o.trust!.keys), qr, nowMs, o);
}

/**
 * The verdict a scan gets before anything of it is read, or null when its card is to be
 * checked (checkCard, against `o.trust`'s keys: here, or on a batch's worker).
 */
export function decidedScan(o: ScanPathOptions, overlong: boolean): Verdict | null {
  if (overlong) return overlongVerdict();
  // Nothing to verify against: still a verdict (call a technician) and a log row, never a lost scan.
  if (!o.trust) return noTrustVerdict();
  return null;
}

/**
 * The rest of scanOnce, once the scan is decided or its card checked: the remaining checks,
 * then the log, then the answer.
 */
export function closeScan(
  scan: Verdict | CheckedCard,
  qr: string,
  nowMs: number,
  o: ScanPathOptions,
): ScanOutcome {
  if (!('kind' in scan)) return logged(scan, qr, nowMs, o);
  const trust = o.trust;
  if (!trust) return logged(noTrustVerdict(), qr, nowMs, o); // a card is checked only against a trust
  const log = o.log;
  if (!log) return logged(judgeCard(scan, { trust, nowMs }), qr, nowMs, o);
  // A log that cannot be read cannot say "duplicate": the verdict goes on, and the write below reports the log.
  const firstSeenAt = (cid: string, t: number) => {
    try {
      return log.firstSeenAt(cid, t);
    } catch {
      return null;
    }
  };
  return logged(judgeCard(scan, { trust, nowMs, firstSeenAt }), qr, nowMs, o);
}

/** The verdict for a scan made while no trust bundle is in force: nothing of the card is read. */
export function noTrustVerdict(): Verdict {
  return { status: 'invalid', reasons: [{ code: 'NO_TRUST' }], kid: null, clearance: null };
}

/** Writes the verdict (when there is a log) before handing it back. */
function logged(verdict: Verdict, qr: string, nowMs: number, o: ScanPathOptions): ScanOutcome {
  if (!o.log) return { verdict, log: { state: 'off', code: o.noLogCode ?? 'LOG_DISABLED' } };
  try {
    const { seq } = o.log.logVerdict(verdict, qr, nowMs, o.officer);
    return { verdict, log: { state: 'logged', seq } };
  } catch (err) {
    return {
      verdict,
      log: { state: 'failed', code: 'LOG_WRITE_FAILED', message: (err as Error).message ?? String(err) },
    };
  }
}
