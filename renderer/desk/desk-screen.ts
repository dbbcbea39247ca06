/**
 * The desk screen, put together from its parts: the header (officer or sign-in), alerts,
 * the verdict panel with a free slot beside it (for a further check on the same worker),
 * recent scans with the manual entry under them, and the status strip. It sends scans to
 * the core, shows each result once, plays its tone, and clears to "ready for the next
 * card" after the kiosk's desk time (a boarding pass not read with no card paired too).
 */
import {
  isTripResult,
  type ApiError,
  type DeskResult,
  type KioskApi,
  type KioskStatus,
  type RecentScan,
  type ScanResult,
  type TripResult,
} from '../../main/contract/api.ts';
import { h, handled, inBackground } from '../dom.ts';
import { deskOfficerOf, type SessionWatch } from '../auth/sign-in.ts';
import { afterPaint } from './after-paint.ts';
import { autoClear } from './auto-clear.ts';
import { deskAlerts } from './desk-alerts.ts';
import { deskHeader } from './desk-header.ts';
import { cameraPanel } from './camera-panel.ts';
import { manualEntry } from './manual-entry.ts';
import { recentList } from './recent-list.ts';
import { statusStrip } from './status-strip.ts';
import { seenOnce } from './seen-once.ts';
import { playTone } from './sound.ts';
import { tripPanel, tripState, type TripState } from './trip-panel.ts';
import { verdictPanel, type PanelState } from './verdict-panel.ts';
import './desk.css';

const RECENT_SHOWN = 8;
/** Results remembered to show each once (seen-once.ts). */
const SHOWN_KEPT = 64;

export interface DeskScreen {
  /** Sends a scan the page read to the core and shows the answer. */
  scan(text: string, source: 'wedge' | 'camera' | 'manual', overlong?: boolean): Promise<void>;
  /** Shows a result that arrived by event or reply (a card's verdict, or a pass's trip check); each id only once. */
  showResult(r: DeskResult): void;
  setStatus(s: KioskStatus): void;
  setConnected(up: boolean): void;
  refresh(): Promise<void>;
  /** A place beside the verdict for another panel about the same worker (hidden while empty). */
  readonly beside: HTMLElement;
  /** Called with each result the desk shows (fresh or shown again), and null when it clears. */
  onShown(listener: (r: ScanResult | null) => void): void;
  /** What the verdict panel shows now. */
  readonly state: PanelState;
}

export interface DeskOptions {
  /** Who is signed in at this screen; without it the desk shows no sign-in. */
  session?: SessionWatch;
  /** Opens the supervisor screen (main decides whether it shows anything). */
  onSupervisor?: () => void;
  /** Opens the technician screen (trust, sticks, scanners, sync, clock, audit). */
  onTechnician?: () => void;
}

