// The shell's IPC under plain Node with a stand-in ipcMain (the Electron Fiddle way): only
// the kiosk frame is answered, arguments go through the contract, every contract method
// has a channel. And the built preload exposes exactly `window.kiosk`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type { IpcMain } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_NAMES, IPC_CALL_CHANNELS, METHOD_NAMES } from '../../main/contract/api.ts';
import { createKioskService } from '../../main/app/service.ts';
import { forwardEvents, setupIpc } from '../../main/shell/ipc.ts';
import { buildShell } from '../../tools/app-build.ts';

vi.mock('electron', () => ({}));

type Handler = (e: unknown, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (ch: string, h: Handler) => void handlers.set(ch, h),
    removeHandler: (ch: string) => void handlers.delete(ch),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
  return Object.assign(ipc, { handlers });
}

const service = () =>
  createKioskService({
    trust: null,
    trustProblem: { code: 'NO_TRUST_BUNDLE', message: 'none' },
    roots: 'pinned',
    mode: 'production',
    log: null,
    officer: 'T1',
    clock: () => 0,
  });

describe('shell IPC', () => {
  const ours = { id: 'kiosk-frame' };

  it('has one channel per contract method and removes them all', () => {
    const ipc = fakeIpcMain();
    const kioskIpc = setupIpc(ipc, (e) => e === (ours as never), service());
    expect([...ipc.handlers.keys()].sort()).toEqual([...IPC_CALL_CHANNELS].sort());
    kioskIpc.remove();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers the kiosk frame, refuses any other sender without running anything', () => {
    const ipc = fakeIpcMain();
    const s = service();
    const status = vi.spyOn(s, 'status');
    setupIpc(ipc, (e) => e === (ours as never), s);
    const h = ipc.handlers.get(CHANNELS.ipcCall('status'))!;
    expect(h({ id: 'some-other-frame' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'not the kiosk window' },
    });
    expect(status).not.toHaveBeenCalled();
    expect(h(ours)).toMatchObject({ ok: true, value: { roots: 'pinned' } });
  });

  it('checks arguments through the contract', () => {
    const ipc = fakeIpcMain();
    setupIpc(ipc, () => true, service());
    const scan = ipc.handlers.get(CHANNELS.ipcCall('scan'))!;
    expect(scan(ours, { text: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    expect(scan(ours)).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    expect(scan(ours, { text: 'x', source: 'manual' })).toMatchObject({
      ok: true,
      value: { verdict: { reasons: [{ code: 'NO_TRUST' }] } },
    });
  });

  it('forwards every service event on its channel', () => {
    const s = service();
    const sent: string[] = [];
    const stop = forwardEvents(s, (ch) => sent.push(ch));
    s.scan('x', 'manual'); // NO_TRUST is a verdict too: its result goes to the screens
    expect(sent).toEqual([CHANNELS.ipcEvent('scanResult')]);
    stop();
  });
});

describe('built preload', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-build-'));
  beforeAll(async () => {
    await buildShell(out);
  }, 120_000);

  it('is one CommonJS file that requires only electron, and exposes exactly window.kiosk', async () => {
    const code = fs.readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);

    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const listeners = new Map<string, (...a: unknown[]) => void>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api),
      },
      ipcRenderer: {
        invoke: async (...a: unknown[]) => {
          invoked.push(a);
          return { ok: true, value: 'pong' };
        },
        on: (ch: string, l: (...a: unknown[]) => void) => listeners.set(ch, l),
        removeListener: (ch: string) => listeners.delete(ch),
      },
    };
    const module = { exports: {} };
    vm.runInNewContext(code, {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(id);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect([...exposed.keys()]).toEqual(['kiosk']);
    const api = exposed.get('kiosk')!;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());

    expect(await (api.scan as (a: unknown) => Promise<unknown>)({ text: 'x', source: 'manual' })).toEqual({
      ok: true,
      value: 'pong',
    });
    expect(invoked).toEqual([[CHANNELS.ipcCall('scan'), { text: 'x', source: 'manual' }]]);

    const got: unknown[] = [];
    const off = (api.on as (e: string, l: (p: unknown) => void) => () => void)(EVENT_NAMES[0], (p) =>
      got.push(p),
    );
    listeners.get(CHANNELS.ipcEvent(EVENT_NAMES[0]))!({}, { hello: 1 });
    expect(got).toEqual([{ hello: 1 }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => (api.on as (e: string, l: () => void) => void)('not-an-event', () => {})).toThrow();
  });
});
