// Test page for the renderer's input modules: wedge scans and camera-frame decodes land in window.__bridge.
import type { ScanEvent } from '../../../../main/contract/bridge-events.ts';
import { listenForWedgeScans } from '../../../../renderer/input/wedge-listener.ts';

const scans: ScanEvent[] = [];
const keys: { code: string; key: string; timeStamp: number }[] = [];
window.addEventListener('keydown', (e) => keys.push({ code: e.code, key: e.key, timeStamp: e.timeStamp }), { capture: true });
listenForWedgeScans((e) => {
  scans.push(e);
  document.getElementById('log')!.textContent += e.text + '\n';
});
Object.assign(window, { __bridge: { scans, keys } });
