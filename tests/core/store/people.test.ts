// People and roles: scrypt PINs, lock-out, audited changes, demo accounts only in development.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNTS, LOCK_MS, MAX_FAILED_PINS } from '../../../main/core/store/people.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { tempDataDir } from '../../helpers/store.ts';

// Every PIN set or checked is a 32 MiB scrypt, and the lock-out tests make a dozen or more: on a
// loaded 2-core machine (a fresh clone's run beside other test runs) two of them took 59.8 s and
// over 60 s. The timeout only guards against a hang; speed is the benchmarks' business.
vi.setConfig({ testTimeout: 300_000 });

let store: Store;
let now = Date.parse('2026-11-22T00:00:00Z');
afterEach(() => store?.close());

describe('people', () => {
  it('a production data dir has no accounts; a development one has the demo accounts', async () => {
    store = openStore({ dataDir: tempDataDir() });
    expect(store.mode()).toBe('production');
    expect(store.people.list()).toEqual([]);
    store.close();
    store = openStore({ dataDir: tempDataDir(), mode: 'development' });
    expect(store.mode()).toBe('development');
    expect(
      store.people
        .list()
        .map((p) => [p.id, p.role])
        .sort(),
    ).toEqual(DEMO_ACCOUNTS.map((a) => [a.id, a.role]).sort());
    for (const a of DEMO_ACCOUNTS) expect((await store.people.login(a.id, a.pin)).ok).toBe(true);
  });

  it('the mode is fixed when the data dir is made: a run of the other kind is refused, no demo accounts added', () => {
    const dir = tempDataDir();
    openStore({ dataDir: dir }).close();
    // The kiosk's start refuses it; the command line (no refuseOtherMode) opens it as it is.
    expect(() => openStore({ dataDir: dir, mode: 'development', refuseOtherMode: true })).toThrow(
      expect.objectContaining({ code: 'STORE_OTHER_MODE' }),
    );
    store = openStore({ dataDir: dir, mode: 'development' });
    expect(store.mode()).toBe('production');
    expect(store.people.list()).toEqual([]);
  });

  it('keeps PINs as scrypt hashes, never in clear', async () => {
    store = openStore({ dataDir: tempDataDir() });
    store.people.add({ id: 'OF-7', name: 'Officer Seven', role: 'officer', pin: '482913' }, 'TC-1');
    const row = store.db.prepare("SELECT pin_hash FROM people WHERE id = 'OF-7'").pluck().get() as string;
    expect(row).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(row).not.toContain('482913');
    expect(await store.people.login('OF-7', '482913')).toMatchObject({
      ok: true,
      person: { role: 'officer' },
    });
    expect(await store.people.login('OF-7', '482914')).toEqual({ ok: false, reason: 'wrong-pin' });
    expect(await store.people.login('NOBODY', '482913')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('locks out after repeated wrong PINs, until the lock ends or a reset', async () => {
    store = openStore({ dataDir: tempDataDir(), now: () => now });
    store.people.add({ id: 'OF-8', name: 'Eight', role: 'officer', pin: '111222' }, 'TC-1');
    for (let i = 1; i < MAX_FAILED_PINS; i++)
      expect((await store.people.login('OF-8', '000000')).ok).toBe(false);
    expect(await store.people.login('OF-8', '000000')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await store.people.login('OF-8', '111222')).toMatchObject({ ok: false, reason: 'locked' }); // even the right PIN
    now += LOCK_MS + 1;
    expect((await store.people.login('OF-8', '111222')).ok).toBe(true);
    for (let i = 0; i < MAX_FAILED_PINS; i++) await store.people.login('OF-8', '000000');
    expect(await store.people.login('OF-8', '111222')).toMatchObject({ reason: 'locked' });
    store.people.resetPin('OF-8', '333444', 'SV-1');
    expect((await store.people.login('OF-8', '333444')).ok).toBe(true);
    const actions = store.auditEntries().map((e) => e.action);
    expect(actions).toContain('login.locked');
    expect(actions).toContain('person.reset');
  });

  it('disabled people cannot log in; every change is audited with its actor', async () => {
    store = openStore({ dataDir: tempDataDir() });
    store.people.add({ id: 'SV-9', name: 'Sup Nine', role: 'supervisor', pin: '909090' }, 'TC-1');
    store.people.setDisabled('SV-9', true, 'TC-1');
    expect(await store.people.login('SV-9', '909090')).toEqual({ ok: false, reason: 'disabled' });
    store.people.setDisabled('SV-9', false, 'TC-2');
    expect((await store.people.login('SV-9', '909090')).ok).toBe(true);
    const audit = store.auditEntries().filter((e) => e.action.startsWith('person.'));
    expect(audit.map((e) => [e.actor, e.action, e.detail.id])).toEqual([
      ['TC-1', 'person.add', 'SV-9'],
      ['TC-1', 'person.disable', 'SV-9'],
      ['TC-2', 'person.enable', 'SV-9'],
    ]);
  });

  it('rejects bad ids, roles and PINs', () => {
    store = openStore({ dataDir: tempDataDir() });
    expect(() => store.people.add({ id: 'OF 1', name: 'x', role: 'officer', pin: '123456' }, 'T')).toThrow(
      /an id/,
    );
    expect(() =>
      store.people.add({ id: 'OF-1', name: 'x', role: 'admin' as never, pin: '123456' }, 'T'),
    ).toThrow(/a role/);
    expect(() => store.people.add({ id: 'OF-1', name: 'x', role: 'officer', pin: '1234' }, 'T')).toThrow(
      /6 to 12 digits/,
    );
    store.people.add({ id: 'OF-1', name: 'x', role: 'officer', pin: '123456' }, 'T');
    expect(() => store.people.add({ id: 'OF-1', name: 'y', role: 'officer', pin: '123456' }, 'T')).toThrow(
      /already exists/,
    );
  });
});

describe('sign-in that tells nothing and never stalls', () => {
  it('an unknown id locks after the same number of tries as a known one, with the same answer', async () => {
    store = openStore({ dataDir: tempDataDir(), now: () => now });
    store.people.add({ id: 'OF-8', name: 'Eight', role: 'officer', pin: '111222' }, 'TC-1');
    store.people.add({ id: 'OF-9', name: 'Nine', role: 'officer', pin: '111333' }, 'TC-1');
    store.people.setDisabled('OF-9', true, 'TC-1');
    const tries = async (id: string) => {
      const out = [];
      for (let i = 0; i <= MAX_FAILED_PINS; i++) {
        const r = await store.people.login(id, '000000');
        out.push(r.ok ? 'ok' : r.reason === 'locked' ? `locked until ${r.lockedUntil}` : 'refused');
      }
      return out;
    };
    const known = await tries('OF-8');
    expect(known.slice(0, MAX_FAILED_PINS - 1)).toEqual(Array(MAX_FAILED_PINS - 1).fill('refused'));
    expect(known.at(-1)).toBe(`locked until ${new Date(now + LOCK_MS).toISOString()}`);
    // Unknown and disabled ids: the very same sequence of answers.
    expect(await tries('NOBODY')).toEqual(known);
    expect(await tries('OF-9')).toEqual(known);
  });

  it('a lock set under a clock that ran ahead lasts at most its length from now, not until that future date', async () => {
    const real = now;
    store = openStore({ dataDir: tempDataDir(), now: () => now });
    store.people.add({ id: 'OF-8', name: 'Eight', role: 'officer', pin: '111222' }, 'TC-1');
    now = Date.parse('2200-06-01T00:00:00Z'); // the clock jumped ahead while someone mistyped
    for (let i = 0; i < MAX_FAILED_PINS; i++) await store.people.login('OF-8', '000000');
    for (let i = 0; i < MAX_FAILED_PINS; i++) await store.people.login('GHOST', '000000');
    now = real; // the clock is put right
    for (const id of ['OF-8', 'GHOST'])
      expect(await store.people.login(id, '111222')).toEqual({
        ok: false,
        reason: 'locked',
        lockedUntil: new Date(real + LOCK_MS).toISOString(),
      });
    // The cap was kept, not slid forward on each look: it ends LOCK_MS after it was noticed.
    now = real + LOCK_MS / 2;
    expect(await store.people.login('OF-8', '111222')).toMatchObject({
      lockedUntil: new Date(real + LOCK_MS).toISOString(),
    });
    now = real + LOCK_MS + 1;
    expect((await store.people.login('OF-8', '111222')).ok).toBe(true);
    now = real;
  });

  it('a PIN is hashed off the event loop: other work runs while it is checked', async () => {
    store = openStore({ dataDir: tempDataDir() });
    store.people.add({ id: 'OF-8', name: 'Eight', role: 'officer', pin: '111222' }, 'TC-1');
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const r = await store.people.login('OF-8', '111222');
    spinning = false;
    expect(r.ok).toBe(true);
    // With a synchronous scrypt the loop could not turn until the answer was there.
    expect(turns).toBeGreaterThan(1);
  });
});
