/**
 * `callKiosk`: the one entry for a call from a screen, whatever carried it (IPC or the
 * loopback host). The method name and arguments are untrusted: checked against the
 * contract first, and every failure comes back as a Reply with a code, never a throw.
 * Then the caller's session (held by its transport, looked up here, in main) against the
 * method's `access`: a role is what the people table said at login, never what a page says.
 */
import {
  isMethodName,
  METHODS,
  PASSIVE_METHODS,
  parseArgs,
  type CheckedArgsOf,
  type MethodName,
  type Reply,
  type ResultOf,
} from '../contract/api.ts';
import { SETUP_HANDLERS } from './first-boot.ts';
import { printReport } from './report-printer.ts';
import type { KioskService } from './service.ts';
import type { Session } from './staff.ts';

/** What the transport knows of the page that called: which transport, and the session id it keeps for that page. */
export interface CallContext {
  /** 'loopback', or 'ipc:<window>': a session answers only on the transport that opened it. */
  transport: string;
  /** The session id this page's transport holds (a cookie, a per-window slot), or null. */
  sessionId: string | null;
  /** Keep this id for the page from now on (login), or forget it (logout, expired): the page never sees it. */
  setSession(id: string | null): void;
}

/** A call with no transport behind it (tests, main itself): never signed in. */
export const NO_SESSION: CallContext = { transport: 'none', sessionId: null, setSession() {} };

interface Caller {
  session: Session | null;
  ctx: CallContext;
}

/** Sign-in hashes a PIN off the event loop, so its answer comes later; every other method answers at once. */
type Answer<M extends MethodName> = M extends LaterMethod ? Promise<Reply<ResultOf<M>>> : Reply<ResultOf<M>>;
/** Methods whose answer comes later: a PIN hashed off the event loop, a network test. */
type LaterMethod = 'login' | 'setupOpen' | 'setupTestConnection' | 'reportPdf';

type Handlers = {
  [M in MethodName]: (s: KioskService, args: CheckedArgsOf<M>, caller: Caller) => Answer<M>;
};

const HANDLERS: Handlers = {
  // The desk's officer, never a supervisor or technician signed in over them for their own screen.
  scan: (s, [a], c) => s.scan(a.text, a.source, a.overlong === true, s.staff.deskPerson(c.session)),
  status: (s) => ({ ok: true, value: s.status() }),
  recentScans: (s, [a]) => ({ ok: true, value: s.recentScans(a.limit) }),
  recentResult: (s, [a]) => {
    const r = s.recentResult(a.id);
    return r
      ? { ok: true, value: r }
      : { ok: false, error: { code: 'NOT_FOUND', message: 'that scan is no longer kept' } };
  },
  login: async (s, [a], c) => {
    const r = await s.staff.login(a.id, a.pin, c.ctx.transport, c.session, a.deskOnly === true);
    if (r.session) c.ctx.setSession(r.session.id);
    return { ok: true, value: r.reply };
  },
  logout: (s, _a, c) => {
    if (c.session) s.staff.end(c.session, 'logout');
    // A supervisor or technician signing out leaves the officer beneath them signed in.
    const desk = c.session?.role !== 'officer' ? c.session?.desk : null;
    c.ctx.setSession(s.staff.resolve(desk?.id ?? null, c.ctx.transport)?.id ?? null);
    return { ok: true, value: { signedOut: c.session !== null } };
  },
  leaveScreen: (s, _a, c) => {
    if (!c.session || c.session.role === 'officer')
      return { ok: true, value: c.session ? s.staff.info(c.session) : null };
    s.staff.end(c.session, 'left');
    const desk = s.staff.resolve(c.session.desk?.id ?? null, c.ctx.transport);
    c.ctx.setSession(desk?.id ?? null);
    return { ok: true, value: desk ? s.staff.info(desk) : null };
  },
  session: (s, _a, c) => ({ ok: true, value: c.session ? s.staff.info(c.session) : null }),
  dailyReport: (s, [a]) => ({ ok: true, value: s.staff.report(a.date) }),
  exportDayCsv: (s, [a], c) => ({ ok: true, value: s.staff.exportCsv(a.date, c.session!) }),
  reportPage: (s, [a]) => ({ ok: true, value: s.staff.reportPage(a.date) }),
  // Printed in main: headless Chromium, or Electron's own printToPDF once the shell has set its printer.
  reportPdf: async (s, [a], c) => ({
    ok: true,
    value: await s.staff.exportPdf(a.date, c.session!, printReport),
  }),
  trustDetails: (s) => {
    const t = s.trustDetails();
    return t
      ? { ok: true, value: t }
      : {
          ok: false,
          error: {
            code: 'NO_TRUST',
            message: s.status().trustProblem?.message ?? 'no trust bundle in force',
          },
        };
  },
  trustSticks: (s) => ({ ok: true, value: s.parts.trustSticks() }),
  installTrustFromStick: (s, [a], c) =>
    s.parts.installTrustFromStick({ ...a, technician: c.session!.personId }),
  previewTrustFromStick: (s, [a]) => s.parts.previewTrustFromStick(a),
  diagnostics: (s) => ({ ok: true, value: s.parts.diagnostics() }),
  resumeSync: (s, _a, c) => s.parts.resumeSync(c.session!.personId),
  auditLog: (s, [a]) => s.parts.auditLog(a.limit),
  setupStatus: (s) => SETUP_HANDLERS.status(s),
  setupOpen: (s, [a], c) => SETUP_HANDLERS.open(s, a, c.ctx, c.session),
  setupKiosk: (s, [a], c) => SETUP_HANDLERS.kiosk(s, a, c.session!.personId),
  setupServer: (s, [a], c) => SETUP_HANDLERS.server(s, a, c.session!.personId),
  setupTestConnection: (s, _a, c) => SETUP_HANDLERS.test(s, c.session!.personId),
  setupFinish: (s, _a, c) => {
    const r = SETUP_HANDLERS.finish(s, c.session!.personId);
    // Setup is over and so is its technician's session: the desk beneath is the kiosk's screen now.
    if (r.ok) {
      s.staff.end(c.session!, 'finished');
      c.ctx.setSession(null);
    }
    return r;
  },
};

