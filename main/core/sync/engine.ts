/**
 * The sync engine (sync-protocol.md): ships the outbox to BMET in signed, gzipped batches
 * and answers each response as the spec's table says. It runs in the background on
 * timers and async HTTP; a scan never waits on it (`nudge()` only schedules).
 * Exports `SyncEngine`, `SyncOutbox` (the store functions it needs) and its options.
 */
import type { KeyObject } from 'node:crypto';
import type http from 'node:http';
import type { SyncAlert, SyncCode, SyncProblem, SyncStatus } from '../../contract/sync.ts';
import { buildBatch, type Batch } from './batch.ts';
import {
  agentFor,
  exchange,
  jsonObject,
  mediaType,
  type HttpLimits,
  type HttpResponse,
} from './http-client.ts';
import {
  AUTH_RETRY_MS,
  backoffMs,
  parseRetryAfter,
  realClock,
  RETRY_AFTER_MAX_MS,
  type SyncClock,
} from './timing.ts';
import type { OutboxRecord } from '../store/outbox.ts';
import { signRequest } from './wire.ts';
import { fetchTrust, type TrustInstaller } from './trust-fetch.ts';
import { MAX_BUNDLE_BYTES } from '../../contract/trust-bundle.ts';

/** Exactly the store functions sync needs, so a test can feed the engine its own outbox. */
export interface SyncOutbox {
  pendingCount(): number;
  firstUnsyncedSeq(): number | null;
  /** Records with seq ≥ fromSeq in seq order, synced or not. */
  recordsFrom(fromSeq: number, limit: number): OutboxRecord[];
  markSynced(fromSeq: number, toSeq: number): unknown;
  /** The engine's own persisted state (alert, batch in flight, ETag), strings it encodes itself. */
  syncState: {
    get(key: string): string | null;
    set(key: string, value: string): void;
    delete(key: string): void;
  };
}

export interface SyncLogEntry {
  level: 'info' | 'warn' | 'error';
  code: SyncCode | 'SYNC_BATCH_ACCEPTED' | 'SYNC_RESUMED' | 'TRUST_FETCHED';
  message: string;
  [k: string]: unknown;
}

export interface SyncEngineOptions {
  kioskId: string;
  server: string;
  privateKey: KeyObject;
  outbox: SyncOutbox;
  clock?: SyncClock;
  random?: () => number;
  /** Batch response bounds; the defaults suit a real network. */
  limits?: Partial<HttpLimits>;
  log?: (entry: SyncLogEntry) => void;
  /** Audit-log lines (clock skew over 5 min). */
  audit?: (event: { type: string; [k: string]: unknown }) => void;
  /** Installs a fetched trust bundle through the same path as a USB one. */
  trust?: { install: TrustInstaller; intervalMs?: number; maxBytes?: number; deadlineMs?: number };
  /** How long an idle engine waits before looking at the outbox again (nudge() is sooner). */
  idlePollMs?: number;
  maxRecordsPerBatch?: number;
}

export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;
const DEFAULT_LIMITS: HttpLimits = { deadlineMs: 60_000, maxResponseBytes: 64 * 1024 };
const READ_SLICE = 100;
const STATE_ALERT = 'sync.alert';
const STATE_PENDING = 'sync.pendingBatch';
const STATE_LAST_SUCCESS = 'sync.lastSuccessAt';
const STATE_TRUST_ETAG = 'trust.etag';

type Step =
  | { kind: 'sent'; count: number }
  | { kind: 'drained' }
  | { kind: 'retry'; waitMs: number }
  /** Go again at once (409 moved the cursor): not a failure. */
  | { kind: 'again' }
  | { kind: 'stopped' };

export interface OnceSummary {
  ok: boolean;
  acknowledged: number;
  batches: number;
  waiting: number;
  lastError: SyncProblem | null;
  alert: SyncAlert | null;
  nextAttemptAt: string | null;
  clockSkewMs: number | null;
  trust?: string | null;
}

