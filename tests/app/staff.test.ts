// Sign-in through callKiosk on a real store (SQLite on disk): sessions bound to their
// transport, idle expiry on an injected idle clock, roles from the people table only,
// failed logins and lock-outs audited, the signed-in officer recorded with each verdict,
// and the supervisor-only report and export refused in main for anyone else.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDLE_MINUTES, UNSIGNED_OFFICER, type LoginReply } from '../../main/contract/staff.ts';
import {
  PASSIVE_METHODS,
  type ApiError,
  type MethodName,
  type ResultOf,
  type ScanResult,
} from '../../main/contract/api.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import { createKioskService, type KioskService } from '../../main/app/service.ts';
import { createStaff } from '../../main/app/staff.ts';
import { MAX_FAILED_PINS } from '../../main/core/store/people.ts';
import { FIRST_DELAY_MS, FREE_FAILURES, MAX_DELAY_MS, WINDOW_MS } from '../../main/app/sign-in-guard.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import { openBundle } from '../../main/core/trust/bundle-file.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';

const roots = loadRoots([path.join(VECTORS, 'root.pem')]);
if (!roots.ok) throw new Error(roots.why);
const opened = openBundle(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust')), roots.roots);
if (!opened.ok) throw new Error(opened.why);
const cards = vectorCards();
const now = Date.parse(VECTORS_NOW);
const TODAY = '2026-11-22';

/**
 * A reply as these tests read it: each checks `ok`, null or the shape itself (toEqual, toBeNull),
 * so `value` is typed as the method's non-null result without narrowing first.
 */
type TestReply<T> = { ok: boolean; value: NonNullable<T>; error?: ApiError };
/** What `call` answers: a reply, or for `login` (a PIN is hashed off the thread) a promise of one. */
type TestAnswer<M extends MethodName> = M extends 'login'
  ? Promise<TestReply<ResultOf<M>>>
  : TestReply<ResultOf<M>>;

/** A page's transport: keeps the session id main hands it, as the cookie or the window slot does. */
function page(transport = 'loopback') {
  const p: CallContext & {
    call: <M extends MethodName>(m: M, ...args: unknown[]) => TestAnswer<M>;
  } = {
    transport,
    sessionId: null,
    setSession(id) {
      p.sessionId = id;
    },
    call: (m, ...args) => callKiosk(service, m, args, p) as TestAnswer<never>,
  };
  return p;
}

let store: Store;
let service: KioskService;
let idleNow = 0;

beforeEach(() => {
  store = openStore({ dataDir: tempDataDir('staff'), now: () => now });
  store.people.add({ id: 'OF-1', name: 'Officer One', role: 'officer', pin: '123456' }, 'test');
  store.people.add({ id: 'SV-1', name: 'Supervisor One', role: 'supervisor', pin: '654321' }, 'test');
  store.people.add({ id: 'TC-1', name: 'Tech One', role: 'technician', pin: '999999' }, 'test');
  idleNow = 0;
  service = createKioskService({
    trust: { prepared: opened.bundle.trust, source: 'file' },
    trustProblem: null,
    roots: 'command-line',
    mode: 'production',
    log: store,
    officer: UNSIGNED_OFFICER,
    clock: () => now,
    // No pause before a turned-away try's answer: the tests move the idle clock themselves.
    staff: createStaff({
      store,
      clock: () => now,
      wallClock: () => now,
      idleClock: () => idleNow,
      refusalPauseMs: 0,
    }),
  });
});
afterEach(() => {
  service.close();
  store.close();
});

const actions = (action: string) => store.auditEntries().filter((e) => e.action === action);

describe('sign-in sessions', () => {
  it("signs in with id and PIN; the session holds the role from the people table and is this page's alone", async () => {
    const desk = page();
    const r = await desk.call('login', { id: 'OF-1', pin: '123456' });
    expect(r).toEqual({
      ok: true,
      value: {
        signedIn: true,
        session: {
          personId: 'OF-1',
          name: 'Officer One',
          role: 'officer',
          idleMinutes: IDLE_MINUTES.officer,
        },
      },
    });
    expect(desk.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(r)).not.toContain(desk.sessionId!); // the page never sees the id
    expect(desk.call('session').value.personId).toBe('OF-1');
    expect(actions('login').map((e) => e.actor)).toEqual(['OF-1']);

    // The same id presented on another transport names no session there, and is not ended by it.
    const other = page('ipc:7');
    other.sessionId = desk.sessionId;
    expect(other.call('session')).toEqual({ ok: true, value: null });
    expect(other.sessionId).toBeNull();
    expect(desk.call('session').value.personId).toBe('OF-1');
  });

  it('records the signed-in officer with each verdict, UNSIGNED without one, and the latest session for scans from main', async () => {
    const desk = page();
    const qr = cards.get('valid-kuwait-employment')!.qr;
    expect(desk.call('scan', { text: qr, source: 'manual' }).value.officer).toBe(UNSIGNED_OFFICER);
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    expect(desk.call('scan', { text: qr, source: 'manual' }).value.officer).toBe('OF-1');
    // A serial scan arrives in main, with no page: the desk's signed-in officer.
    const serial = service.scan(qr, 'serial');
    expect(serial.ok && serial.value.officer).toBe('OF-1');
    desk.call('logout');
    expect(desk.sessionId).toBeNull();
    const after = service.scan(qr, 'serial');
    expect(after.ok && after.value.officer).toBe(UNSIGNED_OFFICER);
    expect(store.dailyReport(TODAY).byOfficer).toEqual({
      UNSIGNED: { total: 2, valid: 1, warning: 1, invalid: 0 },
      'OF-1': { total: 2, valid: 0, warning: 2, invalid: 0 },
    });
    expect(actions('logout').map((e) => [e.actor, e.detail.reason])).toEqual([['OF-1', 'logout']]);
  });

  it('a wrong PIN is refused without telling a stranger whether the id exists; repeated wrong PINs lock out, audited', async () => {
    const desk = page();
    expect((await desk.call('login', { id: 'NOBODY', pin: '123456' })).value).toEqual({
      signedIn: false,
      reason: 'refused',
    });
    for (let i = 1; i < MAX_FAILED_PINS; i++)
      expect((await desk.call('login', { id: 'OF-1', pin: '000000' })).value).toEqual({
        signedIn: false,
        reason: 'refused',
      });
    const locked = (await desk.call('login', { id: 'OF-1', pin: '000000' })).value as LoginReply;
    expect(locked).toMatchObject({ signedIn: false, reason: 'locked', minutesLeft: 15 });
    // Even the right PIN waits out the lock.
    expect((await desk.call('login', { id: 'OF-1', pin: '123456' })).value).toMatchObject({
      signedIn: false,
      reason: 'locked',
      minutesLeft: 15,
    });
    expect(desk.sessionId).toBeNull();
    expect(actions('login.failed').map((e) => e.detail.reason)).toEqual([
      'unknown',
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'locked',
    ]);
    expect(actions('login.locked')).toHaveLength(1);
  });

  it('ends a session after its idle minutes (real time, not the kiosk clock); asking who is signed in does not keep it alive', async () => {
    const desk = page();
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    idleNow += IDLE_MINUTES.supervisor * 60_000 - 1;
    expect(desk.call('session').value.personId).toBe('SV-1'); // not activity
    idleNow += 1;
    expect(desk.call('session').value).toBeNull();
    expect(desk.sessionId).toBeNull();
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(actions('logout').map((e) => [e.actor, e.detail.reason])).toEqual([['SV-1', 'idle']]);
  });

  it('a person acting is activity: the idle clock starts again', async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    idleNow += IDLE_MINUTES.officer * 60_000 - 1;
    desk.call('scan', { text: cards.get('valid-kuwait-employment')!.qr, source: 'manual' });
    idleNow += IDLE_MINUTES.officer * 60_000 - 1;
    expect(desk.call('session').value.personId).toBe('OF-1');
  });

  it('a serial scan is the activity of the officer it is recorded for: a serial-only desk keeps its officer', async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    const card = cards.get('valid-kuwait-employment')!.qr;
    for (let i = 1; i <= 6; i++) {
      idleNow = i * 20 * 60_000; // a scan every 20 minutes, for two hours
      const r = service.scan(card, 'serial');
      expect(r.ok && r.value.officer).toBe('OF-1');
    }
    expect(desk.call('session').value.personId).toBe('OF-1');
  });

  it('what a screen asks of its own accord is not activity: a technician screen left open still signs out', async () => {
    const tech = page();
    await tech.call('login', { id: 'TC-1', pin: '999999' });
    // The technician screen redraws on every status event (sync's poll: every 30 s).
    for (let t = 30_000; t < IDLE_MINUTES.technician * 60_000; t += 30_000) {
      idleNow = t;
      for (const m of [...PASSIVE_METHODS].filter((x) => x !== 'recentScans' && x !== 'auditLog'))
        tech.call(m as 'status');
      tech.call('recentScans', { limit: 5 });
      tech.call('auditLog', { limit: 20 });
    }
    idleNow = IDLE_MINUTES.technician * 60_000;
    expect(tech.call('session').value).toBeNull();
    expect(tech.call('resumeSync')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(actions('logout').map((e) => [e.actor, e.detail.reason])).toEqual([['TC-1', 'idle']]);
  });

  it("the desk's sign-in is for officers: a supervisor's right PIN there opens no session, audited", async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    const r = await desk.call('login', { id: 'SV-1', pin: '654321', deskOnly: true });
    expect(r).toEqual({ ok: true, value: { signedIn: false, reason: 'wrong-screen' } });
    expect(desk.call('session').value.personId).toBe('OF-1'); // the officer stays signed in
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Audited as a sign-in that did not happen (no 'login' row: no session was opened).
    expect(actions('login').map((e) => e.actor)).toEqual(['OF-1']);
    expect(actions('login.failed').map((e) => [e.actor, e.detail])).toContainEqual([
      'SV-1',
      { reason: 'wrong-screen', role: 'supervisor' },
    ]);
    // An officer signs in there as before, and a wrong PIN is still just refused.
    expect(await desk.call('login', { id: 'SV-1', pin: '000000', deskOnly: true })).toEqual({
      ok: true,
      value: { signedIn: false, reason: 'refused' },
    });
    const again = await desk.call('login', { id: 'OF-1', pin: '123456', deskOnly: true });
    expect(again).toMatchObject({ ok: true, value: { signedIn: true } });
  });

  it('the page loaded again ends a supervisor’s session there; the officer beneath is the page’s again', async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    expect(desk.call('session').value.personId).toBe('SV-1');
    const keep = service.staff.pageLoaded(desk.sessionId, desk.transport);
    expect(keep?.personId).toBe('OF-1');
    desk.sessionId = keep!.id;
    expect(desk.call('session').value.personId).toBe('OF-1');
    expect(actions('logout').map((e) => [e.actor, e.detail.reason])).toEqual([['SV-1', 'reloaded']]);
    // An officer's own session survives a reload.
    expect(service.staff.pageLoaded(desk.sessionId, desk.transport)?.personId).toBe('OF-1');
  });

  it('a person disabled since sign-in loses the session at the next call', async () => {
    const desk = page();
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    store.people.setDisabled('SV-1', true, 'test');
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
  });

  it('a new login on the same page replaces the old session (audited); a failed one leaves it', async () => {
    const desk = page();
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    const first = desk.sessionId;
    await desk.call('login', { id: 'OF-1', pin: '000000' });
    expect(desk.sessionId).toBe(first);
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    expect(desk.sessionId).not.toBe(first);
    expect(desk.call('session').value.role).toBe('officer');
    const stale = page();
    stale.sessionId = first;
    expect(stale.call('session').value).toBeNull();
    expect(actions('logout').map((e) => [e.actor, e.detail.reason])).toEqual([['SV-1', 'replaced']]);
  });
});

