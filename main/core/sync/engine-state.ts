/**
 * The sync engine's persisted state, in the store's sync_state table so it outlives a
 * restart: the alert, the batch in flight, the highest seq ever sent, the last success,
 * the trust ETag, quarantined batches and BMET's time on the last acknowledgement.
 */
import type { SyncAlert } from '../../contract/sync.ts';
import { SENT_THROUGH_KEY, type SyncState } from '../store/outbox.ts';
import { BMET_TIME_KEY, encodeAnchor, type BmetTimeAnchor } from '../store/trusted-clock.ts';

const ALERT = 'sync.alert';
const PENDING = 'sync.pendingBatch';
const LAST_SUCCESS = 'sync.lastSuccessAt';
const TRUST_ETAG = 'trust.etag';
const QUARANTINE = 'sync.quarantine.';

/** A batch that keeps its id and range until acknowledged (so BMET can answer a resend from its Idempotency-Key). */
export interface PendingBatch {
  batchId: string;
  fromSeq: number;
  toSeq: number;
}

export class EngineState {
  private readonly kv: SyncState;

  constructor(kv: SyncState) {
    this.kv = kv;
  }

  alert(): SyncAlert | null {
    return this.json<SyncAlert>(ALERT);
  }
  setAlert(a: SyncAlert | null): void {
    this.put(ALERT, a && JSON.stringify(a));
  }

  pending(): PendingBatch | null {
    return this.json<PendingBatch>(PENDING);
  }
  setPending(p: PendingBatch | null): void {
    this.put(PENDING, p && JSON.stringify(p));
  }

  /** The highest seq this kiosk has put on the wire (0 before any); `floor` covers data dirs from before it was kept. */
  sentThrough(floor: number): number {
    const n = Number(this.kv.get(SENT_THROUGH_KEY) ?? 0);
    return Math.max(Number.isSafeInteger(n) ? n : 0, floor);
  }
  /** Written before the request goes out: a batch whose answer is lost still counts as sent. */
  noteSent(toSeq: number): void {
    if (toSeq > this.sentThrough(0)) this.kv.set(SENT_THROUGH_KEY, String(toSeq));
  }

  lastSuccessAt(): string | null {
    return this.kv.get(LAST_SUCCESS);
  }
  setLastSuccessAt(at: string): void {
    this.kv.set(LAST_SUCCESS, at);
  }

  etag(): string | null {
    return this.kv.get(TRUST_ETAG);
  }
  setEtag(etag: string | null): void {
    this.put(TRUST_ETAG, etag);
  }

  quarantine(batch: PendingBatch, detail: Record<string, unknown>): void {
    this.kv.set(QUARANTINE + batch.batchId, JSON.stringify({ ...batch, ...detail }));
  }

  noteBmetTime(anchor: BmetTimeAnchor): void {
    this.kv.set(BMET_TIME_KEY, encodeAnchor(anchor));
  }

  private put(key: string, value: string | null): void {
    if (value === null) this.kv.delete(key);
    else this.kv.set(key, value);
  }

  private json<T>(key: string): T | null {
    try {
      const v = this.kv.get(key);
      return v ? (JSON.parse(v) as T) : null;
    } catch {
      return null;
    }
  }
}
