/**
 * `createStaff`: sign-in for the screens. Sessions live here, in main: an opaque random
 * id, bound to the transport that opened it (the loopback host, or one Electron window),
 * ending after IDLE_MINUTES without a call, and carrying the person's role as the people
 * table said at login (a page never claims one). Logins, failures and lock-outs are
 * audited by the store's People.login; logouts, refused calls and exports here. Also the
 * supervisor's report and CSV export, from the store's report functions.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IDLE_MINUTES,
  UNSIGNED_OFFICER,
  type DailyReport,
  type DayExport,
  type LoginReply,
  type Role,
  type SessionInfo,
} from '../contract/staff.ts';
import type { ReportPage, ReportPdf } from '../contract/report-page.ts';
import type { AuditAction, AuditDetails, SessionEnd } from '../contract/audit.ts';
import type { LoginResult, Person } from '../core/store/people.ts';
import { createSignInGuard } from './sign-in-guard.ts';

/** What staff needs from the store (the Store class has it all). */
export interface StaffStore {
  people: {
    login(id: string, pin: string, allow?: (role: Role) => boolean): Promise<LoginResult>;
    get(id: string): Person | null;
  };
  appendAudit<A extends AuditAction>(actor: string, action: A, detail: AuditDetails[A]): void;
  dailyReport(date: string): DailyReport;
  reportPage(date: string, madeAt: string): ReportPage;
  dailyCsv(date: string): Iterable<string>;
}

export interface Session {
  readonly id: string;
  readonly personId: string;
  readonly name: string;
  readonly role: Role;
  /** Which transport may present this id: 'loopback', or 'ipc:<window>'. */
  readonly transport: string;
  /** Idle clock (monotonic ms) of the last call. */
  lastActive: number;
  /**
   * A supervisor's or technician's session opened over an officer's on the same page: the
   * officer's, kept (scans still record the officer) and back in force when this one ends.
   */
  readonly desk: Session | null;
}

/** Why a session ended (the audit contract's words for it). */
export type EndReason = SessionEnd;

export interface Staff {
  /**
   * Checks a PIN through the store (off the event loop: scans are served meanwhile), past the
   * kiosk-wide limit on failed sign-ins; on success opens a session on `transport`, ending `current` if any.
   */
  login(
    id: string,
    pin: string,
    transport: string,
    current: Session | null,
    /** The desk's own sign-in: a supervisor or technician is answered 'wrong-screen' and no session opens. */
    deskOnly?: boolean,
  ): Promise<{ reply: LoginReply; session: Session | null }>;
  /**
   * The live session this id names on this transport, or null (unknown, another transport's, idle too long,
   * disabled). When it was a supervisor's or technician's that ended, the officer's session it sat on (if still
   * live) is answered instead: the transport then holds that one.
   */
  resolve(sessionId: string | null, transport: string): Session | null;
  /**
   * The page on this transport was loaded again: a supervisor's or technician's session ends
   * (their screen is gone; the page starts at the desk) and the officer's beneath, if live, is
   * answered for the transport to hold. An officer's session stays.
   */
  pageLoaded(sessionId: string | null, transport: string): Session | null;
  /** Who a scan made at this page records: the officer signed in there (never a supervisor or technician), or null. */
  deskPerson(s: Session | null): string | null;
  /** A call was made with it: the idle clock starts again. */
  touch(s: Session): void;
  end(s: Session, reason: EndReason): void;
  info(s: Session): SessionInfo;
  /**
   * Who a scan arriving in main (a serial scanner) is recorded for: the most recently active
   * officer's session, if any; the scan is that officer's activity (a desk scanning only by
   * serial scanner keeps its officer signed in).
   */
  deskOfficer(): string | null;
  /** A call this session's role may not make (or made signed out): audited. */
  refused(s: Session | null, method: string): void;
  report(date: string): DailyReport;
  exportCsv(date: string, s: Session): DayExport;
  /** The day as the supervisor prints it: the report and the names of its officers. */
  reportPage(date: string): ReportPage;
  /** That page printed to PDF by `print`; audited as an export before it is handed out. */
  exportPdf(date: string, s: Session, print: (p: ReportPage) => Promise<Uint8Array>): Promise<ReportPdf>;
  /** True when there is a people database to sign in against. */
  readonly available: boolean;
  close(): void;
}

