/**
 * The one contract between the screens and the kiosk core: the methods and events of
 * `window.kiosk`, each method's argument schema (checked on arrival in main, whichever
 * way the call came: Electron IPC or the loopback host), the reply envelope, its error
 * codes, and every channel name. The renderer's `KioskApi` type is derived from here.
 *
 * Adding a method: one entry in METHODS (argument schema + result type), one handler in
 * main/core/kiosk/dispatch.ts (the type checker asks for it); preload, IPC channels,
 * loopback paths and the renderer's type follow from this file by themselves. A method
 * only some people may call names their roles (`access`): main checks the caller's
 * signed-in session before the handler runs (NOT_SIGNED_IN / FORBIDDEN), never the page.
 */
import { z } from 'zod';
import type { BundleCode, ReasonCode, Status } from './codes.ts';
import type { Verdict } from './verdict.ts';
import type { PassCode, TripCheck } from './trip.ts';
import type { RetentionAlert } from './store-codes.ts';
import type { SyncStatus } from './sync.ts';
import type { ReportPage, ReportPdf } from './report-page.ts';
import {
  isIsoDate,
  PIN_RE,
  STAFF_ID_RE,
  type DailyReport,
  type DayExport,
  type LoginReply,
  type Role,
  type SessionInfo,
} from './staff.ts';
import {
  MAX_AUDIT_LINES,
  type AuditLine,
  type DiagnosticsReport,
  type ScannerState,
  type StickInfo,
  type TrustDetails,
  type TrustInstallResult,
  type TrustPreview,
} from './technician.ts';

// Scans longer than MAX_SCAN_TEXT are refused as BAD_ARGS before reaching the core (see scan-limits.ts).
import { MAX_SCAN_TEXT } from './scan-limits.ts';
import { AIRPORTS, MAX_DESK, type ConnectionTest, type SetupStatus } from './setup.ts';
export { MAX_SCAN_TEXT };
export const MAX_RECENT = 50;

/** Where a scan came from: the page's keyboard-wedge decoder, its camera, the manual field, or a serial scanner in main. */
export const SCAN_SOURCES = ['wedge', 'camera', 'manual', 'serial'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];

/** What happened to the verdict's log record: written before the screen sees it, or why not. */
export type LogOutcome =
  | { state: 'logged'; seq: number }
  /** The write failed: the verdict is shown, loudly marked NOT LOGGED. */
  | { state: 'failed'; code: LogProblemCode; message: string }
  /** This kiosk runs without a log (--no-log, or no store could be opened). */
  | { state: 'off'; code: LogProblemCode };

export const LOG_PROBLEM_CODES = ['LOG_WRITE_FAILED', 'LOG_DISABLED', 'LOG_UNAVAILABLE'] as const;
export type LogProblemCode = (typeof LOG_PROBLEM_CODES)[number];

export interface ScanResult {
  /** Unique within this run of the kiosk; screens use it to show each result once. */
  id: string;
  /** When it was verified (ISO instant). */
  at: string;
  source: ScanSource;
  verdict: Verdict;
  log: LogOutcome;
  /** Who the log records with it: the person signed in at the screen that scanned, or UNSIGNED. */
  officer: string;
  /** The kind of each failed destination rule, by rule id (e.g. passportMinValidity), so the screen says what to do. */
  ruleKinds?: Record<string, string>;
}

/**
 * A boarding pass scanned at the desk: the trip check against the clearance verified just
 * before it (shown together), or why the text is not a usable pass. A consistency check,
 * not a verdict: the pass is not signed data the kiosk can verify.
 */
export interface TripResult {
  kind: 'trip';
  id: string;
  at: string;
  source: ScanSource;
  officer: string;
  /** Why the text is not a usable pass (no check was made), or null. */
  passCode: PassCode | null;
  trip: TripCheck | null;
  /**
   * The paired clearance's own result, shown beside the trip — also beside a pass that could not be
   * read, whose card still waits for its pass — or null when no card is paired.
   */
  clearance: ScanResult | null;
  /** The trip check's record (null when there was no check to keep). */
  log: LogOutcome | null;
}

/** What a scan at the desk answers: a clearance card's verdict, or a boarding pass's trip check. */
export type DeskResult = ScanResult | TripResult;

export function isTripResult(r: DeskResult): r is TripResult {
  return (r as TripResult).kind === 'trip';
}

/** One line of the recent-scans list: no rule texts, no unverified content. */
export interface RecentScan {
  id: string;
  at: string;
  status: Status;
  codes: ReasonCode[];
  /** Only when the signature was verified. */
  cid: string | null;
  name: string | null;
  logged: boolean;
}

