/**
 * Retention: verifications that BMET acknowledged more than the configured number of
 * days ago lose their personal fields (name, passport). Counts, statuses and the chain
 * stay. Age is judged against a trusted time (trusted-clock.ts: BMET's Date on its last
 * acknowledgement plus the boot clock), never the wall clock alone, so a wrong or fixed
 * clock cannot erase anything. A redacted record's hash can no longer be recomputed (the
 * passport is inside it), so each record is re-hashed just before it is redacted and
 * only cleared if it verifies; afterwards verifyChain checks redacted records by linkage
 * and by redaction.ts's rule. BMET holds every acknowledged record whole.
 */
import type { RetentionRun } from '../../contract/audit.ts';
import { hashRecord } from './chain.ts';
import type { Db } from './database.ts';
import { recordFromRow, WIRE_COLUMNS, type WireRow } from './outbox.ts';
import { DAY_MS } from './redaction.ts';

export { DEFAULT_RETENTION_DAYS, parseRetentionDays, RETENTION_SETTING } from './redaction.ts';

/** Rows redacted per transaction, so a scan never waits behind a long pass. */
const CHUNK = 5000;

export interface RetentionResult extends RetentionRun {
  /** Set when the pass did not run: no trusted time, or the clock looks jumped. */
  skipped?: { code: 'RETENTION_NO_TRUSTED_TIME' | 'RETENTION_CLOCK_JUMPED'; why: string };
}

/** Redacts records scanned and acknowledged before `trustedMs - days`; stamps them with `trustedMs`. */
export function applyRetention(db: Db, days: number, trustedMs: number): RetentionResult {
  const cutoffMs = trustedMs - days * DAY_MS;
  const cutoffIso = new Date(cutoffMs).toISOString();
  const at = new Date(trustedMs).toISOString();
  const pick = db.prepare(`SELECT ${WIRE_COLUMNS}, scanned_ms FROM verifications
    WHERE synced_at IS NOT NULL AND redacted_at IS NULL AND scanned_ms < ? AND synced_at < ?
      AND (scanned_ms, seq) > (?, ?)
    ORDER BY scanned_ms, seq LIMIT ?`);
  const redact = db.prepare(
    'UPDATE verifications SET passport = NULL, name = NULL, redacted_at = ? WHERE seq = ?',
  );
  const result: RetentionResult = {
    days,
    trustedNow: at,
    cutoff: cutoffIso,
    redacted: 0,
    skippedBroken: [],
    tripNamesCleared: 0,
  };
  let afterMs = -Infinity;
  let afterSeq = 0;
  for (;;) {
    const more = db
      .transaction(() => {
        const rows = pick.all(cutoffMs, cutoffIso, afterMs, afterSeq, CHUNK) as (WireRow & {
          scanned_ms: number;
        })[];
        for (const r of rows) {
          if (hashRecord(recordFromRow(r)) !== r.hash) result.skippedBroken.push(r.seq);
          else {
            redact.run(at, r.seq);
            result.redacted++;
          }
          afterMs = r.scanned_ms;
          afterSeq = r.seq;
        }
        return rows.length === CHUNK;
      })
      .immediate();
    if (!more) break;
  }
  result.tripNamesCleared = clearTripNames(db, cutoffIso);
  return result;
}

/**
 * Clears the printed name of boarding-pass checks made before `cutoffIso`, in id order (ids grow
 * with time in this append-only table) and in chunks, so a scan never waits behind a long pass.
 */
function clearTripNames(db: Db, cutoffIso: string): number {
  const pick = db
    .prepare(
      `SELECT id FROM trip_checks WHERE id > ? AND checked_at < ? AND pass_name <> '' ORDER BY id LIMIT ?`,
    )
    .pluck();
  const clear = db.prepare(`UPDATE trip_checks SET pass_name = '' WHERE id = ?`);
  let cleared = 0;
  let afterId = 0;
  for (;;) {
    const ids = db
      .transaction(() => {
        const picked = pick.all(afterId, cutoffIso, CHUNK) as number[];
        for (const id of picked) clear.run(id);
        return picked;
      })
      .immediate();
    cleared += ids.length;
    if (ids.length < CHUNK) return cleared;
    afterId = ids[ids.length - 1]!;
  }
}
