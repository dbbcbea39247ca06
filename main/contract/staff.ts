/**
 * People at the kiosk as the screens see them: the roles, the id and PIN rules, the
 * signed-in session (held in main, never a claim of the page), the login answer, the
 * id recorded with scans made while no one is signed in, and the daily report's shape.
 */

export const ROLES = ['officer', 'supervisor', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/** A person's id: also what the log records with each verdict. */
export const STAFF_ID_RE = /^[A-Za-z0-9._-]{1,32}$/;
/** A PIN: 6 to 12 digits. */
export const PIN_RE = /^\d{6,12}$/;

/** The officer recorded with a verdict scanned while no one was signed in at that screen. */
export const UNSIGNED_OFFICER = 'UNSIGNED';
/** Ids no person may have: they stand for no one (the unsigned desk, the CLI, the kiosk itself). */
export const RESERVED_IDS = [UNSIGNED_OFFICER, 'DESK', 'CLI', 'SYSTEM'] as const;

/**
 * Minutes without a call (other than `session`) after which a session ends by itself.
 * A desk officer scans through quiet spells between flights; a supervisor or technician
 * screen holds more than one desk's worth of power and should not stay open unattended.
 */
export const IDLE_MINUTES: Record<Role, number> = { officer: 30, supervisor: 10, technician: 10 };

/** The signed-in person of this screen, as main holds it. */
export interface SessionInfo {
  personId: string;
  name: string;
  role: Role;
  /** The session ends after this many idle minutes. */
  idleMinutes: number;
  /**
   * A supervisor or technician signed in over an officer at this screen: the officer, who stays
   * the desk's officer (their scans record them) and is back when the supervisor or technician leaves.
   */
  desk?: { personId: string; name: string };
}

/**
 * What a login attempt got. 'refused' covers an unknown id, a wrong PIN and a disabled
 * account alike (the audit log tells them apart), so the screen does not tell a stranger
 * which ids exist. 'unavailable': no people database (the kiosk runs without its store).
 */
export type LoginReply =
  | { signedIn: true; session: SessionInfo }
  /** 'wrong-screen': the PIN was right, but the desk's sign-in is for officers (a supervisor or technician uses their screen's). */
  | { signedIn: false; reason: 'refused' | 'unavailable' | 'wrong-screen' }
  | { signedIn: false; reason: 'locked'; lockedUntil: string; minutesLeft: number };

export interface StatusCounts {
  valid: number;
  warning: number;
  invalid: number;
}

/** The day's report (cli.md, `report --format json`), for one Asia/Dhaka date. */
export interface DailyReport {
  date: string;
  kioskId: string | null;
  total: number;
  byStatus: StatusCounts;
  /** Verifications carrying each reason code (a code counts once per verification). */
  byReason: Record<string, number>;
  /** 24 counts, by Asia/Dhaka hour. */
  byHour: number[];
  /** By the card's destination; unreadable cards (no verified clearance) are not counted here. */
  byDestination: Record<string, number>;
  byOfficer: Record<string, StatusCounts & { total: number }>;
  /** Invalid verdicts whose reasons are all read failures (`isUnreadable`): also counted in byStatus.invalid. */
  unreadable: number;
  /** Distinct clearance ids among cards whose signature was verified: the workers, not the scans. */
  uniqueClearances: number;
  /** The day's boarding-pass checks by outcome (kept apart from the verdicts; not sent to BMET). */
  tripChecks: { match: number; warning: number; mismatch: number };
  /**
   * Invalid verdicts whose reasons are all the kiosk's own (`isCannotCheck`: no trust bundle in
   * force, the card never judged): also counted in byStatus.invalid, apart from `unreadable`.
   */
  cannotCheck: number;
}

/** The day's verifications as CSV, exactly as `report --format csv` prints them. */
export interface DayExport {
  date: string;
  filename: string;
  /** Verification rows (the header not counted). */
  rows: number;
  csv: string;
}

/** A real YYYY-MM-DD calendar date (not 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
