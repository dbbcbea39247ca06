/**
 * The sandboxed preload: exposes exactly `window.kiosk` (the contract's methods and `on`)
 * through contextBridge, each method a plain invoke on its own channel. Nothing else of
 * Electron or Node reaches the page. Bundled to one CommonJS file (dist/shell/preload.cjs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, buildKioskApi, CHANNELS, type Reply } from '../contract/api.ts';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  buildKioskApi({
    invoke: (m, args) => ipcRenderer.invoke(CHANNELS.ipcCall(m), ...args) as Promise<Reply<unknown>>,
    subscribe(e, listener) {
      const channel = CHANNELS.ipcEvent(e);
      const handler = (_ev: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => void ipcRenderer.removeListener(channel, handler);
    },
  }),
);
