/**
 * Retention: verifications older than the configured number of days that BMET has
 * acknowledged lose their personal fields (name, passport). Counts, statuses and the
 * chain stay. A redacted record's hash can no longer be recomputed (the passport is
 * inside it), so each record is re-hashed just before it is redacted and only cleared if
 * it verifies; afterwards verifyChain checks redacted records by linkage (seq and
 * prevHash), the rest in full. BMET holds every acknowledged record whole.
 */
import { hashRecord } from './chain.ts';
import type { Db } from './database.ts';
import { recordFromRow, WIRE_COLUMNS, type WireRow } from './outbox.ts';

export const DEFAULT_RETENTION_DAYS = 90;
export const RETENTION_SETTING = 'retentionDays';
const DAY_MS = 86_400_000;
const CHUNK = 5000;

export interface RetentionResult {
  days: number;
  cutoff: string;
  redacted: number;
  /** Records left whole because their hash did not verify: evidence, not to be destroyed. */
  skippedBroken: number[];
}

export function parseRetentionDays(s: string | null): number {
  const n = s === null ? DEFAULT_RETENTION_DAYS : Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 36500 ? n : DEFAULT_RETENTION_DAYS;
}

export function applyRetention(db: Db, days: number, nowMs: number): RetentionResult {
  const cutoffMs = nowMs - days * DAY_MS;
  const at = new Date(nowMs).toISOString();
  const pick = db.prepare(`SELECT ${WIRE_COLUMNS}, scanned_ms FROM verifications
    WHERE synced_at IS NOT NULL AND redacted_at IS NULL AND scanned_ms < ? AND (scanned_ms, seq) > (?, ?)
    ORDER BY scanned_ms, seq LIMIT ?`);
  const redact = db.prepare(
    'UPDATE verifications SET passport = NULL, name = NULL, redacted_at = ? WHERE seq = ?',
  );
  const result: RetentionResult = {
    days,
    cutoff: new Date(cutoffMs).toISOString(),
    redacted: 0,
    skippedBroken: [],
  };
  let afterMs = -Infinity;
  let afterSeq = 0;
  for (;;) {
    const more = db
      .transaction(() => {
        const rows = pick.all(cutoffMs, afterMs, afterSeq, CHUNK) as (WireRow & { scanned_ms: number })[];
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
    if (!more) return result;
  }
}
