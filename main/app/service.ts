/**
 * The kiosk service: owns the trust in force (replaced without a restart after an install)
 * and the scan path, keeps the recent scans and the status the screens show, and tells
 * listeners (every open screen) about each result and status change. The kiosk's other
 * parts (scanners, USB sticks, sync, audit: parts.ts) answer the technician's calls
 * through it. Plain Node; the loopback host and the Electron shell both drive it through
 * `callKiosk` (dispatch.ts).
 */
import { randomUUID } from 'node:crypto';
import type {
  DeskResult,
  EventName,
  EventPayloads,
  KioskStatus,
  LogProblemCode,
  RecentScan,
  Reply,
  ScanResult,
  ScanSource,
  TrustStatus,
  TrustProblem,
  TripResult,
} from '../contract/api.ts';
import { DEFAULT_DESK_CLEAR_SECONDS } from '../contract/desk.ts';
import type { TrustDetails } from '../contract/technician.ts';
import type { RetentionAlert } from '../contract/store-codes.ts';
import type { PassCode } from '../contract/trip.ts';
import { NO_PARTS, type KioskParts } from './parts.ts';
import { createStaff, type Staff } from './staff.ts';
import { scanOnce, type ScanLog } from '../core/scan/scan-path.ts';
import type { PreparedTrust } from '../core/trust/prepared-trust.ts';
import { parseBoardingPass, looksLikeBoardingPass } from '../core/trip/bcbp.ts';
import { deskAirport } from '../core/trip/airports.ts';
import { DeskTrips, type PairedClearance } from '../core/trip/desk-trips.ts';
import { flightDaysExist } from '../core/trip/trip-check.ts';
import type { TripEntry } from '../core/store/trip-log.ts';

const DAY_MS = 86_400_000;
const RECENT_KEPT = 50;
/** How often the service looks whether the bundle has expired meanwhile. */
const STATUS_TICK_MS = 60_000;

export interface KioskServiceOptions {
  trust: { prepared: PreparedTrust; source: TrustStatus['source'] } | null;
  /** Why there is no trust (a bundle refusal or trust problem code), when `trust` is null. */
  trustProblem: TrustProblem | null;
  roots: KioskStatus['roots'];
  mode: KioskStatus['mode'];
  log: ScanLog | null;
  /** Why `log` is null. */
  noLog?: { code: Extract<LogProblemCode, 'LOG_DISABLED' | 'LOG_UNAVAILABLE'>; message: string };
  /** Recorded with scans made while no one is signed in (UNSIGNED). */
  officer: string;
  /** Epoch ms now; a fixed instant under --now. */
  clock: () => number;
  /** Sign-in and reports; default: none (no one can sign in, every scan is `officer`'s). */
  staff?: Staff;
  /** Scanners, sticks, sync and audit; without them those calls answer UNAVAILABLE. */
  parts?: KioskParts;
  /** Seconds a verdict stays on the desk (the data dir's desk.clearSeconds); default 60. */
  deskClearSeconds?: number;
  /** The store's standing retention alert (read at each status); none without a store. */
  retentionAlert?: () => RetentionAlert | null;
  /** Where boarding-pass checks are kept, and the kiosk id that names the desk's airport (the store); none: not kept. */
  trips?: { logTrip(entry: Omit<TripEntry, 'kioskId'>): { id: number }; kioskId(): string | null } | null;
}

export type TrustInForce = NonNullable<KioskServiceOptions['trust']>;

export type KioskListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface KioskService {
  /**
   * Verifies and logs one scan (with no bundle in force: an invalid NO_TRUST verdict, logged and
   * shown like any other, whichever scanner it came from). `overlong`: the reader cut it.
   * `officer`: the person signed in at the screen that scanned, null for none (then UNSIGNED); left out
   * for scans arriving in main (a serial scanner): the most recently active session's person, else UNSIGNED.
   */
  scan(text: string, source: ScanSource, overlong?: boolean, officer?: string | null): Reply<DeskResult>;
  status(): KioskStatus;
  recentScans(limit: number): RecentScan[];
  /** One kept recent result in full, by id, or null. */
  recentResult(id: string): ScanResult | null;
  /** Adds a listener for every event; returns its remover. */
  subscribe(listener: KioskListener): () => void;
  /** Puts another bundle in force (after an install), for every scan from now on; tells the screens. */
  setTrust(trust: TrustInForce): void;
  /** A part's state changed: the screens get one status event for a burst of changes. */
  statusChanged(): void;
  /** Sends any event to every screen (the parts' own events). */
  emit: KioskListener;
  trustDetails(): TrustDetails | null;
  /** The trust scans are verified against now (for the technician's install preview). */
  trustInForce(): PreparedTrust | null;
  /** The other parts of the kiosk, for the technician's calls. */
  readonly parts: KioskParts;
  /** Sessions, sign-in and the supervisor's report. */
  readonly staff: Staff;
  close(): void;
}

