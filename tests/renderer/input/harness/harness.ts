// Test page for the renderer's input modules: wedge scans and camera scans land in window.__bridge.
import type { BridgeErrorEvent, ScanEvent } from '../../../../main/contract/bridge-events.ts';
import { cameraPanel } from '../../../../renderer/desk/camera-panel.ts';
import { startCameraScanner } from '../../../../renderer/input/camera-scanner.ts';
import { listenForWedgeScans } from '../../../../renderer/input/wedge-listener.ts';

const scans: ScanEvent[] = [];
const errors: BridgeErrorEvent[] = [];
const keys: { code: string; key: string; timeStamp: number }[] = [];
window.addEventListener('keydown', (e) => keys.push({ code: e.code, key: e.key, timeStamp: e.timeStamp }), {
  capture: true,
});
// A card's burst is not ended by silence here: the tests set each key's gap by its timestamp, but
// on a loaded machine CDP can hold a key back for more than the 1.5 s of real time after which
// the desk takes a stopped burst as cut (one card became two scans once, at load 6 on 2 cores).
// Ending a burst by silence is the decoder's, tested on its own clock in wedge-decoder.test.ts.
listenForWedgeScans(
  (e) => {
    scans.push(e);
    document.getElementById('log')!.textContent += e.text + '\n';
  },
  { cardSilenceMs: 10 * 60_000 },
);

async function startCamera(): Promise<void> {
  const video = document.createElement('video');
  document.body.append(video);
  await startCameraScanner({
    video,
    onScan: (e) => scans.push(e),
    onError: (e) => errors.push(e),
    intervalMs: 50,
  });
}

/** Mounts the desk's camera panel in its own screen element (hide it with `hidden` to leave). */
function mountCameraPanel(timeoutMs: number): void {
  const screen = document.createElement('div');
  screen.id = 'camera-screen';
  document.body.append(screen);
  const texts: string[] = [];
  const panel = cameraPanel({ screen, onText: (t) => texts.push(t), timeoutMs });
  screen.append(panel.el);
  Object.assign(window, { __panelTexts: texts });
}

Object.assign(window, { __bridge: { scans, errors, keys, startCamera, mountCameraPanel } });
