/**
 * The sync state machine (sync-protocol.md): decides the next batch from the outbox,
 * sends it through the transport (transport.ts), reads the answer with the response table
 * (response-table.ts) and applies it to the outbox and the persisted state
 * (engine-state.ts). One `step()` at a time; when to step is the engine's (engine.ts).
 * Exports `SyncMachine`, its `Step`, and the outbox and options it works with.
 */
import type { KeyObject } from 'node:crypto';
import type { AuditDetails } from '../../contract/audit.ts';
import type { SyncAlert, SyncCode, SyncProblem, SyncStatus, TrustCheck } from '../../contract/sync.ts';
import { MAX_BUNDLE_BYTES } from '../../contract/trust-bundle.ts';
import type { OutboxRecord, SyncState } from '../store/outbox.ts';
import { readBootClock, type BootClock } from '../store/trusted-clock.ts';
import { buildBatch, type Batch } from './batch.ts';
import { EngineState, type PendingBatch } from './engine-state.ts';
import type { HttpLimits, HttpResponse } from './http-client.ts';
import { decideGap, firstHeader, readAnswer } from './response-table.ts';
import { AUTH_RETRY_MS, backoffMs, realClock, type SyncClock } from './timing.ts';
import { BatchTransport } from './transport.ts';
import { fetchTrust, trustCheckLine, type TrustInstaller } from './trust-fetch.ts';
import { MAX_BATCH_RECORDS } from './wire.ts';

/** Exactly the store functions sync needs, so a test can feed the engine its own outbox. */
export interface SyncOutbox {
  pendingCount(): number;
  firstUnsyncedSeq(): number | null;
  /** Records with seq ≥ fromSeq in seq order, synced or not. */
  recordsFrom(fromSeq: number, limit: number): OutboxRecord[];
  /** Marks fromSeq..toSeq acknowledged at `at` (BMET's time when it gave one); returns how many became so. */
  markSynced(fromSeq: number, toSeq: number, at?: string): number;
  /** The first record in the range retention has cleared (so it no longer hashes), or null. */
  firstRedactedIn?(fromSeq: number, toSeq: number): number | null;
  /** The engine's own persisted state (alert, batch in flight, ETag), strings it encodes itself. */
  syncState: SyncState;
}

export interface SyncLogEntry {
  level: 'info' | 'warn' | 'error';
  code: SyncCode | 'SYNC_BATCH_ACCEPTED' | 'SYNC_RESUMED' | 'TRUST_FETCHED';
  message: string;
  [k: string]: unknown;
}

/** Audit events: the clock-skew crossing, and every alert that stops sync. */
export type SyncAuditEvent = AuditDetails['clock.skew'] | AuditDetails['sync.alert'];

export interface SyncEngineOptions {
  kioskId: string;
  server: string;
  privateKey: KeyObject;
  outbox: SyncOutbox;
  clock?: SyncClock;
  random?: () => number;
  /** Batch response bounds; the defaults suit a real network. */
  limits?: Partial<HttpLimits>;
  /** BMET's own CA certificates (PEM), trusted beside Node's and the system's. */
  extraCas?: readonly string[];
  log?: (entry: SyncLogEntry) => void;
  /** Audit-log lines (clock skew over 5 min, alerts). */
  audit?: (event: SyncAuditEvent) => void;
  /** Installs a fetched trust bundle through the same path as a USB one. */
  trust?: { install: TrustInstaller; intervalMs?: number; maxBytes?: number; deadlineMs?: number };
  /** How long an idle engine waits before looking at the outbox again (nudge() is sooner). */
  idlePollMs?: number;
  maxRecordsPerBatch?: number;
  /** The machine's boot clock, kept with BMET's time for retention (tests inject one). */
  bootClock?: () => BootClock;
}

export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;
/** A measured skew beyond this corrects the signing time, so a wrong kiosk clock does not lock sync out. */
const SIGNING_CORRECTION_MS = 60_000;
/** One deadline over a whole batch exchange, and the largest answer read (an acknowledgement is tiny). */
const DEFAULT_LIMITS: HttpLimits = { deadlineMs: 60_000, maxResponseBytes: 64 * 1024 };
/** Records read from the store between yields to the event loop. */
const READ_SLICE = 100;
/** A trust bundle may be tens of MiB: a longer deadline than a batch's. */
const TRUST_DEADLINE_MS = 120_000;
/** 409s in a row that mark nothing new before sync stops with an alert (a server moving the cursor forever). */
export const MAX_GAP_STREAK = 10;

