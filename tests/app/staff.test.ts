// Sign-in through callKiosk on a real store (SQLite on disk): sessions bound to their
// transport, idle expiry on an injected idle clock, roles from the people table only,
// failed logins and lock-outs audited, the signed-in officer recorded with each verdict,
// and the supervisor-only report and export refused in main for anyone else.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDLE_MINUTES, UNSIGNED_OFFICER, type LoginReply } from '../../main/contract/staff.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import { createKioskService, type KioskService } from '../../main/app/service.ts';
import { createStaff } from '../../main/app/staff.ts';
import { MAX_FAILED_PINS } from '../../main/core/store/people.ts';
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

/** A page's transport: keeps the session id main hands it, as the cookie or the window slot does. */
function page(transport = 'loopback') {
  // Loosely typed replies: each test checks the shape it expects.
  const p: CallContext & { call: (m: string, ...args: unknown[]) => any } = {
    transport,
    sessionId: null,
    setSession(id) {
      p.sessionId = id;
    },
    call: (m, ...args) => callKiosk(service, m, args, p),
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
    staff: createStaff({ store, clock: () => now, idleClock: () => idleNow }),
  });
});
afterEach(() => {
  service.close();
  store.close();
});

const actions = (action: string) => store.auditEntries().filter((e) => e.action === action);

describe('sign-in sessions', () => {
  it("signs in with id and PIN; the session holds the role from the people table and is this page's alone", () => {
    const desk = page();
    const r = desk.call('login', { id: 'OF-1', pin: '123456' });
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

  it('records the signed-in officer with each verdict, UNSIGNED without one, and the latest session for scans from main', () => {
    const desk = page();
    const qr = cards.get('valid-kuwait-employment')!.qr;
    expect(desk.call('scan', { text: qr, source: 'manual' }).value.officer).toBe(UNSIGNED_OFFICER);
    desk.call('login', { id: 'OF-1', pin: '123456' });
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

  it('a wrong PIN is refused without telling a stranger whether the id exists; repeated wrong PINs lock out, audited', () => {
    const desk = page();
    expect(desk.call('login', { id: 'NOBODY', pin: '123456' }).value).toEqual({
      signedIn: false,
      reason: 'refused',
    });
    for (let i = 1; i < MAX_FAILED_PINS; i++)
      expect(desk.call('login', { id: 'OF-1', pin: '000000' }).value).toEqual({
        signedIn: false,
        reason: 'refused',
      });
    const locked = desk.call('login', { id: 'OF-1', pin: '000000' }).value as LoginReply;
    expect(locked).toMatchObject({ signedIn: false, reason: 'locked', minutesLeft: 15 });
    // Even the right PIN waits out the lock.
    expect(desk.call('login', { id: 'OF-1', pin: '123456' }).value).toMatchObject({
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

  it('ends a session after its idle minutes (real time, not the kiosk clock); asking who is signed in does not keep it alive', () => {
    const desk = page();
    desk.call('login', { id: 'SV-1', pin: '654321' });
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

  it('any other call is activity: the idle clock starts again', () => {
    const desk = page();
    desk.call('login', { id: 'OF-1', pin: '123456' });
    idleNow += IDLE_MINUTES.officer * 60_000 - 1;
    desk.call('status');
    idleNow += IDLE_MINUTES.officer * 60_000 - 1;
    expect(desk.call('session').value.personId).toBe('OF-1');
  });

  it('a person disabled since sign-in loses the session at the next call', () => {
    const desk = page();
    desk.call('login', { id: 'SV-1', pin: '654321' });
    store.people.setDisabled('SV-1', true, 'test');
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
  });

  it('a new login on the same page replaces the old session (audited); a failed one leaves it', () => {
    const desk = page();
    desk.call('login', { id: 'SV-1', pin: '654321' });
    const first = desk.sessionId;
    desk.call('login', { id: 'OF-1', pin: '000000' });
    expect(desk.sessionId).toBe(first);
    desk.call('login', { id: 'OF-1', pin: '123456' });
    expect(desk.sessionId).not.toBe(first);
    expect(desk.call('session').value.role).toBe('officer');
    const stale = page();
    stale.sessionId = first;
    expect(stale.call('session').value).toBeNull();
    expect(actions('logout').map((e) => [e.actor, e.detail.reason])).toEqual([['SV-1', 'replaced']]);
  });
});

describe('supervisor-only calls are decided in main', () => {
  it('refuses the report and the export signed out (NOT_SIGNED_IN) and to an officer or technician (FORBIDDEN), audited', () => {
    const desk = page();
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    desk.call('login', { id: 'OF-1', pin: '123456' });
    expect(desk.call('dailyReport', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(desk.call('exportDayCsv', { date: TODAY })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const tech = page();
    tech.call('login', { id: 'TC-1', pin: '999999' });
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

  it("gives a supervisor the store's report and CSV, the export audited with who and how many rows", () => {
    const desk = page();
    desk.call('login', { id: 'OF-1', pin: '123456' });
    for (const name of ['valid-kuwait-employment', 'no-pdo-warns', 'tampered-signature'])
      desk.call('scan', { text: cards.get(name)!.qr, source: 'manual' });
    const sup = page();
    sup.call('login', { id: 'SV-1', pin: '654321' });
    const r = sup.call('dailyReport', { date: TODAY });
    expect(r.value).toEqual(store.dailyReport(TODAY));
    expect(r.value.byOfficer['OF-1'].total).toBe(3);
    const csv = sup.call('exportDayCsv', { date: TODAY }).value;
    expect(csv).toMatchObject({ date: TODAY, filename: `bmet-report-${TODAY}.csv`, rows: 3 });
    expect(csv.csv).toBe([...store.dailyCsv(TODAY)].join(''));
    expect(actions('report.export').map((e) => [e.actor, e.detail])).toEqual([
      ['SV-1', expect.objectContaining({ date: TODAY, format: 'csv', rows: 3, via: 'screen' })],
    ]);
  });

  it('without a store: login says unavailable, scans still verify as UNSIGNED', () => {
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
    expect(callKiosk(bare, 'login', [{ id: 'OF-1', pin: '123456' }], p)).toEqual({
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