const internal = (method: string, err: unknown): Reply<unknown> => {
  process.stderr.write(`bmet-kiosk: ${method} failed: ${(err as Error).stack ?? String(err)}\n`);
  return { ok: false, error: { code: 'INTERNAL', message: `${method} failed: ${(err as Error).message}` } };
};

/** Every method but `login` answers at once; `login` (and a method named only at run time) may answer later. */
export function callKiosk(
  service: KioskService,
  method: Exclude<MethodName, LaterMethod>,
  rawArgs: unknown,
  ctx?: CallContext,
): Reply<unknown>;
export function callKiosk(
  service: KioskService,
  method: unknown,
  rawArgs: unknown,
  ctx?: CallContext,
): Reply<unknown> | Promise<Reply<unknown>>;
export function callKiosk(
  service: KioskService,
  method: unknown,
  rawArgs: unknown,
  ctx: CallContext = NO_SESSION,
): Reply<unknown> | Promise<Reply<unknown>> {
  if (!isMethodName(method))
    return {
      ok: false,
      error: {
        code: 'UNKNOWN_METHOD',
        message: `no method ${typeof method === 'string' ? `'${method.slice(0, 64)}'` : `of type ${typeof method}`}`,
      },
    };
  const args = parseArgs(method, rawArgs);
  if (!args.ok) return args;
  try {
    const session = service.staff.resolve(ctx.sessionId, ctx.transport);
    // An id that names no live session here (expired, ended, another transport's) is dropped by the transport;
    // a supervisor's or technician's that ended over an officer's hands the page the officer's back.
    if (ctx.sessionId && session?.id !== ctx.sessionId) ctx.setSession(session?.id ?? null);
    const access = (METHODS[method] as { access?: readonly string[] }).access;
    if (access) {
      if (!session) {
        service.staff.refused(null, method);
        return {
          ok: false,
          error: { code: 'NOT_SIGNED_IN', message: `${method} needs a signed-in ${access.join(' or ')}` },
        };
      }
      if (!access.includes(session.role)) {
        service.staff.refused(session, method);
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message: `${method} is for a ${access.join(' or ')}, not a ${session.role}`,
          },
        };
      }
    }
    // What a screen asks of its own accord (polls, redraws) must not keep a session alive.
    if (session && !PASSIVE_METHODS.has(method)) service.staff.touch(session);
    const answer = (
      HANDLERS[method] as (s: KioskService, a: unknown, c: Caller) => Reply<unknown> | Promise<Reply<unknown>>
    )(service, args.value, { session, ctx });
    // A later answer never rejects: its failure is an INTERNAL reply too.
    return answer instanceof Promise ? answer.catch((err: unknown) => internal(method, err)) : answer;
  } catch (err) {
    return internal(method, err);
  }
}
