/**
 * openStore: the kiosk's database as the rest of the program sees it: the verification
 * log (with DUPLICATE_SCAN), the outbox for sync, the audit log, settings, people,
 * trust installs, reports and retention. One Store per process and data dir.
 */
import type { ReportPage } from '../../contract/report-page.ts';
import type { RetentionAlert } from '../../contract/store-codes.ts';
import type { Verdict } from '../../contract/verdict.ts';
import type { AuditDetails } from '../../contract/audit.ts';
import { AuditLog, type AuditAction, type AuditEntry } from './audit.ts';
import { verifyChain, type ChainReport } from './chain.ts';
import { openDatabase, type Db, type OpenDbOptions } from './database.ts';
import { StoreError, storeErrorFrom } from './errors.ts';
import { makeOutbox, type OutboxApi, type OutboxRecord, type SyncState } from './outbox.ts';
import { People } from './people.ts';
import { dailyCsv, dailyReport, dayFigures, reportPageOf, type DailyReport } from './report.ts';
import { applyRetention, parseRetentionDays, RETENTION_SETTING, type RetentionResult } from './retention.ts';
import { BMET_TIME_KEY, decodeAnchor, judgeClock, readBootClock, type BootClock } from './trusted-clock.ts';
import { TrustStore, type InstalledBundle } from './trust-store.ts';
import type { RootSet } from '../trust/roots.ts';
import type { VerifiedBundle } from '../trust/bundle-file.ts';
import { VerificationLog } from './verification-log.ts';
import { TripLog, type TripEntry } from './trip-log.ts';

export type DataDirMode = 'development' | 'production';

export interface OpenStoreOptions {
  dataDir: string;
  /** Read-only: nothing in the data dir changes (verify --no-log, report). */
  readonly?: boolean;
  /** Only used when this open creates the database: a development data dir gets demo accounts. */
  mode?: DataDirMode;
  /**
   * The run is of kind `mode` (the kiosk's start): a data dir made for the other kind is refused,
   * STORE_OTHER_MODE. Unset (the CLI's commands): any data dir.
   */
  refuseOtherMode?: boolean;
  /** Default: quick for writable opens, none for read-only; or the rows of a check already run (boot). */
  integrity?: OpenDbOptions['integrity'];
  /** Apply retention when a writable store opens (default true); its outcome is in `warnings` if it fails. */
  retentionAtStart?: boolean;
  /** The clock for audit times and acknowledgements (tests). */
  now?: () => number;
  /** The machine's boot clock, which retention trusts beside BMET's time (tests inject one). */
  bootClock?: () => BootClock;
}

/** sync_state keys: the last reason retention skipped (so a skip is audited once, not every start) and the alert. */
const RETENTION_SKIP_KEY = 'retention.lastSkip';
const RETENTION_ALERT_KEY = 'retention.alert';

export class Store implements OutboxApi {
  readonly db: Db;
  readonly file: string;
  readonly dataDir: string;
  readonly readonly: boolean;
  readonly audit: AuditLog;
  readonly syncState: SyncState;
  readonly now: () => number;
  private readonly bootClock: () => BootClock;
  /** Problems met while opening that did not stop it (shown by the caller). */
  readonly warnings: string[] = [];
  readonly people: People;
  readonly trust: TrustStore;
  /** The log the scan path writes (null when read-only): firstSeenAt and append. */
  readonly log: VerificationLog | null;
  /** The desk's boarding-pass checks (null when read-only). */
  readonly trips: TripLog | null;
  private readonly outbox: OutboxApi;
  private readonly getSetting;
  private readonly putSetting;