/** The trust in force, as the status strip shows it. */
export interface TrustStatus {
  version: number;
  issuedAt: string;
  expiresAt: string;
  expired: boolean;
  /** Whole days until expiry (negative once expired). */
  daysLeft: number;
  sha256: string;
  /** An installed bundle, or one named for this run (--bundle, or the development default). */
  source: 'installed' | 'file';
}

/** Why there is no trust in force: a bundle refusal code, or the kiosk-level codes below. */
export const TRUST_PROBLEM_CODES = ['NO_TRUST_BUNDLE', 'ROOTS_UNAVAILABLE'] as const;
export type TrustProblemCode = (typeof TRUST_PROBLEM_CODES)[number];
/** Why no trust is in force: a code for the screens (their words), a message for logs and the command line. */
export interface TrustProblem {
  code: TrustProblemCode | BundleCode;
  message: string;
}

export interface KioskStatus {
  /** 'development' only under the explicit development default (`start --dev`): the screens mark it. */
  mode: 'production' | 'development';
  /** Which roots vouch for the bundle: the pinned ones, the development root, or ones named on the command line. */
  roots: 'pinned' | 'development' | 'command-line';
  trust: TrustStatus | null;
  trustProblem: TrustProblem | null;
  log: { state: 'ok' | 'failing' | 'off'; code: LogProblemCode | null; message: string | null };
  /** The kiosk's clock (the fixed instant under --now). */
  now: string;
  /** Recorded with scans made while no one is signed in (UNSIGNED unless `start --officer` says otherwise). */
  officer: string;
  /** Each configured serial scanner (none: keyboard-wedge, camera and manual entry only). */
  scanners: ScannerState[];
  /** The sync engine's state; phase 'off' with its reason when sync does not run; null without a log. */
  sync: SyncStatus | null;
  /** Seconds a verdict stays on the desk before it clears to "ready" (data-dir setting desk.clearSeconds; default 60). */
  deskClearSeconds?: number;
  /** A retention pass skipped because the clock looked jumped (nothing cleared), until one runs on a trusted clock; null without. */
  retention: Omit<RetentionAlert, 'why'> | null;
}

/** A method: its argument tuple schema, and (as a type only) what it resolves to. */
export interface MethodDef<A extends z.ZodType<unknown[]>, R> {
  args: A;
  /** Type-level only; never set. */
  readonly result?: R;
  /** Only a session of one of these roles may call it; absent: anyone, signed in or not. */
  readonly access?: readonly Role[];
}
const method =
  <R>() =>
  <A extends z.ZodType<unknown[]>>(args: A, access?: readonly Role[]): MethodDef<A, R> =>
    access ? { args, access } : { args };

const reportDate = z.string().refine(isIsoDate, 'a YYYY-MM-DD calendar date');

