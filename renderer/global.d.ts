/** `window.kiosk`: present when the Electron preload exposed it; the loopback client is used otherwise. */
import type { KioskApi } from '../main/contract/api.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}
export {};
