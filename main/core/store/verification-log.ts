/**
 * Appends verdicts to the hash-chained log, one committed transaction each (log before
 * show), and answers the DUPLICATE_SCAN question from it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Verdict } from '../../contract/verdict.ts';
import { dhakaDate, dhakaHour } from '../verify/dates.ts';
import { GENESIS_HASH, hashRecord } from './chain.ts';
import type { Db } from './database.ts';
import type { OutboxRecord, WireReason } from './outbox.ts';

export const DUPLICATE_WINDOW_MS = 24 * 3600 * 1000;

export interface LogEntry {
  verdict: Verdict;
  /** The QR text as scanned; only its SHA-256 is kept. */
  qr: string;
  nowMs: number;
  officerId: string;
  /** Defaults to the kiosk id the log was made with. */
  kioskId?: string | null;
}

/** Reasons as they go on the wire: code, rule, firstSeenAt, nothing else. */
export function wireReasons(verdict: Verdict): WireReason[] {
  return verdict.reasons.map((r) => ({
    code: r.code,
    ...(r.rule !== undefined ? { rule: r.rule } : {}),
    ...(r.firstSeenAt !== undefined ? { firstSeenAt: r.firstSeenAt } : {}),
  }));
}

export class VerificationLog {
  private readonly kioskId: () => string | null;
  private readonly last;
  private readonly insert;
  private readonly seen;
  private readonly appendTx;

  constructor(db: Db, kioskId: () => string | null = () => null) {
    this.kioskId = kioskId;
    this.last = db.prepare('SELECT seq, hash FROM verifications ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(`INSERT INTO verifications
      (seq, id, scanned_at, scanned_ms, local_date, local_hour, officer_id, kiosk_id, status, reasons, rule_texts,
       clearance_id, passport, name, destination, visa_type, kid, qr_sha256, prev_hash, hash)
      VALUES (@seq, @id, @scannedAt, @scannedMs, @localDate, @localHour, @officerId, @kioskId, @status, @reasons, @ruleTexts,
       @clearanceId, @passport, @name, @destination, @visaType, @kid, @qrSha256, @prevHash, @hash)`);
    this.seen = db
      .prepare(
        `SELECT scanned_at FROM verifications
      WHERE clearance_id = ? AND status IN ('valid', 'warning') AND scanned_ms > ? AND scanned_ms < ?
      ORDER BY seq LIMIT 1`,
      )
      .pluck();
    // IMMEDIATE: the seq and prevHash read and the insert are one step even with another process writing.
    this.appendTx = db.transaction((e: LogEntry) => this.appendInTx(e));
  }

  /** Writes one verdict and commits (fsync, synchronous=FULL) before returning its wire record. */
  append(entry: LogEntry): OutboxRecord {
    return this.appendTx.immediate(entry);
  }

  /**
   * The first accepted (valid or warning) verdict for `cid` within 24 h of `nowMs`, or null: the
   * first logged (by seq), and 24 h either way, so a clock stepped back (NTP correcting a fast
   * clock) cannot make a card scanned minutes ago by the log's stamps new again. A record stamped
   * more than a day ahead is a clock error, not a scan of today.
   */
  firstSeenAt(cid: string, nowMs: number): string | null {
    return (
      (this.seen.get(cid, nowMs - DUPLICATE_WINDOW_MS, nowMs + DUPLICATE_WINDOW_MS) as string | undefined) ??
      null
    );
  }

  private appendInTx(e: LogEntry): OutboxRecord {
    const last = this.last.get() as { seq: number; hash: string } | undefined;
    const v = e.verdict;
    const c = v.clearance;
    const body: Omit<OutboxRecord, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      id: randomUUID(),
      scannedAt: new Date(e.nowMs).toISOString(),
      officerId: e.officerId,
      status: v.status,
      reasons: wireReasons(v),
      clearanceId: c?.cid ?? null,
      passport: c?.pp ?? null,
      destination: c?.dst ?? null,
      visaType: c?.vt ?? null,
      kid: v.kid,
      qrSha256: createHash('sha256').update(e.qr, 'utf8').digest('hex'),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const record: OutboxRecord = { ...body, hash: hashRecord(body) };
    const texts = Object.fromEntries(
      v.reasons.filter((r) => r.rule && r.text).map((r) => [r.rule!, r.text!]),
    );
    this.insert.run({
      ...record,
      reasons: JSON.stringify(record.reasons),
      scannedMs: e.nowMs,
      localDate: dhakaDate(e.nowMs),
      localHour: dhakaHour(e.nowMs),
      kioskId: e.kioskId !== undefined ? e.kioskId : this.kioskId(),
      ruleTexts: Object.keys(texts).length ? JSON.stringify(texts) : null,
      name: c?.nm ?? null,
    });
    return record;
  }
}
