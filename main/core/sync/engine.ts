/**
 * The sync engine: runs the state machine (sync-machine.ts) in the background on timers
 * (after a batch at once, after a failure its backoff, when idle a poll, an alert until
 * its retry time) and the trust check every hour; `runOnce` is one pass for
 * `sync --once`. A scan never waits on it (`nudge()` only schedules).
 * Exports `SyncEngine` and re-exports the machine's types.
 */
import type { SyncAlert, SyncProblem, SyncStatus, TrustCheck } from '../../contract/sync.ts';
import { SyncMachine, type Step, type SyncEngineOptions } from './sync-machine.ts';
import { realClock, type SyncClock } from './timing.ts';

export {
  CLOCK_SKEW_LIMIT_MS,
  MAX_GAP_STREAK,
  type SyncAuditEvent,
  type SyncEngineOptions,
  type SyncLogEntry,
  type SyncOutbox,
} from './sync-machine.ts';

/** When idle, how long before looking at the outbox again (a nudge after a scan is sooner). */
const DEFAULT_IDLE_POLL_MS = 30_000;
const TRUST_INTERVAL_MS = 3_600_000;

export interface OnceSummary {
  ok: boolean;
  /**
   * Records this pass marked acknowledged: by a 200, and by a 409 saying BMET holds them (an
   * earlier answer lost). A range resent after a 409 rewind that was already marked counts no more.
   */
  acknowledged: number;
  /** Batches a 200 acknowledged. */
  batches: number;
  waiting: number;
  lastError: SyncProblem | null;
  alert: SyncAlert | null;
  nextAttemptAt: string | null;
  clockSkewMs: number | null;
  /** The trust check this pass began with, when it was asked for and a trust fetch is configured. */
  trust?: TrustCheck;
  /** Present when a stop request ended the pass early: the batch in flight was finished, no other sent. */
  stopped?: true;
}

export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private readonly clock: SyncClock;
  private readonly machine: SyncMachine;
  private running = false;
  private inflight: Promise<unknown> | null = null;
  private cancelTimer: (() => void) | null = null;
  private cancelTrustTimer: (() => void) | null = null;

  constructor(opts: SyncEngineOptions) {
    this.o = opts;
    this.clock = opts.clock ?? realClock;
    this.machine = new SyncMachine(opts);
  }

  status(): SyncStatus {
    return this.machine.status();
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    return this.machine.onStatus(listener);
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
    this.machine.close();
    this.machine.update({ nextAttemptAt: null });
  }

  /** Called after a scan is logged: schedules a pass soon. No I/O happens here. */
  nudge(): void {
    if (!this.running || this.inflight || this.machine.phase !== 'idle') return;
    this.schedule(0);
  }

  /** The technician's action: clears an alert (and a quarantine) and tries again now. */
  resume(): void {
    this.machine.resume();
    if (this.running) this.schedule(0);
  }

  /**
   * One pass, for `sync --once`: sends until the outbox is drained or something fails.
   * `retries` transient failures in a row are waited out (on the engine's clock) first.
   * `stop` (a signal to the command) ends the pass between steps: the exchange in flight is
   * finished, since its answer may mark records acknowledged, and no other begins; a wait for a
   * retry ends at once. What is not acknowledged stays in the outbox for the next pass.
   */
  async runOnce(opts: { retries?: number; trust?: boolean; stop?: AbortSignal } = {}): Promise<OnceSummary> {
    let acknowledged = 0;
    let batches = 0;
    let failures = 0;
    let ok = false;
    let trust: TrustCheck | undefined;
    const stop = opts.stop;
    if (opts.trust && this.o.trust && !stop?.aborted) trust = (await this.checkTrust()) ?? undefined;
    for (;;) {
      if (stop?.aborted) break;
      // A failure now is waited out only while retries are left: its message says which.
      const step = await this.guardedStep(failures < (opts.retries ?? 0));
      // Every record this pass marked: by a 200, and by a 409 saying BMET holds them (a lost answer).
      if (step.kind === 'sent' || step.kind === 'again') acknowledged += step.acknowledged;
      if (step.kind === 'sent') {
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
      await this.pause(step.waitMs, stop);
    }
    const s = this.status();
    const stopped = !ok && stop?.aborted === true;
    return {
      // Stopped early, the pass still did its job if nothing is left to send.
      ok: ok || (stopped && s.waiting === 0 && !s.alert),
      acknowledged,
      batches,
      waiting: s.waiting,
      lastError: s.lastError,
      alert: s.alert,
      nextAttemptAt: s.nextAttemptAt,
      clockSkewMs: s.clockSkewMs,
      ...(trust !== undefined ? { trust } : {}),
      ...(stopped ? { stopped: true as const } : {}),
    };
  }

  /** Waits `ms` on the engine's clock, or until `stop` is signalled. */
  private pause(ms: number, stop: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      if (stop?.aborted) return resolve();
      let cancel = (): void => undefined;
      const end = () => {
        cancel();
        stop?.removeEventListener('abort', end);
        resolve();
      };
      cancel = this.clock.after(ms, end);
      stop?.addEventListener('abort', end, { once: true });
    });
  }

  /** Fetches /v1/trust/latest once and hands a new bundle to the installer. */
  checkTrust(): Promise<TrustCheck | null> {
    return this.machine.checkTrust();
  }

  // ---- the loop ----

  private schedule(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (!this.running) return;
    this.machine.update({ nextAttemptAt: new Date(this.clock.now() + ms).toISOString() });
    this.cancelTimer = this.clock.after(ms, () => {
      // tick() settles its own step's errors; this only catches a listener or logger bug.
      this.tick().catch((err: Error) =>
        this.machine.problem({ code: 'SYNC_OUTBOX_ERROR', message: err.message }),
      );
    });
  }

  private scheduleTrust(ms: number): void {
    this.cancelTrustTimer?.();
    if (!this.running) return;
    this.cancelTrustTimer = this.clock.after(ms, () => {
      if (!this.running) return;
      const next = () => this.scheduleTrust(this.o.trust?.intervalMs ?? TRUST_INTERVAL_MS);
      this.checkTrust().then(next, next);
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
        this.schedule(this.o.idlePollMs ?? DEFAULT_IDLE_POLL_MS);
        break;
      case 'retry':
        this.schedule(step.waitMs);
        break;
      case 'stopped': {
        const retryAt = this.machine.status().alert?.retryAt;
        const at = retryAt ? Date.parse(retryAt) : NaN;
        if (Number.isNaN(at)) this.machine.update({ nextAttemptAt: null });
        else this.schedule(Math.max(0, at - this.clock.now()));
        break;
      }
    }
  }

  private async guardedStep(retrying = true): Promise<Step> {
    const p = this.machine.step(retrying);
    this.inflight = p;
    try {
      return await p;
    } finally {
      this.inflight = null;
    }
  }
}