export type Step =
  /** `acknowledged`: the records this answer marked acknowledged (a resent range already marked counts none). */
  | { kind: 'sent'; acknowledged: number }
  | { kind: 'drained' }
  | { kind: 'retry'; waitMs: number }
  /** Go again at once (409 moved the cursor): not a failure; it may have marked records held. */
  | { kind: 'again'; acknowledged: number }
  | { kind: 'stopped' };

/** BMET's Date minus the time a request was signed with (ms), or null without a readable Date. */
function signedOff(res: HttpResponse, signedAt: number): number | null {
  const date = Date.parse(firstHeader(res.headers.date) ?? '');
  return Number.isNaN(date) ? null : date - signedAt;
}

export class SyncMachine {
  private readonly o: SyncEngineOptions;
  private readonly clock: SyncClock;
  private readonly random: () => number;
  private readonly transport: BatchTransport;
  private readonly state: EngineState;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private st: SyncStatus;
  /** The next seq to send when it is not the outbox's first unsynced one (after a 409 asking for an earlier seq). */
  private cursor: number | null = null;
  /** The batch being retried: it keeps its id and range until acknowledged. */
  private pending: PendingBatch | null;
  private attempt = 0;
  /** Whether the caller waits out a failure of the step running now (the loop does; `sync --once` may not). */
  private retrying = true;
  /** 409s in a row that marked nothing new. */
  private gapStreak = 0;

  constructor(opts: SyncEngineOptions) {
    this.o = opts;
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.transport = new BatchTransport({
      server: opts.server,
      kioskId: opts.kioskId,
      privateKey: opts.privateKey,
      limits: { ...DEFAULT_LIMITS, ...opts.limits },
      ...(opts.extraCas ? { extraCas: opts.extraCas } : {}),
    });
    this.state = new EngineState(opts.outbox.syncState);
    const alert = this.state.alert();
    this.pending = this.state.pending();
    this.st = {
      kioskId: opts.kioskId,
      server: opts.server,
      phase: alert ? 'stopped' : 'idle',
      waiting: this.safePending(),
      lastSuccessAt: this.state.lastSuccessAt(),
      lastError: null,
      nextAttemptAt: null,
      alert,
      clockSkewMs: null,
      clockSkewFlagged: false,
      trust: { lastCheckAt: null, etag: this.state.etag(), last: null },
    };
  }

  /**
   * `waiting` is counted now (a partial index over the unsynced rows): the copy kept in `st` is
   * only refreshed after a step, and a scan logged since would read as "nothing waiting".
   */
  status(): SyncStatus {
    return { ...structuredClone(this.st), waiting: this.safePending() };
  }

