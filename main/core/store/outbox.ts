/**
 * The outbox as the sync engine reads it (sync-protocol.md): OutboxRecord is exactly a
 * record as it goes on the wire, and Outbox gives pending counts, contiguous ranges,
 * acknowledgement, and a small key/value store for the sync engine's own state.
 */
import type { ReasonCode, Status } from '../../contract/codes.ts';
import type { Db } from './database.ts';

/** A reason as the CLI's verdict line and the wire carry it: no rule texts. */
export interface WireReason {
  code: ReasonCode;
  rule?: string;
  firstSeenAt?: string;
}

export interface OutboxRecord {
  seq: number;
  id: string;
  scannedAt: string;
  officerId: string;
  status: Status;
  reasons: WireReason[];
  /** null when the card's signature did not verify (nothing on it is fact). */
  clearanceId: string | null;
  passport: string | null;
  destination: string | null;
  visaType: string | null;
  kid: string | null;
  qrSha256: string;
  prevHash: string;
  hash: string;
}

/** The columns that make a wire record, in one place for every query that builds one. */
export const WIRE_COLUMNS =
  'seq, id, scanned_at, officer_id, status, reasons, clearance_id, passport, destination, visa_type, kid, qr_sha256, prev_hash, hash';

export interface WireRow {
  seq: number;
  id: string;
  scanned_at: string;
  officer_id: string;
  status: Status;
  reasons: string;
  clearance_id: string | null;
  passport: string | null;
  destination: string | null;
  visa_type: string | null;
  kid: string | null;
  qr_sha256: string;
  prev_hash: string;
  hash: string;
}

export function recordFromRow(r: WireRow): OutboxRecord {
  return {
    seq: r.seq,
    id: r.id,
    scannedAt: r.scanned_at,
    officerId: r.officer_id,
    status: r.status,
    reasons: JSON.parse(r.reasons) as WireReason[],
    clearanceId: r.clearance_id,
    passport: r.passport,
    destination: r.destination,
    visaType: r.visa_type,
    kid: r.kid,
    qrSha256: r.qr_sha256,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface SyncState {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** What the sync engine uses; the Store implements it. */
export interface OutboxApi {
  /** Records not yet acknowledged by BMET. */
  pendingCount(): number;
  /** The lowest seq not yet acknowledged, or null when everything is. */
  firstUnsyncedSeq(): number | null;
  /** The first record in fromSeq..toSeq whose personal fields retention cleared, or null. */
  firstRedactedIn(fromSeq: number, toSeq: number): number | null;
  /** Up to `limit` records from `fromSeq` on, ascending and contiguous (synced or not). */
  recordsFrom(fromSeq: number, limit: number): OutboxRecord[];
  /** Marks fromSeq..toSeq (inclusive) acknowledged at `at` (BMET's time; default the store's); returns how many became so now. */
  markSynced(fromSeq: number, toSeq: number, at?: string): number;
  /** The sync engine's persisted state (batch ids, quarantine, backoff, ETag, ...): strings it encodes itself. */
  syncState: SyncState;
}

/**
 * The sync_state key of the highest seq the sync engine has put on the wire (written before
 * each request): `log verify` names a record marked acknowledged beyond it.
 */
export const SENT_THROUGH_KEY = 'sync.sentThrough';

export const UNSYNCED = 'INDEXED BY verifications_unsynced WHERE synced_at IS NULL';

export function makeOutbox(db: Db, nowIso: () => string): OutboxApi {
  // INDEXED BY: the partial index holds only unsynced rows, whatever the planner guesses from statistics.
  const pending = db.prepare(`SELECT count(*) FROM verifications ${UNSYNCED}`).pluck();
  const first = db.prepare(`SELECT min(seq) FROM verifications ${UNSYNCED}`).pluck();
  const redacted = db
    .prepare('SELECT min(seq) FROM verifications WHERE seq BETWEEN ? AND ? AND redacted_at IS NOT NULL')
    .pluck();
  const from = db.prepare(`SELECT ${WIRE_COLUMNS} FROM verifications WHERE seq >= ? ORDER BY seq LIMIT ?`);
  const mark = db.prepare(
    'UPDATE verifications SET synced_at = ? WHERE seq BETWEEN ? AND ? AND synced_at IS NULL',
  );
  const getState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setState = db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const delState = db.prepare('DELETE FROM sync_state WHERE key = ?');
  return {
    pendingCount: () => pending.get() as number,
    firstUnsyncedSeq: () => (first.get() as number | null) ?? null,
    firstRedactedIn: (fromSeq, toSeq) => (redacted.get(fromSeq, toSeq) as number | null) ?? null,
    recordsFrom(fromSeq, limit) {
      if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(limit) || limit < 0)
        throw new RangeError('recordsFrom wants integers');
      const rows = from.all(fromSeq, limit) as WireRow[];
      // seq is gap-free by construction; stop at any gap rather than hand out a non-contiguous batch.
      const out: OutboxRecord[] = [];
      for (const r of rows) {
        if (out.length && r.seq !== out[out.length - 1]!.seq + 1) break;
        out.push(recordFromRow(r));
      }
      return out;
    },
    markSynced(fromSeq, toSeq, at) {
      return mark.run(at ?? nowIso(), fromSeq, toSeq).changes;
    },
    syncState: {
      get: (key) => (getState.get(key) as string | undefined) ?? null,
      set: (key, value) => void setState.run(key, value),
      delete: (key) => void delState.run(key),
    },
  };
}
