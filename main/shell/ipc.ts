/**
 * The shell's IPC: one handler per contract method, answering only the kiosk window's own
 * main frame (any other sender gets FORBIDDEN and nothing runs), with the arguments
 * checked by the contract in `callKiosk`; and the service's events sent to the window.
 * Each window's session id is kept here, by its webContents id: it never reaches the page.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, METHOD_NAMES, type Reply } from '../contract/api.ts';
import { callKiosk } from '../app/dispatch.ts';
import type { KioskService } from '../app/service.ts';

const FORBIDDEN: Reply<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'not the kiosk window' } };

export interface KioskIpc {
  /** Removes the handlers. */
  remove(): void;
  /**
   * The window (by its webContents id) loaded its page again (a reload, a crashed page restored):
   * a supervisor's or technician's session there ends, the officer's beneath is the window's again.
   */
  pageLoaded(windowId: number | string): void;
}

/** Registers the handlers. */
export function setupIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  isKioskFrame: (e: IpcMainInvokeEvent) => boolean,
  service: KioskService,
): KioskIpc {
  const sessions = new Map<string, string>();
  for (const m of METHOD_NAMES) {
    ipcMain.handle(CHANNELS.ipcCall(m), (e, ...args: unknown[]) => {
      if (!isKioskFrame(e)) return FORBIDDEN;
      const window = String((e as Partial<IpcMainInvokeEvent>).sender?.id ?? 'window');
      return callKiosk(service, m, args, {
        transport: `ipc:${window}`,
        sessionId: sessions.get(window) ?? null,
        setSession: (id) => void (id ? sessions.set(window, id) : sessions.delete(window)),
      });
    });
  }
  return {
    remove() {
      for (const m of METHOD_NAMES) ipcMain.removeHandler(CHANNELS.ipcCall(m));
    },
    pageLoaded(windowId) {
      const window = String(windowId);
      const id = sessions.get(window);
      if (!id) return;
      const keep = service.staff.pageLoaded(id, `ipc:${window}`);
      if (keep) sessions.set(window, keep.id);
      else sessions.delete(window);
    },
  };
}

/** Sends every service event to the window while it lives; returns the unsubscriber. */
export function forwardEvents(
  service: KioskService,
  send: (channel: string, payload: unknown) => void,
): () => void {
  return service.subscribe((event, payload) => send(CHANNELS.ipcEvent(event), payload));
}
