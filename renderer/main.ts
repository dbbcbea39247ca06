/** The screens' entry: picks `window.kiosk` (Electron preload) or the loopback client, and mounts the desk screen. */
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/700.css';
import './styles.css';
import { mountDeskScreen } from './desk/desk-screen.ts';
import { unlockAudio } from './desk/sound.ts';
import { loopbackKiosk } from './api/loopback-client.ts';
import { listenForWedgeScans } from './input/wedge-listener.ts';

const root = document.getElementById('app')!;
const preload = window.kiosk;
const loopback = preload ? null : loopbackKiosk();
const kiosk = preload ?? loopback!.api;

const desk = mountDeskScreen(root, kiosk);
kiosk.on('scanResult', (r) => desk.showResult(r));
kiosk.on('status', (s) => desk.setStatus(s));
loopback?.onConnection((up) => {
  desk.setConnected(up);
  if (up) void desk.refresh();
// A keyboard-wedge scanner's burst is caught whatever has the focus and whatever keyboard layout is active.
listenForWedgeScans((e) => void desk.scan(e.text, 'wedge', e.overlong === true));
});
void desk.refresh();
// A keyboard-wedge scanner's burst is caught whatever has the focus and whatever keyboard layout is active.
listenForWedgeScans((e) => void desk.scan(e.text, 'wedge', e.overlong === true));
// Audio may only start after a gesture unless the kiosk was launched to allow it; the first key or click unlocks it.
for (const ev of ['keydown', 'pointerdown']) document.addEventListener(ev, unlockAudio, { once: true });
