/**
 * `cameraPanel`: the desk's camera fallback for the day no scanner works. A button starts
 * the camera with a preview to aim the card by; the first card read goes to the desk's
 * scan (the same call as every other input) and the camera stops. It also stops on its
 * button, after `timeoutMs` with nothing read, and when the desk is left (another screen,
 * the window hidden), so the camera is never on while nobody is scanning with it.
 */
import { BRIDGE_ERROR_WORDS, CAMERA_WORDS as C, type Words } from '../../main/contract/words.ts';
import { bi, h, inBackground } from '../dom.ts';
import { CameraStartError, startCameraScanner, type CameraScanner } from '../input/camera-scanner.ts';
import type { BarcodeFormat } from '../../decode/barcode.ts';

/**
 * What the desk's camera looks for: the clearance card's QR, and the worker's boarding pass
 * (PDF417 on paper, Aztec or QR on a phone), which goes through the same scan as a scanner's.
 */
export const DESK_CAMERA_FORMATS: readonly BarcodeFormat[] = ['qr', 'pdf417', 'aztec'];
import './camera.css';

/** Long enough to find a card and hold it up; short enough that a forgotten camera goes off. */
const TIMEOUT_MS = 60_000;

export interface CameraPanel {
  readonly el: HTMLElement;
  /** Turns the camera off (nothing happens when it is off). */
  stop(): void;
}

export interface CameraPanelOptions {
  /** The screen the panel is on: when it is hidden the camera stops. */
  screen: HTMLElement;
  /** A card read: the desk's scan. */
  onText: (text: string) => void;
  timeoutMs?: number;
}

type Phase = 'off' | 'starting' | 'on';

export function cameraPanel(o: CameraPanelOptions): CameraPanel {
  const video = h('video', { class: 'camera-video', 'data-testid': 'camera-video', 'aria-hidden': 'true' });
  const note = h('p', { class: 'camera-note', 'data-testid': 'camera-note', role: 'status' });
  const startButton = h(
    'button',
    { type: 'button', class: 'camera-start', 'data-testid': 'camera-start' },
    bi(C.use),
  );
  const stopButton = h(
    'button',
    { type: 'button', class: 'camera-stop', 'data-testid': 'camera-stop' },
    bi(C.stop),
  );
  const el = h(
    'section',
    { class: 'camera', 'data-testid': 'camera-panel', 'data-camera': 'off' },
    h('div', { class: 'camera-label' }, bi(C.whenNoScanner)),
    startButton,
    video,
    stopButton,
    note,
  );

  let phase: Phase = 'off';
  let scanner: CameraScanner | null = null;
  /** Each start gets a number: a start that resolves after its stop (or a later start) is turned off at once. */
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(p: Phase, words: Words | null, code?: string): void {
    phase = p;
    el.dataset.camera = p;
    if (code) note.dataset.code = code;
    else delete note.dataset.code;
    note.replaceChildren(words ? bi(words) : '');
    startButton.hidden = p !== 'off';
    stopButton.hidden = p === 'off';
    video.hidden = p !== 'on';
  }

  function stop(words: Words | null = null, code?: string): void {
    attempt++;
    clearTimeout(timer);
    scanner?.stop();
    scanner = null;
    show('off', words, code);
  }

  async function start(): Promise<void> {
    if (phase !== 'off') return;
    const mine = ++attempt;
    show('starting', C.starting);
    let s: CameraScanner;
    try {
      s = await startCameraScanner({
        video,
        formats: DESK_CAMERA_FORMATS,
        onScan: (e) => {
          if (mine !== attempt) return;
          stop(); // one card per start: the camera goes off before the verdict comes
          o.onText(e.text);
        },
        // A camera that stops by itself (unplugged) says so and is turned off here too.
        onError: (e) => {
          if (mine === attempt && phase === 'on') stop(BRIDGE_ERROR_WORDS[e.code], e.code);
        },
      });
    } catch (err) {
      if (mine !== attempt) return;
      const code = err instanceof CameraStartError ? err.code : 'CAMERA_UNAVAILABLE';
      stop(BRIDGE_ERROR_WORDS[code], code);
      return;
    }
    if (mine !== attempt) {
      s.stop(); // stopped (or left) while the camera was starting
      return;
    }
    scanner = s;
    show('on', C.aim);
    timer = setTimeout(() => stop(C.timedOut, 'CAMERA_TIMEOUT'), o.timeoutMs ?? TIMEOUT_MS);
  }

  startButton.addEventListener('click', () => inBackground(start()));
  stopButton.addEventListener('click', () => stop());

  // Leaving the desk: the screens are shown and hidden with the `hidden` attribute.
  const leftDesk = () => phase !== 'off' && (!!o.screen.closest('[hidden]') || document.hidden);
  new MutationObserver(() => {
    if (leftDesk()) stop();
  }).observe(document.body, { attributes: true, attributeFilter: ['hidden'], subtree: true });
  document.addEventListener('visibilitychange', () => {
    if (leftDesk()) stop();
  });
  window.addEventListener('pagehide', () => stop());

  show('off', null);
  return { el, stop: () => stop() };
}