export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private readonly clock: SyncClock;
  private readonly random: () => number;
  private readonly limits: HttpLimits;
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private st: SyncStatus;
  /** The next seq to send when it is not the outbox's first unsynced one (after a 409 asking for an earlier seq). */
  private cursor: number | null = null;
  /** The batch being retried: it keeps its id and range until acknowledged. */
  private pending: { batchId: string; fromSeq: number; toSeq: number } | null = null;
  private attempt = 0;
  /** 409s in a row without an acknowledgement: a server that keeps moving the cursor is backed off from. */
  private gapStreak = 0;
  private running = false;
  private inflight: Promise<unknown> | null = null;
  private cancelTimer: (() => void) | null = null;
  private cancelTrustTimer: (() => void) | null = null;

  constructor(opts: SyncEngineOptions) {
    this.o = opts;
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.base = new URL(opts.server.replace(/\/+$/, '') + '/');
    this.agent = agentFor(this.base);
    const alert = this.readJson<SyncAlert>(STATE_ALERT);
    this.pending = this.readJson(STATE_PENDING);
    this.st = {
      kioskId: opts.kioskId,
      server: opts.server,
      phase: alert ? 'stopped' : 'idle',
      waiting: this.safePending(),
      lastSuccessAt: opts.outbox.syncState.get(STATE_LAST_SUCCESS),
      lastError: null,
      nextAttemptAt: null,
      alert,
      clockSkewMs: null,
      clockSkewFlagged: false,
      trust: { lastCheckAt: null, etag: opts.outbox.syncState.get(STATE_TRUST_ETAG), lastOutcome: null },
    };
  }

  status(): SyncStatus {
    return structuredClone(this.st);
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the background loop: sync now, then whenever there is something to send. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
    if (this.o.trust) this.scheduleTrust(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTrustTimer?.();
    this.cancelTimer = this.cancelTrustTimer = null;
    await this.inflight;
    this.agent.destroy();
    this.update({ nextAttemptAt: null });
  }

  /** Called after a scan is logged: schedules a pass soon. No I/O happens here. */
  nudge(): void {
    if (!this.running || this.inflight || this.st.phase !== 'idle') return;
    this.schedule(0);
  }

  /** The technician's action: clears an alert (and a quarantine) and tries again now. */
  resume(): void {
    const alert = this.st.alert;
    if (alert) this.log({ level: 'info', code: 'SYNC_RESUMED', message: `technician cleared ${alert.code}` });
    this.putState(STATE_ALERT, null);
    this.attempt = 0;
    this.update({ alert: null, phase: 'idle' });
    if (this.running) this.schedule(0);
  }

  /**
   * One pass, for `sync --once`: sends until the outbox is drained or something fails.
   * `retries` transient failures in a row are waited out (on the engine's clock) first.
   */
  async runOnce(opts: { retries?: number; trust?: boolean } = {}): Promise<OnceSummary> {
    let acknowledged = 0;
    let batches = 0;
    let failures = 0;
    let ok = false;
    let trust: string | null | undefined;
    if (opts.trust && this.o.trust) trust = (await this.checkTrust()).outcome;
    for (;;) {
      const step = await this.guardedStep();
      if (step.kind === 'sent') {
        acknowledged += step.count;
        batches++;
        failures = 0;
        continue;
      }
      if (step.kind === 'again') continue;
      if (step.kind === 'drained') {
        ok = true;
        break;
      }
      if (step.kind === 'stopped' || ++failures > (opts.retries ?? 0)) break;
      await new Promise<void>((r) => this.clock.after(step.waitMs, r));
    }
    const s = this.status();
    return {
      ok,
      acknowledged,
      batches,
      waiting: s.waiting,
      lastError: s.lastError,
      alert: s.alert,
      nextAttemptAt: s.nextAttemptAt,
      clockSkewMs: s.clockSkewMs,
      ...(trust !== undefined ? { trust } : {}),
    };
  }

  /** Fetches /v1/trust/latest once and hands a new bundle to the installer. */
  async checkTrust(): Promise<{ outcome: string }> {
    const t = this.o.trust;
    if (!t) return { outcome: 'disabled' };
    const r = await fetchTrust({
      base: this.base,
      kioskId: this.o.kioskId,
      etag: this.st.trust.etag,
      agent: this.agent,
      limits: { deadlineMs: t.deadlineMs ?? 120_000, maxResponseBytes: t.maxBytes ?? MAX_BUNDLE_BYTES },
      install: t.install,
    });
    if (r.res) this.noteDate(r.res);
    if (r.problem) this.problem(r.problem);
    else this.log({ level: 'info', code: 'TRUST_FETCHED', message: r.outcome });
    if (r.etag !== undefined) this.putState(STATE_TRUST_ETAG, r.etag);
    this.update({
      trust: {
        lastCheckAt: new Date(this.clock.now()).toISOString(),
        etag: r.etag !== undefined ? r.etag : this.st.trust.etag,
        lastOutcome: r.outcome,
      },
    });
    return { outcome: r.outcome };
  }

  // ---- the loop ----

  private schedule(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (!this.running) return;
    this.update({ nextAttemptAt: new Date(this.clock.now() + ms).toISOString() });
    this.cancelTimer = this.clock.after(ms, () => void this.tick());
  }

  private scheduleTrust(ms: number): void {
    this.cancelTrustTimer?.();
    if (!this.running) return;
    this.cancelTrustTimer = this.clock.after(ms, async () => {
      if (!this.running) return;
      await this.checkTrust().catch(() => {});
      this.scheduleTrust(this.o.trust?.intervalMs ?? 3_600_000);
    });
  }

  private async tick(): Promise<void> {
    this.cancelTimer = null;
    if (!this.running || this.inflight) return;
    const step = await this.guardedStep();
    if (!this.running) return;
    switch (step.kind) {
      case 'sent':
      case 'again':
        // Yield between batches so scans and screen updates interleave with a long drain.
        setImmediate(() => this.schedule(0));
        break;
      case 'drained':
        this.schedule(this.o.idlePollMs ?? 30_000);
        break;
      case 'retry':
        this.schedule(step.waitMs);
        break;
      case 'stopped': {
        const at = this.st.alert?.retryAt ? Date.parse(this.st.alert.retryAt) : NaN;
        if (Number.isNaN(at)) this.update({ nextAttemptAt: null });
        else this.schedule(Math.max(0, at - this.clock.now()));
        break;
      }
    }
  }

  private async guardedStep(): Promise<Step> {
    const p = this.step().catch((err: Error): Step => {
      // The outbox is the store's; if reading it fails, say so and try later.
      this.problem({ code: 'SYNC_OUTBOX_ERROR', message: err.message });
      return { kind: 'retry', waitMs: backoffMs(this.attempt++, this.random) };
    });
    this.inflight = p;
    try {
      return await p;
    } finally {
      this.inflight = null;
      this.update({ waiting: this.safePending() });
    }
  }

  private async step(): Promise<Step> {
    const alert = this.st.alert;
    if (alert) {
      if (!alert.retryAt || this.clock.now() < Date.parse(alert.retryAt)) return { kind: 'stopped' };
      this.log({ level: 'info', code: 'SYNC_RESUMED', message: `retrying after ${alert.code}` });
      this.putState(STATE_ALERT, null);
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
    const limit = this.o.maxRecordsPerBatch ?? 500;
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
      return this.stop409(
        'SYNC_SEQ_UNAVAILABLE',
        built.why === 'missing' ? built.message : `the outbox has no record ${from}`,
      );
    }
    const batch = built.batch;
    if (!keep) this.setPending({ batchId: batch.batchId, fromSeq: batch.fromSeq, toSeq: batch.toSeq });
    this.update({ phase: 'sending' });
    const res = await this.send(batch);
    if (!res.ok) return this.transient(res.code, res.message);
    return this.answer(batch, res.res);
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

  private async send(batch: Batch) {
    const timestamp = new Date(this.signingNow()).toISOString();
    const url = new URL(`v1/kiosks/${encodeURIComponent(this.o.kioskId)}/batches`, this.base);
    return exchange({
      method: 'POST',
      url,
      agent: this.agent,
      limits: this.limits,
      body: batch.body,
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        Accept: 'application/json',
        'Idempotency-Key': batch.batchId,
        'X-BMET-Kiosk': this.o.kioskId,
        'X-BMET-Timestamp': timestamp,
        'X-BMET-Signature': signRequest(this.o.privateKey, timestamp, batch.body),
      },
    });
  }

  /** The response table of sync-protocol.md. */
  private answer(batch: Batch, res: HttpResponse): Step {
    this.noteDate(res);
    const body = jsonObject(res);
    const serverCode = typeof body?.error === 'string' ? body.error.slice(0, 64) : undefined;
    const s = res.status;
    if (s === 200) {
      if (mediaType(res.headers) !== 'application/json')
        return this.transient(
          'SYNC_WRONG_CONTENT_TYPE',
          `200 with content-type '${mediaType(res.headers).slice(0, 60)}'`,
          s,
        );
      const { accepted, duplicates, lastSeq } = body ?? {};
      if (
        !isCount(accepted) ||
        !isCount(duplicates) ||
        !isCount(lastSeq) ||
        accepted + duplicates !== batch.count ||
        lastSeq < batch.toSeq
      ) {
        // Not a readable acknowledgement of this batch: nothing is marked; the same batch goes again.
        return this.transient('SYNC_BAD_RESPONSE', '200 without a valid acknowledgement of this batch', s);
      }
      this.acknowledge(batch.fromSeq, batch.toSeq);
      this.gapStreak = 0;
      this.log({
        level: 'info',
        code: 'SYNC_BATCH_ACCEPTED',
        message: `seq ${batch.fromSeq}..${batch.toSeq} acknowledged`,
        accepted,
        duplicates,
        batchId: batch.batchId,
      });
      return { kind: 'sent', count: batch.count };
    }
    if (s === 409) {
      const e = body?.expectedSeq;
      if (!isCount(e) || e < 1 || e === batch.fromSeq)
        return this.transient('SYNC_BAD_RESPONSE', '409 without a usable expectedSeq', s);
      return this.resumeAt(batch, e);
    }
    if (s === 400 || s === 422) {
      const message = `BMET refused seq ${batch.fromSeq}..${batch.toSeq} (${s}${serverCode ? ' ' + serverCode : ''}): ${typeof body?.message === 'string' ? body.message.slice(0, 300) : 'no reason given'}`;
      this.putState(
        `sync.quarantine.${batch.batchId}`,
        JSON.stringify({
          batchId: batch.batchId,
          fromSeq: batch.fromSeq,
          toSeq: batch.toSeq,
          httpStatus: s,
          serverCode: serverCode ?? null,
          at: new Date(this.clock.now()).toISOString(),
        }),
      );
      return this.raise({
        code: 'SYNC_REJECTED',
        message,
        httpStatus: s,
        serverCode,
        batch: { batchId: batch.batchId, fromSeq: batch.fromSeq, toSeq: batch.toSeq },
        retryAt: null,
      });
    }
    if (s === 401 || s === 403) {
      const message = `BMET refused this kiosk (${s}${serverCode ? ' ' + serverCode : ''}); sync stops until a technician acts or for 1 h`;
      return this.raise({
        code: 'SYNC_UNAUTHORIZED',
        message,
        httpStatus: s,
        serverCode,
        retryAt: new Date(this.clock.now() + AUTH_RETRY_MS).toISOString(),
      });
    }
    if (s === 429 || s === 503) {
      let wait = parseRetryAfter(firstHeader(res.headers['retry-after']), Date.now());
      if (wait === null) return this.transient('SYNC_BUSY', `${s} without a readable Retry-After`, s);
      if (wait > RETRY_AFTER_MAX_MS) wait = RETRY_AFTER_MAX_MS;
      this.problem({
        code: 'SYNC_BUSY',
        message: `${s}: BMET asks to wait ${Math.round(wait / 1000)} s`,
        httpStatus: s,
      });
      this.update({ phase: 'waiting' });
      return { kind: 'retry', waitMs: wait };
    }
    if (s >= 500) return this.transient('SYNC_SERVER_ERROR', `${s}${serverCode ? ' ' + serverCode : ''}`, s);
    return this.transient('SYNC_UNEXPECTED_STATUS', `unexpected status ${s}`, s);
  }

  private acknowledge(fromSeq: number, toSeq: number): void {
    const first = this.o.outbox.firstUnsyncedSeq();
    // A resent earlier range is already marked; mark only what is still unsynced.
    if (first !== null && toSeq >= first) this.o.outbox.markSynced(Math.max(fromSeq, first), toSeq);
    this.cursor = this.cursor !== null ? toSeq + 1 : null;
    this.setPending(null);
    this.attempt = 0;
    const at = new Date(this.clock.now()).toISOString();
    this.putState(STATE_LAST_SUCCESS, at);
    this.update({ lastSuccessAt: at, lastError: null, phase: 'idle' });
  }

  /** 409: the server wants `e`. Earlier: resend from there. Later: it already holds fromSeq..e-1. */
  private resumeAt(batch: Batch, e: number): Step {
    this.setPending(null);
    if (++this.gapStreak > 10) {
      this.gapStreak = 0;
      return this.transient('SYNC_GAP', `409 again and again (now expecting ${e}) without progress`, 409);
    }
    if (e < batch.fromSeq) {
      if (this.o.outbox.recordsFrom(e, 1)[0]?.seq !== e)
        return this.stop409(
          'SYNC_SEQ_UNAVAILABLE',
          `BMET asks to resume at seq ${e}, which this kiosk no longer has`,
        );
      this.cursor = e;
      this.problem(
        { code: 'SYNC_GAP', message: `409: BMET expects seq ${e}; resending from there`, httpStatus: 409 },
        'info',
      );
      return { kind: 'again' };
    }
    if (this.o.outbox.recordsFrom(e - 1, 1)[0]?.seq !== e - 1)
      return this.stop409(
        'SYNC_SERVER_AHEAD',
        `BMET expects seq ${e}, beyond anything this kiosk has logged`,
      );
    this.acknowledge(batch.fromSeq, e - 1);
    this.cursor = null;
    this.problem(
      {
        code: 'SYNC_GAP',
        message: `409: BMET already holds up to seq ${e - 1}; continuing from ${e}`,
        httpStatus: 409,
      },
      'info',
    );
    return { kind: 'again' };
  }

  private stop409(code: 'SYNC_SEQ_UNAVAILABLE' | 'SYNC_SERVER_AHEAD', message: string): Step {
    this.cursor = null;
    return this.raise({ code, message, retryAt: null });
  }

  private transient(code: SyncCode, message: string, httpStatus?: number): Step {
    const waitMs = backoffMs(this.attempt++, this.random);
    this.problem({
      code,
      message: `${message}; retrying in ${Math.round(waitMs / 1000)} s`,
      ...(httpStatus ? { httpStatus } : {}),
    });
    this.update({ phase: 'waiting' });
    return { kind: 'retry', waitMs };
  }

  private raise(a: Omit<SyncAlert, 'at'>): Step {
    const alert: SyncAlert = { ...a, at: new Date(this.clock.now()).toISOString() };
    if (alert.serverCode === undefined) delete alert.serverCode;
    this.putState(STATE_ALERT, JSON.stringify(alert));
    this.problem(alert, 'error');
    this.update({ alert, phase: 'stopped' });
    return { kind: 'stopped' };
  }

  private problem(p: Omit<SyncProblem, 'at'> & { at?: string }, level: SyncLogEntry['level'] = 'warn'): void {
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
      this.o.audit?.({
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

  /** The time to sign with: local time, corrected by a measured skew over a minute, so a wrong kiosk clock does not lock sync out. */
  private signingNow(): number {
    const skew = this.st.clockSkewMs ?? 0;
    return Date.now() + (Math.abs(skew) > 60_000 ? skew : 0);
  }

  // ---- state ----

  private setPending(p: { batchId: string; fromSeq: number; toSeq: number } | null): void {
    this.pending = p;
    this.putState(STATE_PENDING, p ? JSON.stringify(p) : null);
  }

  private putState(key: string, value: string | null): void {
    if (value === null) this.o.outbox.syncState.delete(key);
    else this.o.outbox.syncState.set(key, value);
  }

  private readJson<T>(key: string): T | null {
    try {
      const v = this.o.outbox.syncState.get(key);
      return v ? (JSON.parse(v) as T) : null;
    } catch {
      return null;
    }
  }

  private safePending(): number {
    try {
      return this.o.outbox.pendingCount();
    } catch {
      return this.st?.waiting ?? 0;
    }
  }

  private log(e: SyncLogEntry): void {
    try {
      this.o.log?.(e);
    } catch {
      // a failing logger must not stop sync
    }
  }

  private update(patch: Partial<SyncStatus>): void {
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

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function firstHeader(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}
