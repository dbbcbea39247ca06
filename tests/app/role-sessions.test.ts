// Role separation at one screen: a supervisor or technician signing in for their screen
// does not become the desk's officer; the officer's session is kept beneath theirs and is
// the page's again when they leave their screen, sign out, go idle or are disabled.
// callKiosk on a real store (SQLite on disk), the vectors' trust and cards.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDLE_MINUTES, UNSIGNED_OFFICER } from '../../main/contract/staff.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import { createKioskService, type KioskService } from '../../main/app/service.ts';
import { createStaff } from '../../main/app/staff.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import { openBundle } from '../../main/core/trust/bundle-file.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';
import type { MethodName } from '../../main/contract/api.ts';
import type { TestAnswer } from '../helpers/page-call.ts';
import { tempDataDir } from '../helpers/store.ts';

const roots = loadRoots([path.join(VECTORS, 'root.pem')]);
if (!roots.ok) throw new Error(roots.why);
const opened = openBundle(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust')), roots.roots);
if (!opened.ok) throw new Error(opened.why);
const qr = vectorCards().get('valid-kuwait-employment')!.qr;
const now = Date.parse(VECTORS_NOW);

let store: Store;
let service: KioskService;
let idleNow = 0;

function page(transport = 'loopback') {
  const p: CallContext & { call: <M extends MethodName>(m: M, ...args: unknown[]) => TestAnswer<M> } = {
    transport,
    sessionId: null,
    setSession(id) {
      p.sessionId = id;
    },
    call: (m, ...args) => callKiosk(service, m, args, p) as TestAnswer<never>,
  };
  return p;
}
const logouts = () =>
  store
    .auditEntries()
    .filter((e) => e.action === 'logout')
    .map((e) => [e.actor, e.detail.reason]);

beforeEach(() => {
  store = openStore({ dataDir: tempDataDir('roles'), now: () => now });
  store.people.add({ id: 'OF-1', name: 'Officer One', role: 'officer', pin: '123456' }, 'test');
  store.people.add({ id: 'OF-2', name: 'Officer Two', role: 'officer', pin: '222222' }, 'test');
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

describe('a supervisor or technician at the desk page', () => {
  it("signs in over the officer without becoming the desk's officer; leaving the screen gives the officer back", async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    const officerSession = desk.sessionId;
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    expect(desk.sessionId).not.toBe(officerSession);
    expect(desk.call('session').value).toEqual({
      personId: 'SV-1',
      name: 'Supervisor One',
      role: 'supervisor',
      idleMinutes: IDLE_MINUTES.supervisor,
      desk: { personId: 'OF-1', name: 'Officer One' },
    });
    expect(desk.call('dailyReport', { date: '2026-11-22' }).ok).toBe(true);
    // Scans from this page, and from a serial scanner, still record the officer.
    expect(desk.call('scan', { text: qr, source: 'manual' }).value.officer).toBe('OF-1');
    const serial = service.scan(qr, 'serial');
    expect(serial.ok && serial.value.officer).toBe('OF-1');

    expect(desk.call('leaveScreen').value).toMatchObject({ personId: 'OF-1', role: 'officer' });
    expect(desk.sessionId).toBe(officerSession);
    expect(desk.call('session').value.personId).toBe('OF-1');
    expect(desk.call('dailyReport', { date: '2026-11-22' }).error?.code).toBe('FORBIDDEN');
    expect(logouts()).toEqual([['SV-1', 'left']]);
    // Leaving again (an officer's session) changes nothing.
    expect(desk.call('leaveScreen').value.personId).toBe('OF-1');
    expect(logouts()).toHaveLength(1);
  });

  it("requests the page sent before it saw the officer's cookie again all hand the officer back (no sign-out by a race)", async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    const officerSession = desk.sessionId;
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    const supervisorSession = desk.sessionId;
    expect(desk.call('leaveScreen').value.personId).toBe('OF-1');
    // Two requests in flight with the supervisor's old cookie (a status poll and a scan, say), answered after the leave.
    for (const method of ['session', 'status'] as const) {
      const stale = page();
      stale.sessionId = supervisorSession;
      stale.call(method);
      expect(stale.sessionId, method).toBe(officerSession);
    }
    expect(desk.call('session').value.personId).toBe('OF-1');
    // Once the officer signs out, the old supervisor id names no one.
    desk.call('logout');
    const late = page();
    late.sessionId = supervisorSession;
    expect(late.call('session').value).toBeNull();
  });

  it('with no officer signed in: scans stay UNSIGNED, and leaving signs the page out', async () => {
    const desk = page();
    await desk.call('login', { id: 'TC-1', pin: '999999' });
    expect(desk.call('session').value.desk).toBeUndefined();
    expect(desk.call('scan', { text: qr, source: 'manual' }).value.officer).toBe(UNSIGNED_OFFICER);
    const serial = service.scan(qr, 'serial');
    expect(serial.ok && serial.value.officer).toBe(UNSIGNED_OFFICER);
    expect(desk.call('leaveScreen').value).toBeNull();
    expect(desk.sessionId).toBeNull();
  });

  it("a supervisor's sign-out, idle expiry or disabling gives the officer back; a technician after a supervisor keeps the officer", async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    const officerSession = desk.sessionId;
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    desk.call('logout');
    expect(desk.sessionId).toBe(officerSession);

    await desk.call('login', { id: 'SV-1', pin: '654321' });
    await desk.call('login', { id: 'TC-1', pin: '999999' }); // replaces the supervisor, not the officer
    expect(desk.call('session').value).toMatchObject({ role: 'technician', desk: { personId: 'OF-1' } });
    idleNow += IDLE_MINUTES.technician * 60_000; // the technician walks away; the officer's 30 min are not up
    expect(desk.call('session').value.personId).toBe('OF-1');
    expect(desk.sessionId).toBe(officerSession);

    await desk.call('login', { id: 'SV-1', pin: '654321' });
    store.people.setDisabled('SV-1', true, 'test');
    expect(desk.call('scan', { text: qr, source: 'manual' }).value.officer).toBe('OF-1');
    expect(desk.sessionId).toBe(officerSession);
    expect(logouts()).toEqual([
      ['SV-1', 'logout'],
      ['SV-1', 'replaced'],
      ['TC-1', 'idle'],
      ['SV-1', 'disabled'],
    ]);
  });

  it('another officer signing in replaces both the officer and the supervisor over them', async () => {
    const desk = page();
    await desk.call('login', { id: 'OF-1', pin: '123456' });
    await desk.call('login', { id: 'SV-1', pin: '654321' });
    await desk.call('login', { id: 'OF-2', pin: '222222' });
    expect(desk.call('session').value).toMatchObject({ personId: 'OF-2', role: 'officer' });
    expect(desk.call('session').value.desk).toBeUndefined();
    expect(logouts()).toEqual([
      ['SV-1', 'replaced'],
      ['OF-1', 'replaced'],
    ]);
    // The officer's session ended while a supervisor sat over it: the supervisor no longer shows it.
    const other = page();
    await other.call('login', { id: 'OF-1', pin: '123456' });
    await other.call('login', { id: 'SV-1', pin: '654321' });
    // The supervisor keeps working past the officer's idle minutes.
    for (let m = 0; m <= IDLE_MINUTES.officer; m += IDLE_MINUTES.supervisor - 1) {
      idleNow += (IDLE_MINUTES.supervisor - 1) * 60_000;
      expect(other.call('dailyReport', { date: '2026-11-22' }).ok).toBe(true);
    }
    expect(other.call('session').value).toMatchObject({ personId: 'SV-1' });
    expect(other.call('session').value.desk).toBeUndefined();
    expect(other.call('scan', { text: qr, source: 'manual' }).value.officer).toBe(UNSIGNED_OFFICER);
  });
});