  /** The phase alone, without counting the outbox: what the scan path's nudge asks. */
  get phase(): SyncStatus['phase'] {
    return this.st.phase;
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The technician's action: clears an alert (and a quarantine) so the next step sends again. */
  resume(): void {
    const alert = this.st.alert;
    if (alert) this.log({ level: 'info', code: 'SYNC_RESUMED', message: `technician cleared ${alert.code}` });
    this.state.setAlert(null);
    this.attempt = 0;
    this.gapStreak = 0;
    this.update({ alert: null, phase: 'idle' });
  }

  /** Fetches /v1/trust/latest once and hands a new bundle to the installer; null: no trust fetch configured. */
  async checkTrust(): Promise<TrustCheck | null> {
    const t = this.o.trust;
    if (!t) return null;
    const r = await fetchTrust({
      base: this.transport.base,
      kioskId: this.o.kioskId,
      etag: this.st.trust.etag,
      agent: this.transport.agent,
      limits: {
        deadlineMs: t.deadlineMs ?? TRUST_DEADLINE_MS,
        maxResponseBytes: t.maxBytes ?? MAX_BUNDLE_BYTES,
      },
      install: t.install,
    });
    if (r.res) this.noteDate(r.res);
    if (r.problem) this.problem(r.problem);
    else this.log({ level: 'info', code: 'TRUST_FETCHED', message: trustCheckLine(r.check) });
    if (r.etag !== undefined) this.state.setEtag(r.etag);
    this.update({
      trust: {
        lastCheckAt: new Date(this.clock.now()).toISOString(),
        etag: r.etag !== undefined ? r.etag : this.st.trust.etag,
        last: r.check,
      },
    });
    return r.check;
  }

  close(): void {
    this.transport.close();
  }

  /**
   * One step: send the next batch (or learn there is none) and apply the answer. Never throws.
   * `retrying`: whether a failure will be waited out and tried again, so its message can say so truly.
   */
  async step(retrying = true): Promise<Step> {
    this.retrying = retrying;
    try {
      return await this.stepOnce();
    } catch (err) {
      // The outbox is the store's; if reading it fails, say so and try later.
      this.problem({ code: 'SYNC_OUTBOX_ERROR', message: (err as Error).message });
      return { kind: 'retry', waitMs: backoffMs(this.attempt++, this.random) };
    } finally {
      this.update({ waiting: this.safePending() });
    }
  }

  private async stepOnce(): Promise<Step> {
    const alert = this.st.alert;
    if (alert) {
      if (!alert.retryAt || this.clock.now() < Date.parse(alert.retryAt)) return { kind: 'stopped' };
      this.log({ level: 'info', code: 'SYNC_RESUMED', message: `retrying after ${alert.code}` });
      this.state.setAlert(null);
      this.update({ alert: null });
    }
    const first = this.o.outbox.firstUnsyncedSeq();
    // The cursor only matters while it is behind the first unsynced record (a 409 rewind).
    if (this.cursor !== null && (first === null || this.cursor >= first)) this.cursor = null;
    const from = this.cursor ?? first;
    if (from === null) {
      this.update({ phase: 'idle', nextAttemptAt: null });
      return { kind: 'drained' };
    }
    const keep = this.pending && this.pending.fromSeq === from ? this.pending : null;
    const limit = Math.min(this.o.maxRecordsPerBatch ?? MAX_BATCH_RECORDS, MAX_BATCH_RECORDS);
    const built = await buildBatch(
      await this.readRecords(from, keep ? Math.min(limit, keep.toSeq - from + 1) : limit),
      {
        kioskId: this.o.kioskId,
        fromSeq: from,
        maxRecords: limit,
        ...(keep ? { batchId: keep.batchId, toSeq: keep.toSeq } : {}),
      },
    );
    if (!built.ok) {
      if (built.why === 'empty' && this.cursor === null) return { kind: 'drained' };
      this.cursor = null;
      return this.raise({
        code: 'SYNC_SEQ_UNAVAILABLE',
        message: built.why === 'missing' ? built.message : `the outbox has no record ${from}`,
        retryAt: null,
      });
    }
    const batch = built.batch;
    // Only a resend after a 409 rewind can reach records retention cleared (they were
    // acknowledged); sent, they would not hash and BMET would report them as altered.
    const cleared = this.o.outbox.firstRedactedIn?.(batch.fromSeq, batch.toSeq) ?? null;
    if (cleared !== null) {
      this.cursor = null;
      return this.raise({
        code: 'SYNC_SEQ_UNAVAILABLE',
        message: `BMET asks again for seq ${batch.fromSeq}.., but record ${cleared} was acknowledged and retention has cleared its personal fields`,
        retryAt: null,
      });
    }
    if (!keep) this.setPending({ batchId: batch.batchId, fromSeq: batch.fromSeq, toSeq: batch.toSeq });
    // Before the request leaves: if its answer is lost, the batch still counts as sent (409 rule).
    this.state.noteSent(batch.toSeq);
    this.update({ phase: 'sending' });
    let signedAt = this.signingNow();
    let sent = await this.transport.post(batch, new Date(signedAt).toISOString());
    if (!sent.ok) return this.transient(sent.code, sent.message);
    this.noteDate(sent.res);
    // A 401 to a request signed with a time BMET's own Date contradicts: the skew that answer
    // just measured corrects the signing time, and the batch goes once more at once (the first
    // request of a run is signed before any skew is known). Only a refusal that persists is an alert.
    const off = signedOff(sent.res, signedAt);
    if (sent.res.status === 401 && off !== null && Math.abs(off) > SIGNING_CORRECTION_MS) {
      this.log({
        level: 'info',
        code: 'SYNC_CLOCK_SKEW',
        message: `401: this kiosk signed with a time ${Math.round(off / 1000)} s off BMET's Date; signing again with the corrected time`,
      });
      signedAt = this.signingNow();
      sent = await this.transport.post(batch, new Date(signedAt).toISOString());
      if (!sent.ok) return this.transient(sent.code, sent.message);
      this.noteDate(sent.res);
    }
    return this.apply(batch, sent.res, signedAt);
  }

  /**
   * Reads a batch's records in slices, yielding to the event loop between them, so a
   * scan that arrives meanwhile waits for one slice (well under a millisecond), not a batch.
   */
  private async readRecords(from: number, limit: number): Promise<OutboxRecord[]> {
    const out: OutboxRecord[] = [];
    while (out.length < limit) {
      const want = Math.min(READ_SLICE, limit - out.length);
      const part = this.o.outbox.recordsFrom(from + out.length, want);
      out.push(...part);
      if (part.length < want) break;
      if (out.length < limit) await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  /** Applies one answer (response-table.ts) to the outbox and the engine's state. */
  private apply(batch: Batch, res: HttpResponse, signedAt: number): Step {
    const a = readAnswer(batch, res, Date.now(), this.sentThrough(batch));
    switch (a.kind) {
      case 'ack': {
        const marked = this.acknowledge(batch.fromSeq, batch.toSeq, res);
        this.gapStreak = 0;
        this.log({
          level: 'info',
          code: 'SYNC_BATCH_ACCEPTED',
          message: `seq ${batch.fromSeq}..${batch.toSeq} acknowledged`,
          accepted: a.accepted,
          duplicates: a.duplicates,
          batchId: batch.batchId,
        });
        return { kind: 'sent', acknowledged: marked };
      }
      case 'mismatch':
        // Its records go again, after a technician's resume, under a new key: a BMET that stored
        // this answer under the old one would replay it for ever. BMET counts records it already
        // holds as duplicates, and the new answer is held to the same rule.
        this.setPending(null);
        return this.raise({ code: 'SYNC_ACK_MISMATCH', message: a.message, httpStatus: 200, retryAt: null });
      case 'gap':
        return this.gap(batch, a.expectedSeq, res);
      case 'rejected': {
        const range = { batchId: batch.batchId, fromSeq: batch.fromSeq, toSeq: batch.toSeq };
        this.state.quarantine(range, {
          httpStatus: a.httpStatus,
          serverCode: a.serverCode ?? null,
          at: new Date(this.clock.now()).toISOString(),
        });
        return this.raise({
          code: 'SYNC_REJECTED',
          message: a.message,
          httpStatus: a.httpStatus,
          ...(a.serverCode !== undefined ? { serverCode: a.serverCode } : {}),
          batch: range,
          retryAt: null,
        });
      }
      case 'unauthorized': {
        // One clock read for both stamps: on a fast or stepping clock two reads differ.
        const now = this.clock.now();
        const off = signedOff(res, signedAt);
        // The time it was signed with, not the key: BMET says so, or its Date is beyond the window.
        if (
          a.httpStatus === 401 &&
          (a.serverCode?.startsWith('TIMESTAMP') || (off !== null && Math.abs(off) > CLOCK_SKEW_LIMIT_MS))
        )
          return this.raise(
            {
              code: 'SYNC_CLOCK_REFUSED',
              message: `BMET refused the time this kiosk signed with (401${a.serverCode ? ' ' + a.serverCode : ''}; signed ${new Date(signedAt).toISOString()}, BMET's Date ${firstHeader(res.headers.date) ?? 'absent'}): check the kiosk clock; sync stops until a technician acts or for 1 h`,
              httpStatus: a.httpStatus,
              ...(a.serverCode !== undefined ? { serverCode: a.serverCode } : {}),
              retryAt: new Date(now + AUTH_RETRY_MS).toISOString(),
            },
            now,
          );
        return this.raise(
          {
            code: 'SYNC_UNAUTHORIZED',
            message: `BMET refused this kiosk (${a.httpStatus}${a.serverCode ? ' ' + a.serverCode : ''}); sync stops until a technician acts or for 1 h`,
            httpStatus: a.httpStatus,
            ...(a.serverCode !== undefined ? { serverCode: a.serverCode } : {}),
            retryAt: new Date(now + AUTH_RETRY_MS).toISOString(),
          },
          now,
        );
      }
      case 'busy': {
        // As long as BMET asks, but never less than the backoff step, which grows with each busy
        // answer: a Retry-After of 0 (or a date gone by) must not make the kiosk hammer a busy server.
        const waitMs = Math.max(a.waitMs, backoffMs(this.attempt++, this.random));
        this.problem({
          code: 'SYNC_BUSY',
          message: `${a.httpStatus}: BMET asks to wait ${Math.round(a.waitMs / 1000)} s${a.capped ? ' (cut to the 1 h cap)' : ''}; ${this.retryNote(waitMs)}`,
          httpStatus: a.httpStatus,
        });
        this.update({ phase: 'waiting' });
        return { kind: 'retry', waitMs };
      }
      case 'transient':
        return this.transient(a.code, a.message, a.httpStatus);
    }
  }

  /**
   * Marks fromSeq..toSeq acknowledged, stamped with BMET's Date when it sent one (the
   * time retention later counts from), and keeps that Date as the trusted time.
   * Returns how many records became acknowledged now.
   */
  private acknowledge(fromSeq: number, toSeq: number, res: HttpResponse): number {
    const first = this.o.outbox.firstUnsyncedSeq();
    const serverMs = Date.parse(firstHeader(res.headers.date) ?? '');
    const at = Number.isNaN(serverMs) ? undefined : new Date(serverMs).toISOString();
    // A resent earlier range is already marked; mark only what is still unsynced.
    let marked = 0;
    if (first !== null && toSeq >= first)
      marked = this.o.outbox.markSynced(Math.max(fromSeq, first), toSeq, at);
    if (!Number.isNaN(serverMs)) {
      const boot = (this.o.bootClock ?? readBootClock)();
      this.state.noteBmetTime({ serverMs, localMs: res.midpointMs, ...boot });
    }
    if (this.cursor !== null) this.cursor = toSeq + 1;
    this.setPending(null);
    this.attempt = 0;
    const now = new Date(this.clock.now()).toISOString();
    this.state.setLastSuccessAt(now);
    this.update({ lastSuccessAt: now, lastError: null, phase: 'idle' });
    return marked;
  }

  /** 409 (sync-protocol.md): rewind, count a lost answer's records as held, or stop on a claim beyond what was sent. */
  private gap(batch: Batch, e: number, res: HttpResponse): Step {
    this.setPending(null);
    if (++this.gapStreak > MAX_GAP_STREAK) {
      this.gapStreak = 0;
      this.cursor = null;
      return this.raise({
        code: 'SYNC_GAP_LOOP',
        message: `${MAX_GAP_STREAK} answers of 409 in a row without progress (now expecting seq ${e}); sync stops`,
        httpStatus: 409,
        retryAt: null,
      });
    }
    const first = this.o.outbox.firstUnsyncedSeq();
    const sentThrough = this.sentThrough(batch);
    const d = decideGap(e, batch, sentThrough);
    switch (d.kind) {
      case 'rewind':
        if (this.o.outbox.recordsFrom(e, 1)[0]?.seq !== e) {
          this.cursor = null;
          return this.raise({
            code: 'SYNC_SEQ_UNAVAILABLE',
            message: `BMET asks to resume at seq ${e}, which this kiosk no longer has`,
            httpStatus: 409,
            retryAt: null,
          });
        }
        this.cursor = e;
        this.problem(
          { code: 'SYNC_GAP', message: `409: BMET expects seq ${e}; resending from there`, httpStatus: 409 },
          'info',
        );
        return { kind: 'again', acknowledged: 0 };
      case 'contradiction':
        return this.transient(
          'SYNC_BAD_RESPONSE',
          `409 asking for seq ${e}, the first of the batch it was sent`,
          409,
        );
      case 'acknowledged': {
        // Every seq up to sentThrough went out in some batch; the server says it holds them.
        const marked = this.acknowledge(first ?? batch.fromSeq, d.upTo, res);
        if (marked > 0) this.gapStreak = 0;
        this.cursor = first !== null && e < first ? e : null;
        this.problem(
          {
            code: 'SYNC_GAP',
            message: `409: BMET already holds up to seq ${d.upTo} (an earlier answer was lost); continuing from ${e}`,
            httpStatus: 409,
          },
          'info',
        );
        return { kind: 'again', acknowledged: marked };
      }
      case 'ahead':
        this.cursor = null;
        return this.raise({
          code: 'SYNC_SERVER_AHEAD',
          message: `BMET expects seq ${e}, but this kiosk has sent only up to seq ${sentThrough}; nothing is marked sent`,
          httpStatus: 409,
          retryAt: null,
        });
    }
  }

  /** The highest seq ever put on the wire; on data dirs from before it was kept, at least what is acknowledged. */
  private sentThrough(batch: Batch): number {
    const first = this.o.outbox.firstUnsyncedSeq();
    return this.state.sentThrough(first === null ? batch.toSeq : first - 1);
  }

  private transient(code: SyncCode, message: string, httpStatus?: number): Step {
    const waitMs = backoffMs(this.attempt++, this.random);
    this.problem({
      code,
      message: `${message}; ${this.retryNote(waitMs)}`,
      ...(httpStatus ? { httpStatus } : {}),
    });
    this.update({ phase: 'waiting' });
    return { kind: 'retry', waitMs };
  }

  /** What comes after a failure: the wait before the next try, or none when this step is the last. */
  private retryNote(waitMs: number): string {
    return this.retrying
      ? `retrying in ${Math.round(waitMs / 1000)} s`
      : 'not retried: this pass ends here, the records wait for the next sync';
  }

  /** Stops sync with an alert: persisted, shown, logged and audited. */
  private raise(a: Omit<SyncAlert, 'at'>, now = this.clock.now()): Step {
    const alert: SyncAlert = { ...a, at: new Date(now).toISOString() };
    this.state.setAlert(alert);
    this.problem(alert, 'error');
    this.update({ alert, phase: 'stopped' });
    this.auditSafely({ type: 'sync-alert', ...alert, server: this.o.server });
    return { kind: 'stopped' };
  }

  problem(p: Omit<SyncProblem, 'at'> & { at?: string }, level: SyncLogEntry['level'] = 'warn'): void {
    const at = p.at ?? new Date(this.clock.now()).toISOString();
    const lastError: SyncProblem = { code: p.code, message: p.message, at };
    if (p.httpStatus !== undefined) lastError.httpStatus = p.httpStatus;
    if (p.serverCode !== undefined) lastError.serverCode = p.serverCode;
    this.log({ level, ...lastError });
    if (level !== 'info') this.update({ lastError });
  }

  // ---- the clock ----

  /** Server Date minus local time. Over 5 min it is flagged, and the crossing is audited. */
  private noteDate(res: HttpResponse): void {
    const date = Date.parse(firstHeader(res.headers.date) ?? '');
    if (Number.isNaN(date)) return;
    const skew = Math.round(date - res.midpointMs);
    const flagged = Math.abs(skew) > CLOCK_SKEW_LIMIT_MS;
    if (flagged !== this.st.clockSkewFlagged) {
      this.auditSafely({
        type: flagged ? 'clock-skew' : 'clock-skew-cleared',
        skewMs: skew,
        server: this.o.server,
      });
      if (flagged)
        this.problem({
          code: 'SYNC_CLOCK_SKEW',
          message: `kiosk clock is ${Math.round(-skew / 1000)} s off BMET's`,
        });
    }
    this.update({ clockSkewMs: skew, clockSkewFlagged: flagged });
  }

  /** The time to sign with: local time, corrected by a measured skew over a minute. */
  private signingNow(): number {
    const skew = this.st.clockSkewMs ?? 0;
    return Date.now() + (Math.abs(skew) > SIGNING_CORRECTION_MS ? skew : 0);
  }

  // ---- state ----

  private setPending(p: PendingBatch | null): void {
    this.pending = p;
    this.state.setPending(p);
  }

  private safePending(): number {
    try {
      return this.o.outbox.pendingCount();
    } catch {
      return this.st?.waiting ?? 0;
    }
  }

  private auditSafely(e: SyncAuditEvent): void {
    try {
      this.o.audit?.(e);
    } catch {
      // an audit failure (a full disk) is the store's to report; sync goes on
    }
  }

  private log(e: SyncLogEntry): void {
    try {
      this.o.log?.(e);
    } catch {
      // a failing logger must not stop sync
    }
  }

  /** Changes the status and tells every listener. */
  update(patch: Partial<SyncStatus>): void {
    this.st = { ...this.st, ...patch };
    for (const l of this.listeners) {
      try {
        l(this.status());
      } catch {
        // a screen's listener must not break the engine
      }
    }
  }
}
