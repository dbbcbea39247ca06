// People and roles: scrypt PINs, lock-out, audited changes, demo accounts only in development.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, LOCK_MS, MAX_FAILED_PINS } from '../../../main/core/store/people.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { tempDataDir } from '../../helpers/store.ts';

let store: Store;
let now = Date.parse('2026-11-22T00:00:00Z');
afterEach(() => store?.close());

describe('people', () => {
  it('a production data dir has no accounts; a development one has the demo accounts', () => {
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
    for (const a of DEMO_ACCOUNTS) expect(store.people.login(a.id, a.pin).ok).toBe(true);
  });

  it('the mode is fixed when the data dir is made', () => {
    const dir = tempDataDir();
    openStore({ dataDir: dir }).close();
    store = openStore({ dataDir: dir, mode: 'development' });
    expect(store.mode()).toBe('production');
    expect(store.people.list()).toEqual([]);
  });

  it('keeps PINs as scrypt hashes, never in clear', () => {
    store = openStore({ dataDir: tempDataDir() });
    store.people.add({ id: 'OF-7', name: 'Officer Seven', role: 'officer', pin: '482913' }, 'TC-1');
    const row = store.db.prepare("SELECT pin_hash FROM people WHERE id = 'OF-7'").pluck().get() as string;
    expect(row).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(row).not.toContain('482913');
    expect(store.people.login('OF-7', '482913')).toMatchObject({ ok: true, person: { role: 'officer' } });
    expect(store.people.login('OF-7', '482914')).toEqual({ ok: false, reason: 'wrong-pin' });
    expect(store.people.login('NOBODY', '482913')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('locks out after repeated wrong PINs, until the lock ends or a reset', () => {
    store = openStore({ dataDir: tempDataDir(), now: () => now });
    store.people.add({ id: 'OF-8', name: 'Eight', role: 'officer', pin: '111222' }, 'TC-1');
    for (let i = 1; i < MAX_FAILED_PINS; i++) expect(store.people.login('OF-8', '000000').ok).toBe(false);
    expect(store.people.login('OF-8', '000000')).toMatchObject({ ok: false, reason: 'locked' });
    expect(store.people.login('OF-8', '111222')).toMatchObject({ ok: false, reason: 'locked' }); // even the right PIN
    now += LOCK_MS + 1;
    expect(store.people.login('OF-8', '111222').ok).toBe(true);
    for (let i = 0; i < MAX_FAILED_PINS; i++) store.people.login('OF-8', '000000');
    expect(store.people.login('OF-8', '111222')).toMatchObject({ reason: 'locked' });
    store.people.resetPin('OF-8', '333444', 'SV-1');
    expect(store.people.login('OF-8', '333444').ok).toBe(true);
    const actions = store.auditEntries().map((e) => e.action);
    expect(actions).toContain('login.locked');
    expect(actions).toContain('person.reset');
  });

  it('disabled people cannot log in; every change is audited with its actor', () => {
    store = openStore({ dataDir: tempDataDir() });
    store.people.add({ id: 'SV-9', name: 'Sup Nine', role: 'supervisor', pin: '909090' }, 'TC-1');
    store.people.setDisabled('SV-9', true, 'TC-1');
    expect(store.people.login('SV-9', '909090')).toEqual({ ok: false, reason: 'disabled' });
    store.people.setDisabled('SV-9', false, 'TC-2');
    expect(store.people.login('SV-9', '909090').ok).toBe(true);
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
