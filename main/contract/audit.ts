/**
 * The audit log's actions and the details each one writes (`AuditDetails`), typed once here:
 * the store's writers take them (an undeclared key does not compile) and the words table
 * (`AUDIT_ACTION_WORDS`, `AUDIT_DETAIL_WORDS` in words.ts) is keyed by them, so an action or
 * a detail key without words in both languages does not compile either.
 */
import type { TrustRefusalCode } from './codes.ts';
import type { ConnectionTest } from './setup.ts';
import type { Role } from './staff.ts';
import type { RetentionCode } from './store-codes.ts';
import type { SyncAlert, SyncCode } from './sync.ts';
import type { PassCode, TripCode, TripOutcome } from './trip.ts';

export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'login.locked',
  'login.throttled',
  'logout',
  'access.refused',
  'trust.install',
  'trust.noop',
  'trust.refused',
  'person.add',
  'person.disable',
  'person.enable',
  'person.reset',
  'settings.set',
  'retention.run',
  'report.export',
  'trip.check',
  'store.created',
  'clock.skew',
  'sync.resume',
  'sync.alert',
  'sync.ca',
  'retention.skipped',
  'shell.renderer-gone',
  'shell.unresponsive',
  'setup.open',
  'setup.refused',
  'setup.kiosk',
  'setup.connection',
  'setup.finish',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Why a sign-in failed (people.ts): the screens say "refused" to all; the audit log tells them apart. */
export type LoginFailure = 'locked' | 'wrong-screen' | 'unknown' | 'disabled' | 'wrong-pin';

/**
 * Why a session ended (staff.ts). 'left': a supervisor or technician went back to the desk from
 * their screen; 'reloaded': the page was loaded again (a reload, a crashed page restored);
 * 'finished': first-boot setup ended.
 */
export type SessionEnd =
  'logout' | 'left' | 'idle' | 'replaced' | 'disabled' | 'shutdown' | 'reloaded' | 'finished';

/** A crashed or hung screen (the Electron shell): what it was, and what the shell does now. */
interface ShellDetail {
  reason?: string;
  exitCode?: number;
  next?: 'reload' | 'service-screen';
  recent?: number;
}

/** What a retention pass did (the store's RetentionResult, and its `retention.run` audit line). */
export interface RetentionRun {
  days: number;
  /** The trusted time the pass judged age by (null when skipped). */
  trustedNow: string | null;
  cutoff: string | null;
  redacted: number;
  /** Records left whole because their hash did not verify: evidence, not to be destroyed. */
  skippedBroken: number[];
  /**
   * Boarding-pass checks whose printed name was cleared. They stay on the kiosk (BMET never
   * acknowledges them), so their age alone, by the same trusted time, decides.
   */
  tripNamesCleared: number;
}

/** What each action's audit line holds, by action. */
export interface AuditDetails {
  login: { role: Role };
  'login.failed': { reason: LoginFailure; role?: Role; failed?: number };
  'login.locked': { until: string };
  /** The kiosk-wide sign-in limit: one line when it starts turning tries away, one when that ends. */
  'login.throttled':
    | { phase: 'start'; why: 'backoff' | 'busy'; failures: number; retryInSeconds: number }
    | {
        phase: 'end';
        refused: number;
        ids: number;
        idsAtLeast?: true;
        sampleIds: string[];
        seconds: number;
      };
  logout: { reason: SessionEnd; role: Role; transport: string };
  'access.refused': { method: string; role: Role | null };
  'trust.install': {
    source: string;
    version: number;
    sha256: string;
    previousVersion: number | null;
    /** Its rules of kinds this kiosk does not know, as "id (kind)": installed, but ignored. */
    rulesIgnored?: string[];
  };
  'trust.noop': { why: string | null; source: string; version: number; sha256: string };
  'trust.refused': {
    code: TrustRefusalCode;
    why: string | null;
    source: string;
    version: number | null;
    sha256: string | null;
  };
  'person.add': { id: string; name: string; role: Role };
  'person.disable': { id: string };
  'person.enable': { id: string };
  'person.reset': { id: string };
  'settings.set': { key: string; from: string | null; to: string };
  'retention.run': RetentionRun;
  'retention.skipped': { code: RetentionCode; why: string; days: number; waiting: number; wallClock: string };
  'report.export': {
    date: string;
    format: string;
    rows: number;
    via?: 'screen';
    transport?: string;
    out?: string;
  };
  'trip.check': { id: number; outcome: TripOutcome; cid: string | null; codes: (PassCode | TripCode)[] };
  'store.created': { mode: string };
  'clock.skew': { type: 'clock-skew' | 'clock-skew-cleared'; skewMs: number; server: string };
  'sync.resume': { alert: SyncCode | null; message: string | null };
  'sync.alert': SyncAlert & { type: 'sync-alert'; server: string };
  'sync.ca': { source: string; certificates: string[] };
  'shell.renderer-gone': ShellDetail;
  'shell.unresponsive': ShellDetail;
  'setup.open': Record<never, never>;
  'setup.refused': { reason: 'locked' | 'wrong code' };
  'setup.kiosk': { kioskId: string; airport: string; desk: number; keyCreated: boolean };
  'setup.connection': ConnectionTest & { server: string };
  'setup.finish': { kioskId: string | null; server: string | null };
}

/** Every key of a type, each member of a union alike. */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** Every detail key an audit line may hold, and the fields of a sync alert's quarantined batch. */
export type AuditDetailKey =
  { [A in AuditAction]: KeysOf<AuditDetails[A]> }[AuditAction] | keyof NonNullable<SyncAlert['batch']>;

/** The coded values of details that have words of their own (AUDIT_VALUE_WORDS): reasons, phases, events. */
export type AuditValueCode =
  | LoginFailure
  | SessionEnd
  | AuditDetails['setup.refused']['reason']
  | AuditDetails['login.throttled']['phase']
  | 'backoff'
  | 'busy'
  | NonNullable<ShellDetail['next']>
  | AuditDetails['clock.skew']['type']
  | AuditDetails['sync.alert']['type']
  | NonNullable<AuditDetails['report.export']['via']>;

/** One audit-log entry as the store gives it and the screens read it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  detail: Record<string, unknown>;
}