export const METHODS = {
  /** Verifies one scan the page read (wedge, camera, manual entry), logs it, and answers with the result. */
  scan: method<DeskResult>()(
    z.tuple([
      z.strictObject({
        text: z.string().max(MAX_SCAN_TEXT),
        source: z.enum(['wedge', 'camera', 'manual']),
        /** The reader cut the scan at its maximum length: answered PAYLOAD_TOO_LARGE, the cut text never verified. */
        overlong: z.boolean().optional(),
      }),
    ]),
  ),
  status: method<KioskStatus>()(z.tuple([])),
  /** The latest scans, newest first. */
  recentScans: method<RecentScan[]>()(
    z.tuple([z.strictObject({ limit: z.number().int().min(1).max(MAX_RECENT) })]),
  ),
  /** One of the recent scans in full, to show its verdict again (tapped in the list); NOT_FOUND once no longer kept. */
  recentResult: method<ScanResult>()(z.tuple([z.strictObject({ id: z.string().min(1).max(64) })])),
  /** The trust in force in full (keys, counts, who installed it); NO_TRUST when there is none. */
  trustDetails: method<TrustDetails>()(z.tuple([])),
  /** Mounted USB sticks with trust files on them, as last found. */
  trustSticks: method<StickInfo[]>()(z.tuple([])),
  /**
   * Installs one file a stick offered, through the store's audited install, with the
   * signed-in technician as the actor. The file is named by the stick and its path on it,
   * and must be one the watcher found: never a free path. `previewed`, the preview's `sha256`
   * (null: its bytes could not be read then), binds the install to what the technician was
   * shown: any other bytes are refused FILE_CHANGED. Absent only where no preview is shown (setup).
   */
  installTrustFromStick: method<TrustInstallResult>()(
    z.tuple([
      z.strictObject({
        mountPoint: z.string().min(1).max(4096),
        relative: z.string().min(1).max(1024),
        previewed: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .nullable()
          .optional(),
      }),
    ]),
    ['technician'],
  ),
  /** What installing one of a stick's files would change (versions, keys, revocations, rules); writes nothing. */
  previewTrustFromStick: method<TrustPreview>()(
    z.tuple([
      z.strictObject({
        mountPoint: z.string().min(1).max(4096),
        relative: z.string().min(1).max(1024),
      }),
    ]),
    ['technician'],
  ),
  /** Serial ports, scanner counters and last raw bytes, USB watching. */
  diagnostics: method<DiagnosticsReport>()(z.tuple([])),
  /** The signed-in technician clears a sync alert (audited) and sync tries again now. */
  resumeSync: method<SyncStatus>()(z.tuple([]), ['technician']),
  /** The latest audit-log entries, newest first (administrative acts: for technicians and supervisors). */
  auditLog: method<AuditLine[]>()(
    z.tuple([z.strictObject({ limit: z.number().int().min(1).max(MAX_AUDIT_LINES) })]),
    ['technician', 'supervisor'],
  ),
  /**
   * Signs a person in at this screen with id and PIN (checked in main against the people
   * table; failures and lock-outs audited). The session is held by the transport (an
   * HttpOnly cookie on the loopback host, the window in Electron): the page never sees its id.
   */
  login: method<LoginReply>()(
    z.tuple([
      z.strictObject({
        id: z.string().regex(STAFF_ID_RE),
        pin: z.string().regex(PIN_RE),
        /** The desk's own sign-in: officers only; anyone else is answered 'wrong-screen' and no session opens. */
        deskOnly: z.boolean().optional(),
      }),
    ]),
  ),
  /** Ends this screen's session (audited); scans are then logged as UNSIGNED. */
  logout: method<{ signedOut: boolean }>()(z.tuple([])),
  /** Who is signed in at this screen, or null. Does not count as activity (screens may poll it). */
  session: method<SessionInfo | null>()(z.tuple([])),
  /**
   * A supervisor or technician goes back to the desk: their session ends (audited) and the officer's
   * session beneath it, if any, is this screen's again (answered). An officer's session is left alone.
   */
  leaveScreen: method<SessionInfo | null>()(z.tuple([])),
  /** The day's report (as `report --format json`) for an Asia/Dhaka date. */
  dailyReport: method<DailyReport>()(z.tuple([z.strictObject({ date: reportDate })]), ['supervisor']),
  /** The supervisor's day as it is printed: the report (as `report --format json`) and the names of its officers. */
  reportPage: method<ReportPage>()(z.tuple([z.strictObject({ date: reportDate })]), ['supervisor']),
  /** The same page as an A4 PDF (Chromium or Electron prints it in main), audited as an export. */
  reportPdf: method<ReportPdf>()(z.tuple([z.strictObject({ date: reportDate })]), ['supervisor']),
  /** The day's verifications as CSV (as `report --format csv`), audited as an export. */
  exportDayCsv: method<DayExport>()(z.tuple([z.strictObject({ date: reportDate })]), ['supervisor']),
  /** First-boot setup: whether this kiosk waits for it and how far it got (anyone: asked before any sign-in). */
  setupStatus: method<SetupStatus>()(z.tuple([])),
  /**
   * Opens setup with the one-time setup code: adds the technician (id, name, PIN) and signs them
   * in at this screen. Refused once setup is finished; wrong codes are audited and lock setup after five.
   */
  setupOpen: method<SessionInfo>()(
    z.tuple([
      z.strictObject({
        code: z.string().max(32),
        id: z.string().regex(STAFF_ID_RE),
        name: z.string().min(1).max(100),
        pin: z.string().regex(PIN_RE),
      }),
    ]),
  ),
  /** The kiosk id from airport and desk; makes the device key (once) and answers its public key for BMET. */
  setupKiosk: method<{ kioskId: string; publicKey: string }>()(
    z.tuple([z.strictObject({ airport: z.enum(AIRPORTS), desk: z.number().int().min(1).max(MAX_DESK) })]),
    ['technician'],
  ),
  /** BMET's address (https, or http to loopback only). */
  setupServer: method<{ server: string }>()(z.tuple([z.strictObject({ url: z.string().min(1).max(2048) })]), [
    'technician',
  ]),
  /** Asks BMET's trust endpoint once, over sync's own transport and TLS trust: reached or not, and why. */
  setupTestConnection: method<ConnectionTest>()(z.tuple([]), ['technician']),
  /** Ends setup for good once the kiosk has its id, BMET's address and a trust bundle. */
  setupFinish: method<SetupStatus>()(z.tuple([]), ['technician']),
};