  constructor(db: Db, file: string, opts: OpenStoreOptions) {
    this.db = db;
    this.file = file;
    this.dataDir = opts.dataDir;
    this.readonly = opts.readonly === true;
    this.now = opts.now ?? Date.now;
    this.bootClock = opts.bootClock ?? readBootClock;
    this.audit = new AuditLog(db);
    this.people = new People(db, this.audit, this.now);
    this.trust = new TrustStore(db, this.audit, file, this.now);
    this.log = this.readonly ? null : new VerificationLog(db, () => this.kioskId());
    this.trips = this.readonly ? null : new TripLog(db, this.audit);
    this.outbox = makeOutbox(db, () => this.nowIso());
    this.syncState = this.outbox.syncState;
    this.getSetting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.putSetting = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Runs `fn` in one IMMEDIATE transaction; errors come out as StoreError. */
  tx<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  // ---- the verification log ----

  /** Logs one verdict, committed before it returns (log before show). */
  logVerdict(verdict: Verdict, qr: string, nowMs: number, officerId: string): OutboxRecord {
    if (!this.log) throw new StoreError('STORE_READ_ONLY', `${this.file} was opened read-only`);
    try {
      return this.log.append({ verdict, qr, nowMs, officerId });
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  /** Logs one boarding-pass check with its audit line, committed before it returns. */
  logTrip(entry: Omit<TripEntry, 'kioskId'>): { id: number } {
    if (!this.trips) throw new StoreError('STORE_READ_ONLY', `${this.file} was opened read-only`);
    try {
      return { id: this.trips.append({ ...entry, kioskId: this.kioskId() }) };
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  firstSeenAt(cid: string, nowMs: number): string | null {
    return this.log ? this.log.firstSeenAt(cid, nowMs) : null;
  }

  verifyChain(): ChainReport {
    return verifyChain(this.db, this.now());
  }

  // ---- trust ----

  /**
   * The bundle in force under `roots` (the newest stored one that opens under them) with
   * its prepared keys and revocations; null when none is installed. Throws when none opens.
   */
  loadInstalledTrust(roots: RootSet): VerifiedBundle | null {
    return this.loadTrustInForce(roots)?.bundle ?? null;
  }

  /** As loadInstalledTrust, with the stored record of the bundle in force (when, by whom, from where). */
  loadTrustInForce(roots: RootSet): { bundle: VerifiedBundle; installed: InstalledBundle } | null {
    return this.trust.openInForce(roots);
  }

  // ---- reports and retention ----

  dailyReport(date: string): DailyReport {
    return dailyReport(this.db, date, this.kioskId());
  }

  /** The supervisor's page of a day (the screen, its print, the PDF): the report with names, made at `madeAt`. */
  reportPage(date: string, madeAt: string): ReportPage {
    return reportPageOf(
      dayFigures(this.db, date, this.kioskId()),
      (id) => this.people.get(id)?.name ?? null,
      madeAt,
      this.mode(),
    );
  }

  dailyCsv(date: string): Generator<string> {
    return dailyCsv(this.db, date);
  }

  retentionDays(): number {
    return parseRetentionDays(this.setting(RETENTION_SETTING));
  }

  /**
   * Clears name and passport of records BMET acknowledged more than the retention period
   * ago, judged by trusted time (BMET's last Date + the boot clock, never later than the
   * wall clock). With no trusted time, or a clock that looks jumped, it skips: audited
   * once per reason, and a jump is an alert (`retentionAlert()`, and a warning).
   */
  applyRetention(actor: string, opts: { auditIfIdle?: boolean } = {}): RetentionResult {
    try {
      const days = this.retentionDays();
      const judged = judgeClock(
        this.now(),
        decodeAnchor(this.syncState.get(BMET_TIME_KEY)),
        this.bootClock(),
      );
      if (!judged.ok) return this.retentionSkipped(actor, days, judged);
      this.syncState.delete(RETENTION_SKIP_KEY);
      this.syncState.delete(RETENTION_ALERT_KEY);
      const r = applyRetention(this.db, days, judged.trustedMs);
      // The start-up pass audits only when it did something, so every CLI run does not add a line.
      if (
        opts.auditIfIdle !== false ||
        r.redacted > 0 ||
        r.skippedBroken.length > 0 ||
        r.tripNamesCleared > 0
      )
        this.appendAudit(actor, 'retention.run', { ...r });
      return r;
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  /** The standing alert of a retention pass skipped for a jumped clock, or null. */
  retentionAlert(): RetentionAlert | null {
    const v = this.syncState.get(RETENTION_ALERT_KEY);
    if (!v) return null;
    // Written only by retentionSkipped below; anything else there is not an alert this code made.
    try {
      const a = JSON.parse(v) as Partial<RetentionAlert>;
      return a.code === 'RETENTION_CLOCK_JUMPED' && typeof a.why === 'string' && typeof a.at === 'string'
        ? { code: a.code, why: a.why, at: a.at }
        : null;
    } catch {
      return null;
    }
  }

  private retentionSkipped(
    actor: string,
    days: number,
    j: { code: 'RETENTION_NO_TRUSTED_TIME' | 'RETENTION_CLOCK_JUMPED'; why: string },
  ): RetentionResult {
    const r: RetentionResult = {
      days,
      trustedNow: null,
      cutoff: null,
      redacted: 0,
      skippedBroken: [],
      tripNamesCleared: 0,
      skipped: { code: j.code, why: j.why },
    };
    const waiting = this.db
      .prepare('SELECT count(*) FROM verifications WHERE synced_at IS NOT NULL AND redacted_at IS NULL')
      .pluck()
      .get() as number;
    // Before BMET has acknowledged anything there is nothing to clear, so nothing to report.
    if (j.code === 'RETENTION_NO_TRUSTED_TIME' && waiting === 0) return r;
    if (j.code === 'RETENTION_CLOCK_JUMPED') {
      this.warnings.push(`retention skipped (${j.code}): ${j.why}`);
      // `at` is when the hold began: a standing alert keeps it through later skipped passes (every start).
      const standing = this.retentionAlert();
      this.syncState.set(
        RETENTION_ALERT_KEY,
        JSON.stringify({ code: j.code, why: j.why, at: standing?.at ?? this.nowIso() }),
      );
    }
    if (this.syncState.get(RETENTION_SKIP_KEY) !== j.code) {
      this.syncState.set(RETENTION_SKIP_KEY, j.code);
      this.appendAudit(actor, 'retention.skipped', {
        code: j.code,
        why: j.why,
        days,
        waiting,
        wallClock: this.nowIso(),
      });
    }
    return r;
  }

  // ---- outbox (sync-protocol.md) ----

  pendingCount(): number {
    return this.outbox.pendingCount();
  }
  firstUnsyncedSeq(): number | null {
    return this.outbox.firstUnsyncedSeq();
  }
  firstRedactedIn(fromSeq: number, toSeq: number): number | null {
    return this.outbox.firstRedactedIn(fromSeq, toSeq);
  }
  recordsFrom(fromSeq: number, limit: number): OutboxRecord[] {
    return this.outbox.recordsFrom(fromSeq, limit);
  }
  markSynced(fromSeq: number, toSeq: number, at?: string): number {
    try {
      return this.outbox.markSynced(fromSeq, toSeq, at);
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  // ---- settings and audit ----

  setting(key: string): string | null {
    return (this.getSetting.get(key) as string | undefined) ?? null;
  }

  /** Changes a setting and audits it, in one transaction. */
  setSetting(key: string, value: string, actor: string): void {
    this.tx(() => {
      const old = this.setting(key);
      this.putSetting.run(key, value);
      this.audit.append(this.nowIso(), actor, 'settings.set', { key, from: old, to: value });
    });
  }

  /** Sets a setting without an audit entry: for values the software itself maintains. */
  putInternalSetting(key: string, value: string): void {
    this.putSetting.run(key, value);
  }

  /** The kiosk id set by provisioning (setting 'kioskId'), or null before that. */
  kioskId(): string | null {
    return this.setting('kioskId');
  }

  mode(): DataDirMode {
    return this.setting('mode') === 'development' ? 'development' : 'production';
  }

  auditEntries(afterSeq = 0, limit = 1000): AuditEntry[] {
    return this.audit.entries(afterSeq, limit);
  }

  appendAudit<A extends AuditAction>(actor: string, action: A, detail: AuditDetails[A]): void {
    this.tx(() => this.audit.append(this.nowIso(), actor, action, detail));
  }

  /**
   * Copies committed WAL pages into the database file without waiting on readers
   * (PASSIVE). SQLite also does this by itself every ~1000 pages, on the append that
   * crosses the mark; a caller with idle time (the kiosk between scans) can call this so
   * that cost rarely lands on a scan.
   */
  checkpoint(): { walPages: number; checkpointed: number } {
    const [r] = this.db.pragma('wal_checkpoint(PASSIVE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    return { walPages: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(opts: OpenStoreOptions): Store {
  const { db, file, created } = openDatabase({
    dataDir: opts.dataDir,
    readonly: opts.readonly,
    integrity: opts.integrity,
  });
  const store = new Store(db, file, opts);
  // A data dir is development or production from its creation. A run of the other kind must not
  // use it: a production log checked against the public development root (and synced as this
  // kiosk), or a development dir, with its demo accounts' known PINs, run as production.
  if (!created && opts.refuseOtherMode && opts.mode && store.mode() !== opts.mode) {
    const dirMode = store.mode();
    store.close();
    throw new StoreError(
      'STORE_OTHER_MODE',
      `${opts.dataDir} was made for ${dirMode}; a ${opts.mode} run will not use it (${
        dirMode === 'production'
          ? 'its cards would be checked against the public development root and synced as this kiosk'
          : 'its demo accounts have PINs anyone can read'
      }): give this run a data dir of its own (--data-dir)`,
    );
  }
  if (created) {
    try {
      initialise(store, opts.mode ?? 'production');
    } catch (err) {
      store.close();
      throw storeErrorFrom(err, file);
    }
  }
  if (!store.readonly && opts.retentionAtStart !== false) {
    // A failed pass (a full disk, say) must not stop the desk: it is reported and tried at the next start.
    try {
      store.applyRetention('system', { auditIfIdle: false });
    } catch (err) {
      store.warnings.push(`retention was not applied: ${(err as Error).message}`);
    }
  }
  return store;
}

/** First open of a new data dir: remember its mode, once. */
function initialise(store: Store, mode: DataDirMode): void {
  store.tx(() => {
    store.putInternalSetting('mode', mode);
    store.audit.append(store.nowIso(), 'system', 'store.created', { mode });
  });
  if (mode === 'development') store.people.seedDemoAccounts();
}