export function createKioskService(o: KioskServiceOptions): KioskService {
  const listeners = new Set<KioskListener>();
  const parts = o.parts ?? NO_PARTS;
  const staff = o.staff ?? createStaff({ store: null, clock: o.clock });
  let trust = o.trust;
  let statusQueued = false;
  const recent: ScanResult[] = [];
  const deskTrips = new DeskTrips();
  let logState: KioskStatus['log'] = o.log
    ? { state: 'ok', code: null, message: null }
    : { state: 'off', code: o.noLog?.code ?? 'LOG_DISABLED', message: o.noLog?.message ?? null };

  const emit: KioskListener = (event, payload) => {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (err) {
        // One broken screen connection must not stop the others or the scan.
        process.stderr.write(`bmet-kiosk: event listener failed: ${(err as Error).message}\n`);
      }
    }
  };

  function trustStatus(nowMs: number): TrustStatus | null {
    if (!trust) return null;
    const t = trust.prepared;
    return {
      version: t.version,
      issuedAt: t.issuedAt,
      expiresAt: t.expiresAt,
      expired: nowMs >= t.expiresAtMs,
      daysLeft: Math.floor((t.expiresAtMs - nowMs) / DAY_MS),
      sha256: t.sha256,
      source: trust.source,
    };
  }

  function status(): KioskStatus {
    const nowMs = o.clock();
    return {
      mode: o.mode,
      roots: o.roots,
      trust: trustStatus(nowMs),
      trustProblem: trust
        ? null
        : (o.trustProblem ?? { code: 'NO_TRUST_BUNDLE', message: 'no trust bundle in force' }),
      log: logState,
      now: new Date(nowMs).toISOString(),
      officer: o.officer,
      scanners: parts.scanners(),
      sync: parts.sync(),
      deskClearSeconds: o.deskClearSeconds ?? DEFAULT_DESK_CLEAR_SECONDS,
      retention: retentionStatus(),
    };
  }

  /** The alert's code and time (its English `why` stays in the log and audit); null when it cannot be read. */
  function retentionStatus(): KioskStatus['retention'] {
    try {
      const a = o.retentionAlert?.() ?? null;
      return a ? { code: a.code, at: a.at } : null;
    } catch {
      return null;
    }
  }

  let lastExpired = trustStatus(o.clock())?.expired;
  const tick = setInterval(() => {
    const expired = trustStatus(o.clock())?.expired;
    if (expired !== lastExpired) {
      lastExpired = expired;
      emit('status', status());
    }
  }, STATUS_TICK_MS);
  tick.unref();

  /** A boarding pass: checked against the clearance verified just before it, kept, and shown with it. */
  function tripScan(text: string, source: ScanSource, nowMs: number, officer: string): TripResult {
    const read = parseBoardingPass(text);
    const base = {
      kind: 'trip' as const,
      id: randomUUID(),
      at: new Date(nowMs).toISOString(),
      source,
      officer,
    };
    // The paired clearance's own result, shown again beside the trip (null when it is no longer kept).
    const shownAgain = (c: PairedClearance | null) =>
      c ? (recent.find((r) => r.id === c.resultId) ?? null) : null;
    // A pass that could not be read is no check and leaves the pairing: the desk keeps showing the card
    // that still waits for a readable pass, rather than "ready for the next card" (the card scanned again
    // would read as a repeat scan).
    const unusable = (passCode: PassCode): TripResult => ({
      ...base,
      passCode,
      trip: null,
      clearance: shownAgain(deskTrips.paired(nowMs)),
      log: null,
    });
    if (!read.ok) return unusable(read.code);
    // Day 366 of a year without one (none of last, this or next year has it) is no date: a malformed pass.
    if (!flightDaysExist(read.pass, nowMs)) return unusable('PASS_MALFORMED');
    // The kiosk id (which names the desk's airport) is a read of the store: one that fails is a log
    // problem shown with the check (checked without the airport), never an error in place of it.
    let kioskId: string | null = null;
    let readFailed: string | null = null;
    try {
      kioskId = o.trips?.kioskId() ?? null;
    } catch (err) {
      readFailed = (err as Error).message ?? String(err);
    }
    const { check, clearance } = deskTrips.check(read.pass, nowMs, deskAirport(kioskId));
    let log: TripResult['log'];
    if (!o.trips) log = { state: 'off', code: o.noLog?.code ?? 'LOG_DISABLED' };
    else if (readFailed !== null) log = { state: 'failed', code: 'LOG_WRITE_FAILED', message: readFailed };
    else {
      try {
        log = {
          state: 'logged',
          seq: o.trips.logTrip({ check, nowMs, officerId: officer, verificationSeq: clearance?.seq ?? null })
            .id,
        };
      } catch (err) {
        log = { state: 'failed', code: 'LOG_WRITE_FAILED', message: (err as Error).message ?? String(err) };
      }
    }
    return { ...base, passCode: null, trip: check, clearance: shownAgain(clearance), log };
  }

  return {
    scan(text, source, overlong = false, signedIn) {
      const nowMs = o.clock();
      const officer = (signedIn === undefined ? staff.deskOfficer() : signedIn) ?? o.officer;
      if (!overlong && looksLikeBoardingPass(text)) {
        const result = tripScan(text, source, nowMs, officer);
        emit('scanResult', result);
        return { ok: true, value: result };
      }
      // A cut scan is answered PAYLOAD_TOO_LARGE, as `verify` and `listen` do it: the cut text is never decoded.
      const { verdict, log } = scanOnce(
        text,
        nowMs,
        {
          trust: trust?.prepared ?? null,
          log: o.log,
          officer,
          ...(o.noLog ? { noLogCode: o.noLog.code } : {}),
        },
        overlong,
      );
      const ruleKinds: Record<string, string> = {};
      for (const r of verdict.reasons) {
        const rule = r.rule ? trust?.prepared.rules.find((x) => x.id === r.rule) : undefined;
        if (rule) ruleKinds[rule.id] = rule.kind;
      }
      const result: ScanResult = {
        id: randomUUID(),
        at: new Date(nowMs).toISOString(),
        source,
        verdict,
        log,
        officer,
        ...(Object.keys(ruleKinds).length ? { ruleKinds } : {}),
      };
      recent.unshift(result);
      if (recent.length > RECENT_KEPT) recent.pop();
      deskTrips.noteVerdict(verdict, log.state === 'logged' ? log.seq : null, result.id, nowMs);

      const before = logState.state;
      if (log.state === 'logged') logState = { state: 'ok', code: null, message: null };
      else if (log.state === 'failed') logState = { state: 'failing', code: log.code, message: log.message };
      emit('scanResult', result);
      if (logState.state !== before) emit('status', status());
      return { ok: true, value: result };
    },
    status,
    recentScans(limit) {
      return recent.slice(0, limit).map((r) => ({
        id: r.id,
        at: r.at,
        status: r.verdict.status,
        codes: r.verdict.reasons.map((x) => x.code),
        cid: r.verdict.clearance?.cid ?? null,
        name: r.verdict.clearance?.nm ?? null,
        logged: r.log.state === 'logged',
      }));
    },
    recentResult: (id) => recent.find((r) => r.id === id) ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTrust(t) {
      trust = t;
      lastExpired = trustStatus(o.clock())?.expired;
      emit('status', status());
    },
    statusChanged() {
      if (statusQueued) return;
      statusQueued = true;
      setImmediate(() => {
        statusQueued = false;
        if (listeners.size) emit('status', status());
      });
    },
    emit,
    trustDetails() {
      if (!trust) return null;
      const t = trust.prepared;
      const iso = (s: number) => new Date(s * 1000).toISOString();
      const installed = trust.source === 'installed' ? parts.installedRecord(t.sha256) : null;
      return {
        version: t.version,
        issuedAt: t.issuedAt,
        expiresAt: t.expiresAt,
        sha256: t.sha256,
        source: trust.source,
        keys: [...t.keys.values()].map((k) => ({
          kid: k.kid,
          status: k.status,
          nbf: iso(k.nbf),
          exp: iso(k.exp),
          label: k.label ?? null,
        })),
        revokedKids: t.revokedKids.size,
        revokedClearances: t.revokedClearances.size,
        rules: t.rules.length,
        installed,
      };
    },
    trustInForce: () => trust?.prepared ?? null,
    parts,
    staff,
    close() {
      staff.close();
      clearInterval(tick);
      listeners.clear();
    },
  };
}
