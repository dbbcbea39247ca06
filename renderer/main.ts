/** The screens' entry: picks `window.kiosk` (Electron preload) or the loopback client, and mounts the desk, supervisor and technician screens. */
import './no-eval.ts';
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/700.css';
import './styles.css';
import { watchSession } from './auth/sign-in.ts';
import { mountDeskScreen } from './desk/desk-screen.ts';
import { unlockAudio } from './desk/sound.ts';
import { loopbackKiosk } from './api/loopback-client.ts';
import { listenForWedgeScans } from './input/wedge-listener.ts';
import { h, inBackground } from './dom.ts';
import { mountSupervisorScreen } from './supervisor/supervisor-screen.ts';
import { mountTechnicianScreen } from './technician/technician-screen.ts';
import { mountSetupIfNeeded } from './setup/setup-screen.ts';

// The verdict's Bangla is drawn large the moment a scan is answered: load both weights now, not at the first verdict.
for (const weight of [400, 700])
  inBackground(document.fonts.load(`${weight} 64px "Noto Sans Bengali"`, 'বৈধ অবৈধ'));

const root = document.getElementById('app')!;
const preload = window.kiosk;
const loopback = preload ? null : loopbackKiosk();
const kiosk = preload ?? loopback!.api;

// One element per screen; one shows at a time.
const deskEl = h('div', { class: 'screen', 'data-screen': 'desk' });
const supervisorEl = h('div', { class: 'screen', 'data-screen': 'supervisor', hidden: '' });
const technicianEl = h('div', { class: 'screen', 'data-screen': 'technician', hidden: '' });
root.replaceChildren(deskEl, supervisorEl, technicianEl);
let onScreen: 'desk' | 'supervisor' | 'technician' = 'desk';
function showScreen(which: 'desk' | 'supervisor' | 'technician'): void {
  // A supervisor or technician leaving their screen signs out of it; the officer's session is the desk's again.
  if (which === 'desk' && onScreen !== 'desk') inBackground(session.leave());
  onScreen = which;
  deskEl.hidden = which !== 'desk';
  supervisorEl.hidden = which !== 'supervisor';
  technicianEl.hidden = which !== 'technician';
  if (which === 'technician') technician.show();
  else technician.hide();
}

const session = watchSession(kiosk);
const supervisor = mountSupervisorScreen(supervisorEl, kiosk, session, () => showScreen('desk'));
const technician = mountTechnicianScreen(technicianEl, kiosk, { session, onBack: () => showScreen('desk') });
const desk = mountDeskScreen(deskEl, kiosk, {
  session,
  onSupervisor: () => {
    showScreen('supervisor');
    inBackground(supervisor.open());
  },
  onTechnician: () => showScreen('technician'),
});
kiosk.on('scanResult', (r) => {
  // A verdict is never hidden behind another screen: any scan brings the desk back.
  showScreen('desk');
  desk.showResult(r);
});
kiosk.on('status', (s) => {
  desk.setStatus(s);
  technician.setStatus(s);
});
kiosk.on('trustSticks', (sticks) => technician.setSticks(sticks));
loopback?.onConnection((up) => {
  desk.setConnected(up);
  if (up) {
    inBackground(desk.refresh());
    inBackground(session.refresh());
  }
});
inBackground(desk.refresh());
inBackground(session.refresh());
// A keyboard-wedge scanner's burst is caught whatever has the focus and whatever keyboard layout is active.
listenForWedgeScans((e) => {
  showScreen('desk');
  inBackground(desk.scan(e.text, 'wedge', e.overlong === true));
});
// Audio may only start after a gesture unless the kiosk was launched to allow it; the first key or click unlocks it.
for (const ev of ['keydown', 'pointerdown']) document.addEventListener(ev, unlockAudio, { once: true });
// First boot: a kiosk given a setup code and not yet set up shows the technician's setup over every screen.
const setup = mountSetupIfNeeded(root, kiosk);
kiosk.on('trustSticks', (sticks) => inBackground(setup.then((s) => s?.setSticks(sticks))));