/** Events main pushes to every screen. */
export interface EventPayloads {
  /** Every scan's result (a card's verdict or a pass's trip check), whichever screen or scanner it came from, after it was logged. */
  scanResult: DeskResult;
  status: KioskStatus;
  /** The sticks with trust files changed (one put in, or taken out). */
  trustSticks: StickInfo[];
}
export const EVENT_NAMES = [
  'scanResult',
  'status',
  'trustSticks',
] as const satisfies readonly (keyof EventPayloads)[];

export type MethodName = keyof typeof METHODS;
export type EventName = keyof EventPayloads;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

/**
 * What screens ask of their own accord (polls, redraws after an event), not a person acting:
 * these calls do not keep a session alive, so a supervisor's or technician's screen left open
 * still signs out when its person walks away (a technician screen redraws on every status event).
 */
export const PASSIVE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'session',
  'status',
  'recentScans',
  'trustDetails',
  'trustSticks',
  'diagnostics',
  'auditLog',
  'setupStatus',
]);
export type ArgsOf<M extends MethodName> = z.input<(typeof METHODS)[M]['args']>;
// Exclude, not NonNullable: a method may answer null (session: no one signed in).
export type ResultOf<M extends MethodName> = Exclude<(typeof METHODS)[M]['result'], undefined>;
/** The arguments as main sees them once checked. */
export type CheckedArgsOf<M extends MethodName> = z.output<(typeof METHODS)[M]['args']>;

/** Why a call was not answered with a value. */
export const API_ERROR_CODES = [
  'BAD_ARGS',
  'UNKNOWN_METHOD',
  'NO_TRUST',
  'INTERNAL',
  'FORBIDDEN',
  'HOST_UNREACHABLE',
  'NOT_FOUND',
  'UNAVAILABLE',
  'NOT_SIGNED_IN',
  'SETUP_CODE_WRONG',
  'SETUP_DONE',
  'SETUP_LOCKED',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

/** Every call resolves to this: errors are data across the boundary, never thrown. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** `window.kiosk`, as the screens see it, whichever transport is behind it. */
export type KioskApi = { [M in MethodName]: (...args: ArgsOf<M>) => Promise<Reply<ResultOf<M>>> } & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** The global name the preload exposes (and the loopback client installs). */
export const API_GLOBAL = 'kiosk';

/** Every channel, in one place: IPC channel names, and the loopback host's paths under its token prefix. */
export const CHANNELS = {
  ipcCall: (m: MethodName) => `kiosk:call:${m}`,
  ipcEvent: (e: EventName) => `kiosk:event:${e}`,
  /** Loopback: POST a JSON array of the arguments, answered with a Reply. */
  httpCall: (m: MethodName) => `api/${m}`,
  /** Loopback: the WebSocket that carries events as `{ event, payload }`. */
  ws: 'events',
} as const;
export const IPC_CALL_CHANNELS = METHOD_NAMES.map(CHANNELS.ipcCall);
export const IPC_EVENT_CHANNELS = EVENT_NAMES.map(CHANNELS.ipcEvent);

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.hasOwn(METHODS, x);
}
export function isEventName(x: unknown): x is EventName {
  return typeof x === 'string' && (EVENT_NAMES as readonly string[]).includes(x);
}

/** Checks a call's raw arguments against its schema: the first thing main does with any call. */
export function parseArgs<M extends MethodName>(m: M, raw: unknown): Reply<CheckedArgsOf<M>> {
  const r = METHODS[m].args.safeParse(raw);
  if (r.success) return { ok: true, value: r.data as CheckedArgsOf<M> };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
  return {
    ok: false,
    error: { code: 'BAD_ARGS', message: `${m}: bad arguments${where}: ${issue?.message ?? 'invalid'}` },
  };
}

/** How a transport carries calls and events; `buildKioskApi` turns one into `window.kiosk`. */
export interface Transport {
  invoke(m: MethodName, args: unknown[]): Promise<Reply<unknown>>;
  subscribe(e: EventName, listener: (payload: unknown) => void): () => void;
}

/** Builds the API object with exactly the contract's methods plus `on`, over any transport. */
export function buildKioskApi(t: Transport): KioskApi {
  const api: Record<string, unknown> = {};
  // "Errors are data, never thrown": a transport that fails (an IPC handler that threw, a lost host) answers too.
  for (const m of METHOD_NAMES)
    api[m] = (...args: unknown[]): Promise<Reply<unknown>> =>
      t.invoke(m, args).catch((err: unknown) => ({
        ok: false,
        error: { code: 'HOST_UNREACHABLE', message: err instanceof Error ? err.message : String(err) },
      }));
  api.on = (e: unknown, listener: unknown) => {
    if (!isEventName(e) || typeof listener !== 'function')
      throw new TypeError(`kiosk.on: unknown event '${String(e)}'`);
    return t.subscribe(e, listener as (p: unknown) => void);
  };
  return api as KioskApi;
}