describe('supervisor-only calls are decided in main', () => {
  it('refuses the report and the export signed out (NOT_SIGNED_IN) and to an officer or technician (FORBIDDEN), audited', async () => {
    const desk = page();
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(desk.call('exportDayCsv', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const tech = page();
    await tech.call('login', { id: 'TC-1', pin: '999999' });
    expect(tech.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(actions('access.refused').map((e) => [e.actor, e.detail.method])).toEqual([
      [UNSIGNED_OFFICER, 'dailyReport'],
      ['OF-1', 'dailyReport'],
      ['OF-1', 'exportDayCsv'],
      ['TC-1', 'dailyReport'],
    ]);
    expect(actions('report.export')).toHaveLength(0);
  });

  it("gives a supervisor the store's report and CSV, the export audited with who and how many rows", async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    for (const name of ['valid-kuwait-employment', 'no-pdo-warns', 'tampered-signature'])
      desk.call('scan', { text: cards.get(name)!.qr, source: 'manual' });
    const sup = page();
    await sup.call('login', { id: 'SV-1', pin: '654321' });
    const r = sup.call('dailyReport', { date: TODAY });
    expect(r.value).toEqual(store.dailyReport(TODAY));
    expect(r.value.byOfficer['OF-1']?.total).toBe(3);
    const csv = sup.call('exportDayCsv', { date: TODAY }).value;
    expect(csv).toMatchObject({ date: TODAY, filename: `bmet-report-${TODAY}.csv`, rows: 3 });
    expect(csv.csv).toBe([...store.dailyCsv(TODAY)].join(''));
    expect(actions('report.export').map((e) => [e.actor, e.detail])).toEqual([
      ['SV-1', expect.objectContaining({ date: TODAY, format: 'csv', rows: 3, via: 'screen' })],
    ]);
  });

  it('without a store: login says unavailable, scans still verify as UNSIGNED', async () => {
    const bare = createKioskService({
      trust: { prepared: opened.bundle.trust, source: 'file' },
      trustProblem: null,
      roots: 'command-line',
      mode: 'production',
      log: null,
      officer: UNSIGNED_OFFICER,
      clock: () => now,
    });
    const p = page();
    expect(await callKiosk(bare, 'login', [{ id: 'OF-1', pin: '123456' }], p)).toEqual({
      ok: true,
      value: { signedIn: false, reason: 'unavailable' },
    });
    const scan = callKiosk(
      bare,
      'scan',
      [{ text: cards.get('valid-kuwait-employment')!.qr, source: 'manual' }],
      p,
    );
    expect(scan.ok && (scan.value as { officer: string }).officer).toBe(UNSIGNED_OFFICER);
    bare.close();
  });
});

describe('argument validation of the new methods', () => {
  it.each([
    ['login', []],
    ['login', [{ id: 'OF-1' }]],
    ['login', [{ id: 'OF-1', pin: 123456 }]],
    ['login', [{ id: 'OF-1', pin: '12345' }]], // too short
    ['login', [{ id: 'OF-1', pin: '1234567890123' }]], // too long
    ['login', [{ id: 'OF-1', pin: '12345a' }]],
    ['login', [{ id: 'OF 1', pin: '123456' }]],
    ['login', [{ id: 'x'.repeat(33), pin: '123456' }]],
    ['login', [{ id: 'OF-1', pin: '123456', role: 'supervisor' }]], // a role claimed by the page
    ['login', [{ id: 'OF-1', pin: '123456' }, 'extra']],
    ['logout', [1]],
    ['session', [{}]],
    ['dailyReport', []],
    ['dailyReport', [{ date: '2026-02-30' }]],
    ['dailyReport', [{ date: '22-11-2026' }]],
    ['dailyReport', [{ date: '2026-11-22', kioskId: 'x' }]],
    ['exportDayCsv', [{ date: 20261122 }]],
  ])('%s %j → BAD_ARGS, nothing audited', (method, args) => {
    const before = store.auditEntries().length;
    expect(callKiosk(service, method, args, page())).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS' },
    });
    expect(store.auditEntries().length).toBe(before);
  });
});

