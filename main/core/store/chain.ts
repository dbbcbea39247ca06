/**
 * The hash chain of sync-protocol.md: hash = sha256hex(JCS(record without hash)), with
 * prevHash the previous record's hash and 64 zeros before the first. verifyChain walks
 * the whole log and names the first broken record.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Db } from './database.ts';
import { SENT_THROUGH_KEY, WIRE_COLUMNS, recordFromRow, type OutboxRecord, type WireRow } from './outbox.ts';
import { redactionProblem, retentionFloorDays } from './redaction.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of a wire record; any `hash` field on it is left out. */
export function hashRecord(record: Omit<OutboxRecord, 'hash'> | OutboxRecord): string {
  const { hash: _hash, ...body } = record as OutboxRecord;
  return createHash('sha256').update(canonicalize(body)!, 'utf8').digest('hex');
}

export interface ChainReport {
  ok: boolean;
  records: number;
  /** Records whose personal fields retention cleared: checked by linkage and by when they were cleared (redaction.ts). */
  redacted: number;
  lastSeq: number | null;
  lastHash: string;
  firstBroken?: { seq: number; problem: string };
}

/**
 * Re-verifies every record in seq order; stops at the first break. `nowMs` is the verifying
 * run's clock, which a redaction cannot be later than (redaction.ts).
 */
export function verifyChain(db: Db, nowMs: number): ChainReport {
  const hasRedacted =
    (db
      .prepare("SELECT count(*) FROM pragma_table_info('verifications') WHERE name = 'redacted_at'")
      .pluck()
      .get() as number) > 0;
  const stmt = db.prepare(
    `SELECT ${WIRE_COLUMNS}, ${hasRedacted ? 'redacted_at, synced_at' : 'NULL AS redacted_at, NULL AS synced_at'}
     FROM verifications ORDER BY seq`,
  );
  const floorDays = hasRedacted ? retentionFloorDays(db) : 0;
  const sentThrough = hasRedacted ? sentThroughOf(db) : null;
  let expectSeq = 1;
  let prev = GENESIS_HASH;
  let records = 0;
  let redacted = 0;
  const broken = (seq: number, problem: string): ChainReport => ({
    ok: false,
    records,
    redacted,
    lastSeq: seq - 1 || null,
    lastHash: prev,
    firstBroken: { seq, problem },
  });
  for (const row of stmt.iterate() as IterableIterator<
    WireRow & { redacted_at: string | null; synced_at: string | null }
  >) {
    if (row.seq !== expectSeq)
      return broken(
        expectSeq,
        row.seq > expectSeq
          ? `record ${expectSeq} is missing (next is ${row.seq})`
          : `unexpected seq ${row.seq}`,
      );
    if (row.prev_hash !== prev) return broken(row.seq, "prevHash does not match the previous record's hash");
    if (row.synced_at !== null && sentThrough !== null && row.seq > sentThrough)
      return broken(
        row.seq,
        `the record is marked acknowledged by BMET, but this kiosk has sent records only up to seq ${sentThrough}`,
      );
    if (row.redacted_at !== null) {
      // Only BMET holds such a record whole, so it may be cleared only once acknowledged and old enough.
      const problem = redactionProblem({ ...row, redacted_at: row.redacted_at }, floorDays, nowMs);
      if (problem) return broken(row.seq, problem);
      redacted++;
    } else {
      let record;
      try {
        record = recordFromRow(row);
      } catch (err) {
        // A row altered behind the store's back (reasons no longer JSON) is a break to name, not a crash.
        return broken(row.seq, `the record cannot be read: ${(err as Error).message}`);
      }
      if (hashRecord(record) !== row.hash)
        return broken(row.seq, "hash does not match the record's contents");
    }
    prev = row.hash;
    records++;
    expectSeq++;
  }
  return { ok: true, records, redacted, lastSeq: records ? expectSeq - 1 : null, lastHash: prev };
}

/**
 * The highest seq the sync engine ever put on the wire, kept before each request: BMET can
 * have acknowledged nothing beyond it. Null when not kept (nothing sent yet, or a data dir
 * synced only before it was kept); every record acknowledged before then is below it.
 * sync_state comes with synced_at (schema 4).
 */
function sentThroughOf(db: Db): number | null {
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(SENT_THROUGH_KEY) as
    string | undefined;
  if (v === undefined) return null;
  const n = Number(v);
  // An unreadable value is itself altered state: nothing can have been sent beyond "nothing".
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