export function mountDeskScreen(root: HTMLElement, kiosk: KioskApi, opts: DeskOptions = {}): DeskScreen {
  let status: KioskStatus | null = null;
  let connected = true;
  const shown = seenOnce(SHOWN_KEPT);
  const shownListeners = new Set<(r: ScanResult | null) => void>();

  const header = deskHeader(kiosk, opts);
  const alerts = deskAlerts();
  const verdict = verdictPanel();
  const beside = h('div', { class: 'beside', 'data-testid': 'verdict-beside' });
  const trip = tripPanel();
  const recent = recentList(handled(showAgain));
  const strip = statusStrip();
  const manual = manualEntry(root, (text) => inBackground(scan(text, 'manual')));
  const camera = cameraPanel({ screen: root, onText: (text) => inBackground(scan(text, 'camera')) });
  const clear = autoClear(
    () => status?.deskClearSeconds,
    () => {
      verdict.ready();
      showTrip(null);
      for (const l of shownListeners) l(null);
    },
  );

  root.replaceChildren(
    header.el,
    alerts.el,
    h(
      'main',
      { class: 'desk' },
      h('div', { class: 'verdict-row' }, verdict.el, beside),
      h('div', { class: 'side' }, recent.el, manual.el, camera.el),
    ),
    strip.el,
  );
  manual.input.focus();

  async function scan(text: string, source: 'wedge' | 'camera' | 'manual', overlong = false): Promise<void> {
    clear.cancel();
    verdict.checking();
    const reply = await kiosk.scan({ text, source, ...(overlong ? { overlong } : {}) });
    if (reply.ok) showResult(reply.value);
    else showError(reply.error);
    manual.keepFocus();
  }

  function showError(e: ApiError): void {
    verdict.error(e);
    playTone('invalid');
    clear.arm();
  }

  /** The trip panel beside the verdict: shown for a pass, taken away for the next card. */
  function showTrip(r: TripResult | null): TripState | null {
    if (!r) {
      trip.clear();
      beside.replaceChildren();
      return null;
    }
    const state = trip.show(r);
    beside.replaceChildren(trip.el);
    return state;
  }

  /** A boarding pass: its trip check beside the clearance it was checked against (shown again, quietly). */
  function displayTrip(r: TripResult): void {
    if (r.clearance) verdict.show(r.clearance, false);
    // No card paired: "ready for the next card" would read as if the failed pass scan had done nothing.
    else if (tripState(r) === 'unread') verdict.passNotRead();
    else verdict.ready();
    const state = showTrip(r)!;
    const tone =
      state === 'match'
        ? 'valid'
        : state === 'mismatch'
          ? 'invalid'
          : state === 'unread'
            ? 'unreadable'
            : 'warning';
    verdict.el.dataset.tone = `${tone}:${playTone(tone)}`;
    clear.arm();
  }

  function display(r: ScanResult, again: boolean): void {
    showTrip(null);
    const s = verdict.show(r, again);
    // A kiosk that cannot check sounds the warning's call for attention, not a bad card's buzz.
    const tone = s === 'cannot-check' ? 'warning' : s;
    if (!again) verdict.el.dataset.tone = `${tone}:${playTone(tone)}`;
    clear.arm();
    for (const l of shownListeners) l(r);
  }

  function showResult(r: DeskResult): void {
    if (!shown.first(r.id)) return;
    if (isTripResult(r)) return displayTrip(r);
    display(r, false);
    // The list can wait a frame: its fetch and redraw must not hold up the verdict's paint.
    afterPaint(() => inBackground(loadRecent()));
  }

  /** A recent scan tapped: its verdict again, marked as an earlier one, without its tone. */
  async function showAgain(id: string): Promise<void> {
    const r = await kiosk.recentResult({ id });
    if (r.ok) display(r.value, true);
    manual.keepFocus();
  }

  let recentItems: RecentScan[] = [];
  async function loadRecent(): Promise<void> {
    const r = await kiosk.recentScans({ limit: RECENT_SHOWN });
    if (r.ok) {
      recentItems = r.value;
      recent.render(recentItems);
    }
  }

  const officerMissing = () => !!opts.session && !deskOfficerOf(opts.session.current);
  function renderAll(): void {
    header.renderMarkers(status);
    header.renderSession(status);
    alerts.render(status, connected, officerMissing());
    strip.render(status, connected);
  }
  verdict.ready();
  recent.render(recentItems);
  renderAll();
  opts.session?.onChange(() => {
    header.renderSession(status);
    alerts.render(status, connected, officerMissing());
    manual.keepFocus();
  });

  async function refresh(): Promise<void> {
    const s = await kiosk.status();
    if (s.ok) status = s.value;
    await loadRecent();
    renderAll();
  }

  return {
    scan,
    showResult,
    setStatus(s) {
      status = s;
      renderAll();
    },
    setConnected(up) {
      connected = up;
      renderAll();
    },
    refresh,
    beside,
    onShown: (l) => void shownListeners.add(l),
    get state() {
      return verdict.state;
    },
  };
}