describe('the kiosk-wide limit on failed sign-ins', () => {
  /** Failed tries across many ids (each id stays under its own lock-out). */
  const failAcross = async (n: number, p = page()) => {
    const replies: LoginReply[] = [];
    for (let i = 0; i < n; i++)
      replies.push((await p.call('login', { id: `X-${i}`, pin: '000000' })).value as LoginReply);
    return replies;
  };

  it('past the free failures every id, known or not, waits: answered locked without a PIN being checked', async () => {
    const replies = await failAcross(FREE_FAILURES);
    expect(replies.every((r) => !r.signedIn && r.reason === 'refused')).toBe(true);
    const hashedBefore = actions('login.failed').length;
    // Now even the right PIN of a real person waits, answered exactly as an unknown id is.
    const known = (await page().call('login', { id: 'OF-1', pin: '123456' })).value;
    const unknown = (await page().call('login', { id: 'NOBODY-ELSE', pin: '123456' })).value;
    expect(known).toEqual(unknown);
    expect(known).toMatchObject({ signedIn: false, reason: 'locked', minutesLeft: 1 });
    // Turned away before the store: no PIN hashed, no row per try.
    expect(actions('login.failed').length).toBe(hashedBefore);
    // Real time passes (the idle clock is monotonic): the next try is let through and signs in.
    idleNow += FIRST_DELAY_MS;
    expect((await page().call('login', { id: 'OF-1', pin: '123456' })).value).toMatchObject({
      signedIn: true,
    });
  });

  it('the wait doubles with each further failure, up to a cap, and starts again after a quiet spell', async () => {
    await failAcross(FREE_FAILURES);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      // Find the wait by asking: refused with the time left, then let through once it has passed.
      const r = (await page().call('login', { id: 'OF-1', pin: '000001' })).value as LoginReply;
      expect(r).toMatchObject({ reason: 'locked' });
      const left = Date.parse((r as { lockedUntil: string }).lockedUntil) - now;
      waits.push(left);
      idleNow += left;
      await page().call('login', { id: `Y-${i}`, pin: '000000' }); // let through, fails: the wait grows
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8].map((x) => x * FIRST_DELAY_MS));
    expect(Math.max(...waits)).toBe(MAX_DELAY_MS);
    idleNow += WINDOW_MS;
    expect((await page().call('login', { id: 'OF-1', pin: '123456' })).value).toMatchObject({
      signedIn: true,
    });
  });

  it('a burst is audited as one line when it starts and one when it ends, however many tries it had', async () => {
    await failAcross(FREE_FAILURES);
    const rowsBefore = store.auditEntries().length;
    for (let i = 0; i < 200; i++) await page().call('login', { id: `Z-${i % 30}`, pin: '000000' });
    const during = store.auditEntries().slice(rowsBefore);
    expect(during.map((e) => [e.actor, e.action, e.detail.phase])).toEqual([
      ['SYSTEM', 'login.throttled', 'start'],
    ]);
    idleNow += FIRST_DELAY_MS;
    await page().call('login', { id: 'OF-1', pin: '123456' });
    const end = actions('login.throttled').at(-1)!;
    expect(end.detail).toMatchObject({ phase: 'end', refused: 200, ids: 30 });
    expect((end.detail.sampleIds as string[]).length).toBe(10);
  });

  it('an unknown id locks out after the same tries as a known one: the answers do not tell which exist', async () => {
    const answers = async (id: string) => {
      const p = page();
      const out: unknown[] = [];
      for (let i = 0; i <= MAX_FAILED_PINS; i++) {
        const r = (await p.call('login', { id, pin: '000000' })).value as LoginReply;
        out.push(r.signedIn ? 'in' : r.reason === 'locked' ? ['locked', r.minutesLeft] : r.reason);
      }
      return out;
    };
    const known = await answers('OF-1');
    expect(known.at(-1)).toEqual(['locked', 15]);
    idleNow += WINDOW_MS; // the kiosk-wide count forgets those tries; the per-id lock does not
    expect(await answers('NOBODY')).toEqual(known);
  });

  it('while a PIN is being hashed the desk keeps verifying scans', async () => {
    const desk = page();
    const signingIn = desk.call('login', { id: 'OF-1', pin: '123456' }) as Promise<{ value: LoginReply }>;
    // The scan is answered now, while the sign-in is still under way (it has not settled yet).
    let settled = false;
    signingIn.then(
      () => (settled = true),
      () => (settled = true),
    );
    const scan = desk.call('scan', { text: cards.get('valid-kuwait-employment')!.qr, source: 'manual' });
    expect((scan.value as ScanResult).verdict.status).toBe('valid');
    expect(settled).toBe(false);
    expect((await signingIn).value).toMatchObject({ signedIn: true });
  });
});
