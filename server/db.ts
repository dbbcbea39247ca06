/**
 * The reference server's storage (SQLite, better-sqlite3): registered kiosks, records by
 * kiosk and seq (idempotent), answered batches by Idempotency-Key, chain reports, and
 * the trust bundle it serves.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { GENESIS, recordHash, type Batch, type WireRecord } from './protocol.ts';

export type ServerDb = ReturnType<typeof openServerDb>;

export type StoreOutcome =
  | { kind: 'stored'; accepted: number; duplicates: number; lastSeq: number }
  | { kind: 'gap'; expectedSeq: number }
  | { kind: 'chain'; code: 'CHAIN_BROKEN' | 'CHAIN_CONFLICT'; seq: number; message: string };

export function openServerDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS kiosks (
      kiosk_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, registered_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE IF NOT EXISTS records (
      kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
      body TEXT NOT NULL, batch_id TEXT NOT NULL, received_at TEXT NOT NULL,
      PRIMARY KEY (kiosk_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS batches (
      kiosk_id TEXT NOT NULL, batch_id TEXT NOT NULL, body_sha256 TEXT NOT NULL, response TEXT NOT NULL, at TEXT NOT NULL,
      PRIMARY KEY (kiosk_id, batch_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS chain_reports (
      id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, at TEXT NOT NULL, code TEXT NOT NULL, seq INTEGER, detail TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS trust (
      id INTEGER PRIMARY KEY CHECK (id = 1), bytes BLOB NOT NULL, etag TEXT NOT NULL
    ) STRICT;
  `);

  const q = {
    kiosk: db.prepare('SELECT public_key AS publicKey, disabled FROM kiosks WHERE kiosk_id = ?'),
    register: db.prepare(`INSERT INTO kiosks (kiosk_id, public_key, registered_at) VALUES (?, ?, ?)
      ON CONFLICT (kiosk_id) DO UPDATE SET public_key = excluded.public_key, disabled = 0`),
    last: db.prepare('SELECT seq, hash FROM records WHERE kiosk_id = ? ORDER BY seq DESC LIMIT 1'),
    hashesIn: db.prepare('SELECT seq, hash FROM records WHERE kiosk_id = ? AND seq BETWEEN ? AND ?'),
    insert: db.prepare(
      'INSERT INTO records (kiosk_id, seq, hash, prev_hash, body, batch_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    batch: db.prepare(
      'SELECT body_sha256 AS bodySha256, response FROM batches WHERE kiosk_id = ? AND batch_id = ?',
    ),
    saveBatch: db.prepare(
      'INSERT OR REPLACE INTO batches (kiosk_id, batch_id, body_sha256, response, at) VALUES (?, ?, ?, ?, ?)',
    ),
    report: db.prepare('INSERT INTO chain_reports (kiosk_id, at, code, seq, detail) VALUES (?, ?, ?, ?, ?)'),
    reports: db.prepare(
      'SELECT kiosk_id AS kioskId, at, code, seq, detail FROM chain_reports WHERE kiosk_id = ? ORDER BY id',
    ),
    all: db.prepare(
      'SELECT seq, body, hash, prev_hash AS prevHash FROM records WHERE kiosk_id = ? ORDER BY seq',
    ),
    rewind: db.prepare('DELETE FROM records WHERE kiosk_id = ? AND seq > ?'),
    rewindBatches: db.prepare('DELETE FROM batches WHERE kiosk_id = ?'),
    trust: db.prepare('SELECT bytes, etag FROM trust WHERE id = 1'),
    setTrust: db.prepare('INSERT OR REPLACE INTO trust (id, bytes, etag) VALUES (1, ?, ?)'),
  };

  /**
   * Stores a checked batch in one transaction. Records the server already holds must be
   * identical (duplicates); the first new one must join the stored chain; a batch that
   * starts beyond the next expected seq is a gap (409).
   */
  const storeTx = db.transaction((b: Batch, nowIso: string): StoreOutcome => {
    const last = q.last.get(b.kioskId) as { seq: number; hash: string } | undefined;
    const next = (last?.seq ?? 0) + 1;
    if (b.fromSeq > next) return { kind: 'gap', expectedSeq: next };
    let duplicates = 0;
    if (b.fromSeq < next) {
      const held = new Map(
        (
          q.hashesIn.all(b.kioskId, b.fromSeq, Math.min(b.toSeq, next - 1)) as { seq: number; hash: string }[]
        ).map((r) => [r.seq, r.hash]),
      );
      for (const r of b.records) {
        if (r.seq >= next) break;
        if (held.get(r.seq) !== r.hash)
          return {
            kind: 'chain',
            code: 'CHAIN_CONFLICT',
            seq: r.seq,
            message: `record ${r.seq} differs from the one already stored`,
          };
        duplicates++;
      }
    }
    const fresh = b.records.slice(duplicates);
    if (fresh.length) {
      const joinTo = fresh[0]!.seq === 1 ? GENESIS : last!.hash;
      if (fresh[0]!.prevHash !== joinTo)
        return {
          kind: 'chain',
          code: 'CHAIN_BROKEN',
          seq: fresh[0]!.seq,
          message: `record ${fresh[0]!.seq} does not join the stored chain (prevHash differs from record ${fresh[0]!.seq - 1}'s hash)`,
        };
      for (const r of fresh)
        q.insert.run(b.kioskId, r.seq, r.hash, r.prevHash, JSON.stringify(r), b.batchId, nowIso);
    }
    return { kind: 'stored', accepted: fresh.length, duplicates, lastSeq: Math.max(next - 1, b.toSeq) };
  });

  return {
    db,
    kiosk: (id: string) => q.kiosk.get(id) as { publicKey: string; disabled: number } | undefined,
    register(kioskId: string, publicKeyPem: string) {
      q.register.run(kioskId, publicKeyPem, new Date().toISOString());
    },
    lastSeq: (kioskId: string) => (q.last.get(kioskId) as { seq: number } | undefined)?.seq ?? 0,
    store: (b: Batch) => storeTx.immediate(b, new Date().toISOString()),
    answered: (kioskId: string, batchId: string) =>
      q.batch.get(kioskId, batchId) as { bodySha256: string; response: string } | undefined,
    saveAnswer(kioskId: string, batchId: string, bodySha256: string, response: object) {
      q.saveBatch.run(kioskId, batchId, bodySha256, JSON.stringify(response), new Date().toISOString());
    },
    report(kioskId: string, code: string, seq: number | null, detail: string) {
      q.report.run(kioskId, new Date().toISOString(), code, seq, detail);
    },
    reports: (kioskId: string) =>
      q.reports.all(kioskId) as {
        kioskId: string;
        at: string;
        code: string;
        seq: number | null;
        detail: string;
      }[],
    /** Re-walks a kiosk's stored chain from seq 1: every hash recomputed, every link checked. */
    audit(kioskId: string) {
      let expect = 1;
      let prev = GENESIS;
      let firstBroken: { seq: number; problem: string } | null = null;
      let count = 0;
      for (const row of q.all.iterate(kioskId) as IterableIterator<{
        seq: number;
        body: string;
        hash: string;
        prevHash: string;
      }>) {
        count++;
        if (firstBroken) continue;
        const r = JSON.parse(row.body) as WireRecord;
        if (row.seq !== expect) firstBroken = { seq: expect, problem: `missing (next stored is ${row.seq})` };
        else if (row.prevHash !== prev) firstBroken = { seq: row.seq, problem: 'prevHash does not join' };
        else if (recordHash(r) !== row.hash || r.hash !== row.hash)
          firstBroken = { seq: row.seq, problem: 'hash does not match contents' };
        prev = row.hash;
        expect++;
      }
      return {
        kioskId,
        count,
        lastSeq: count ? expect - 1 : 0,
        chainOk: firstBroken === null,
        firstBroken,
        reports: this.reports(kioskId),
      };
    },
    records: (kioskId: string) =>
      (q.all.all(kioskId) as { body: string }[]).map((r) => JSON.parse(r.body) as WireRecord),
    /** Test API: forget everything after `toSeq` (as a server restored from an older backup would). */
    rewind(kioskId: string, toSeq: number) {
      db.transaction(() => {
        q.rewind.run(kioskId, toSeq);
        q.rewindBatches.run(kioskId);
      })();
    },
    trust: () => q.trust.get() as { bytes: Buffer; etag: string } | undefined,
    setTrust(bytes: Buffer) {
      const etag = `"${createHash('sha256').update(bytes).digest('hex')}"`;
      q.setTrust.run(bytes, etag);
      return etag;
    },
    close: () => db.close(),
  };
}
