/**
 * When a redacted record is legitimate (for `log verify`): BMET acknowledged it at least the
 * retention period before it was redacted, it was at least that old then, and it was not
 * redacted in the future. Also the retention period setting itself (its default, bounds and
 * the smallest value it has ever held).
 */
import type { Db } from './database.ts';
import { CLOCK_JUMP_LIMIT_MS } from './trusted-clock.ts';

export const DEFAULT_RETENTION_DAYS = 90;
export const RETENTION_SETTING = 'retentionDays';
export const MAX_RETENTION_DAYS = 36500;
export const DAY_MS = 86_400_000;

export function parseRetentionDays(s: string | null): number {
  const n = s === null ? DEFAULT_RETENTION_DAYS : Number(s);
  return Number.isInteger(n) && n >= 1 && n <= MAX_RETENTION_DAYS ? n : DEFAULT_RETENTION_DAYS;
}

/**
 * The shortest retention period this data dir has had: the setting now and every value an
 * audited change gave it or took from it. A redaction made under a shorter period that
 * was later raised is still legitimate.
 */
export function retentionFloorDays(db: Db): number {
  const current = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RETENTION_SETTING) as
    string | undefined;
  let floor = parseRetentionDays(current ?? null);
  const changes = db
    .prepare(
      `SELECT json_extract(detail, '$.from') AS "from", json_extract(detail, '$.to') AS "to" FROM audit
       WHERE action = 'settings.set' AND json_extract(detail, '$.key') = ?`,
    )
    .all(RETENTION_SETTING) as { from: string | null; to: string | null }[];
  for (const c of changes)
    for (const v of [c.from, c.to]) if (v !== null) floor = Math.min(floor, parseRetentionDays(String(v)));
  return floor;
}

export interface RedactedRow {
  seq: number;
  scanned_at: string;
  synced_at: string | null;
  redacted_at: string;
}

/**
 * Why a redacted row is not one retention could have made, or null when it is. Retention
 * (retention.ts) stamps redacted_at with a trusted time never later than the wall clock then,
 * and clears only records scanned and acknowledged more than the period before it. `nowMs` is
 * the verifying run's own clock; a redaction later than it by more than the step the trusted
 * clock itself tolerates (CLOCK_JUMP_LIMIT_MS) cannot have been made yet.
 */
export function redactionProblem(r: RedactedRow, floorDays: number, nowMs: number): string | null {
  if (r.synced_at === null) return 'the record is redacted but BMET never acknowledged it';
  const redacted = Date.parse(r.redacted_at);
  const synced = Date.parse(r.synced_at);
  const scanned = Date.parse(r.scanned_at);
  if ([redacted, synced, scanned].some(Number.isNaN))
    return 'the record has an unreadable scan, acknowledgement or redaction time';
  if (redacted > nowMs + CLOCK_JUMP_LIMIT_MS)
    return `the record was redacted at ${r.redacted_at}, later than this machine's clock now (${new Date(nowMs).toISOString()})`;
  if (synced > redacted) return 'the record was redacted before BMET acknowledged it';
  if (redacted - scanned < floorDays * DAY_MS)
    return `the record was redacted ${Math.floor((redacted - scanned) / DAY_MS)} days after its scan; retention keeps records ${floorDays} days`;
  if (redacted - synced < floorDays * DAY_MS)
    return `the record was redacted ${Math.floor((redacted - synced) / DAY_MS)} days after BMET acknowledged it; retention waits ${floorDays} days`;
  return null;
}
