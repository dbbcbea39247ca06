// Sessions over the shell's IPC with a stand-in ipcMain: each window's session id is kept in
// main by its webContents id and never handed to the page; another window gets nothing from it.
import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Reply } from '../../main/contract/api.ts';
import { createKioskService } from '../../main/app/service.ts';
import { createStaff } from '../../main/app/staff.ts';
import { openStore } from '../../main/core/store/store.ts';
import { setupIpc } from '../../main/shell/ipc.ts';
import { tempDataDir } from '../helpers/store.ts';

vi.mock('electron', () => ({}));

type Handler = (e: unknown, ...args: unknown[]) => Reply<unknown>;

describe('shell IPC sessions', () => {
  it("keeps each window's session in main, apart from every other window's", async () => {
    const store = openStore({ dataDir: tempDataDir('ipc-session') });
    store.people.add({ id: 'SV-1', name: 'Sup', role: 'supervisor', pin: '654321' }, 'test');
    const service = createKioskService({
      trust: null,
      trustProblem: { code: 'NO_TRUST_BUNDLE', message: 'none' },
      roots: 'pinned',
      mode: 'production',
      log: store,
      officer: 'UNSIGNED',
      clock: () => Date.parse('2026-11-22T06:00:00Z'),
      staff: createStaff({ store, clock: () => Date.parse('2026-11-22T06:00:00Z') }),
    });
    const handlers = new Map<string, Handler>();
    const ipc = {
      handle: (ch: string, h: Handler) => void handlers.set(ch, h),
      removeHandler: (ch: string) => void handlers.delete(ch),
    };
    const kioskIpc = setupIpc(
      ipc as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
      () => true,
      service,
    );
    const call = (m: string, sender: number, ...args: unknown[]) =>
      handlers.get(CHANNELS.ipcCall(m as never))!({ sender: { id: sender } }, ...args);

    const login = await call('login', 1, { id: 'SV-1', pin: '654321' });
    expect(login).toMatchObject({ ok: true, value: { signedIn: true } });
    expect(JSON.stringify(login)).not.toMatch(/[A-Za-z0-9_-]{43}/); // no session id reaches the page
    expect(call('session', 1)).toMatchObject({ ok: true, value: { personId: 'SV-1' } });
    expect(call('dailyReport', 1, { date: '2026-11-22' })).toMatchObject({ ok: true, value: { total: 0 } });
    expect(call('session', 2)).toEqual({ ok: true, value: null });
    expect(call('dailyReport', 2, { date: '2026-11-22' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    call('logout', 1);
    expect(call('dailyReport', 1, { date: '2026-11-22' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });

    // The window's page loaded again (a reload, a crash recovered): the supervisor's session there ends
    // in main, and the other window's is left alone.
    await call('login', 1, { id: 'SV-1', pin: '654321' });
    await call('login', 2, { id: 'SV-1', pin: '654321' });
    kioskIpc.pageLoaded(1);
    expect(call('session', 1)).toEqual({ ok: true, value: null });
    expect(call('dailyReport', 1, { date: '2026-11-22' })).toMatchObject({ ok: false });
    expect(call('session', 2)).toMatchObject({ ok: true, value: { personId: 'SV-1' } });
    expect(store.audit.latest(5).map((e) => [e.action, e.detail])).toContainEqual([
      'logout',
      expect.objectContaining({ reason: 'reloaded', role: 'supervisor' }),
    ]);
    service.close();
    store.close();
  });
});