export interface StaffOptions {
  store: StaffStore | null;
  /** The kiosk's clock (epoch ms; fixed under --now): which day "today" is for the supervisor's report. */
  clock: () => number;
  /**
   * The real clock (default Date.now; never --now's): lock-out minutes are counted with it, as the
   * store counts them, and a report page says when it was made.
   */
  wallClock?: () => number;
  /** A monotonic clock for idle time (default performance.now): real minutes, even under --now. */
  idleClock?: () => number;
  idleMinutes?: Record<Role, number>;
  /**
   * How long a try the kiosk-wide limit turns away waits before its answer (default 1 s, never
   * past the wait itself): a loop of tries then idles instead of spinning the thread that serves scans.
   */
  refusalPauseMs?: number;
}

/** How often ended-by-idleness sessions are looked for, so their audit entry is timely. */
const SWEEP_MS = 30_000;
const MINUTE_MS = 60_000;
const REFUSAL_PAUSE_MS = 1000;
/** Turned-away tries held for their pause at once; past this they are answered at once. */
const MAX_PAUSING = 64;

export class StaffUnavailableError extends Error {}

export function createStaff(o: StaffOptions): Staff {
  const idleClock = o.idleClock ?? (() => performance.now());
  const wallClock = o.wallClock ?? Date.now;
  const idle = o.idleMinutes ?? IDLE_MINUTES;
  const sessions = new Map<string, Session>();

  function audit<A extends AuditAction>(actor: string, action: A, detail: AuditDetails[A]): void {
    try {
      o.store?.appendAudit(actor, action, detail);
    } catch (err) {
      // A full disk must not keep a person signed in or out: the act happens, the failure is reported.
      process.stderr.write(`bmet-kiosk: audit of ${action} failed: ${(err as Error).message}\n`);
    }
  }

  // An ended supervisor's or technician's session id -> the officer's session it sat on, so the page that
  // still presents the ended id gets the officer's back (idle expiry, a disabled account).
  const deskAfter = new Map<string, Session>();

  function end(s: Session, reason: EndReason): void {
    if (!sessions.delete(s.id)) return;
    if (s.desk && sessions.has(s.desk.id)) deskAfter.set(s.id, s.desk);
    for (const [ended, d] of deskAfter) if (d === s) deskAfter.delete(ended);
    audit(s.personId, 'logout', { reason, role: s.role, transport: s.transport });
  }

  const expired = (s: Session, now: number) => now - s.lastActive >= idle[s.role] * MINUTE_MS;

  /** The officer's session a supervisor's or technician's sits on, while it lives (ended here once idle too long). */
  function liveDesk(s: Session): Session | null {
    const d = s.desk;
    if (!d || !sessions.has(d.id)) return null;
    if (expired(d, idleClock())) {
      end(d, 'idle');
      return null;
    }
    return d;
  }

  function sweep(): void {
    const now = idleClock();
    for (const s of [...sessions.values()]) if (expired(s, now)) end(s, 'idle');
  }
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  let pausing = 0;
  const guard = createSignInGuard({
    monotonic: idleClock,
    // SYSTEM: a reserved id, no person's: the burst is the kiosk's to report, not any one id's.
    audit: (detail) => audit('SYSTEM', 'login.throttled', detail),
  });

  function needStore(): StaffStore {
    if (!o.store)
      throw new StaffUnavailableError('this kiosk runs without its database: no people, no reports');
    return o.store;
  }

  return {
    get available() {
      return o.store !== null;
    },
    async login(id, pin, transport, current, deskOnly = false) {
      if (!o.store) return { reply: { signedIn: false, reason: 'unavailable' }, session: null };
      const locked = (lockedUntilMs: number) => ({
        reply: {
          signedIn: false as const,
          reason: 'locked' as const,
          lockedUntil: new Date(lockedUntilMs).toISOString(),
          minutesLeft: Math.max(1, Math.ceil((lockedUntilMs - wallClock()) / MINUTE_MS)),
        },
        session: null,
      });
      // The kiosk-wide limit first: a flood is turned away before any PIN is hashed, whatever the id.
      const gate = guard.admit(id);
      if (!gate.ok) {
        // Paused only while few are: a wide flood is answered at once rather than held in memory.
        const pause = Math.min(gate.retryInMs, o.refusalPauseMs ?? REFUSAL_PAUSE_MS);
        if (pause > 0 && pausing < MAX_PAUSING) {
          pausing++;
          await sleep(pause).finally(() => pausing--);
        }
        return locked(wallClock() + gate.retryInMs);
      }
      let r: LoginResult;
      try {
        // The desk's own form signs in officers only: a supervisor's or technician's right PIN there
        // opens no session (the desk would not show it, yet it would stay signed in behind the desk).
        r = await o.store.people.login(id, pin, deskOnly ? (role) => role === 'officer' : undefined);
      } catch (err) {
        gate.done(false); // the store failed, not the person
        throw err;
      }
      gate.done(!r.ok && r.reason !== 'wrong-screen');
      if (!r.ok) {
        if (r.reason === 'wrong-screen')
          return { reply: { signedIn: false, reason: 'wrong-screen' }, session: null };
        if (r.reason === 'locked' && r.lockedUntil) return locked(Date.parse(r.lockedUntil));
        return { reply: { signedIn: false, reason: 'refused' }, session: null };
      }
      // A supervisor or technician signing in here for their screen does not become the desk's officer:
      // the officer's session is kept beneath theirs. An officer signing in replaces everyone on this page.
      const desk =
        r.person.role === 'officer' || !current
          ? null
          : current.role === 'officer'
            ? current
            : liveDesk(current);
      if (current && current !== desk) end(current, 'replaced');
      if (current?.desk && current.desk !== desk) end(current.desk, 'replaced');
      const s: Session = {
        id: randomBytes(32).toString('base64url'),
        personId: r.person.id,
        name: r.person.name,
        role: r.person.role,
        transport,
        lastActive: idleClock(),
        desk: desk && sessions.has(desk.id) ? desk : null,
      };
      sessions.set(s.id, s);
      return { reply: { signedIn: true, session: this.info(s) }, session: s };
    },
    resolve(sessionId, transport) {
      if (!sessionId) return null;
      // Not forgotten after one use: requests the page sent before it saw the new cookie all carry
      // the ended id, and each must hand the officer back (the mapping goes when the officer's session ends).
      const after = deskAfter.get(sessionId);
      if (after) return after.transport === transport ? this.resolve(after.id, transport) : null;
      const s = sessions.get(sessionId);
      // An id presented on another transport than its own is not this page's: refused, and left alone.
      if (!s || s.transport !== transport) return null;
      if (expired(s, idleClock())) {
        end(s, 'idle');
        return s.desk ? this.resolve(s.id, transport) : null;
      }
      // Disabled since sign-in (or gone): the session ends at the next call.
      const p = o.store?.people.get(s.personId);
      if (!p || p.disabled) {
        end(s, 'disabled');
        return s.desk ? this.resolve(s.id, transport) : null;
      }
      return s;
    },
    pageLoaded(sessionId, transport) {
      const s = this.resolve(sessionId, transport);
      if (!s || s.role === 'officer') return s;
      end(s, 'reloaded');
      // end() keeps the ended id pointing at the officer's session beneath, so resolving it hands that back.
      return this.resolve(s.id, transport);
    },
    deskPerson(s) {
      if (!s) return null;
      if (s.role === 'officer') return s.personId;
      return liveDesk(s)?.personId ?? null;
    },
    touch(s) {
      s.lastActive = idleClock();
    },
    end,
    info(s) {
      const d = liveDesk(s);
      return {
        personId: s.personId,
        name: s.name,
        role: s.role,
        idleMinutes: idle[s.role],
        ...(d ? { desk: { personId: d.personId, name: d.name } } : {}),
      };
    },
    deskOfficer() {
      sweep();
      // Only officers scan: a supervisor or technician at their screen is never the desk's officer.
      let best: Session | null = null;
      for (const s of sessions.values())
        if (s.role === 'officer' && (!best || s.lastActive > best.lastActive)) best = s;
      if (best) this.touch(best);
      return best?.personId ?? null;
    },
    refused(s, method) {
      audit(s?.personId ?? UNSIGNED_OFFICER, 'access.refused', { method, role: s?.role ?? null });
    },
    report(date) {
      return needStore().dailyReport(date);
    },
    exportCsv(date, s) {
      const store = needStore();
      let csv = '';
      let rows = -1; // the header
      for (const line of store.dailyCsv(date)) {
        csv += line;
        rows++;
      }
      // No unaudited export: if the audit entry cannot be written, the call fails (INTERNAL) and nothing is handed out.
      store.appendAudit(s.personId, 'report.export', {
        date,
        format: 'csv',
        rows,
        via: 'screen',
        transport: s.transport,
      });
      return { date, filename: `bmet-report-${date}.csv`, rows, csv };
    },
    reportPage(date) {
      return needStore().reportPage(date, new Date(wallClock()).toISOString());
    },
    async exportPdf(date, s, print) {
      const page = this.reportPage(date);
      const pdf = await print(page);
      // As with the CSV: no unaudited export (a failed audit write fails the call, nothing is handed out).
      needStore().appendAudit(s.personId, 'report.export', {
        date,
        format: 'pdf',
        rows: page.report.total,
        via: 'screen',
        transport: s.transport,
      });
      return { date, filename: `bmet-report-${date}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64') };
    },
    close() {
      clearInterval(timer);
      guard.close();
      for (const s of [...sessions.values()]) end(s, 'shutdown');
    },
  };
}
