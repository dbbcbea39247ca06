/**
 * The technician screen: the trust bundle in force, the trust files on USB sticks (each
 * install previewed, then confirmed by a signed-in technician), scanner diagnostics, sync
 * with resume after an alert, the clock, and the latest audit lines. This file holds the
 * state main last answered and when to ask again; each card renders itself (*-card.ts).
 * Every element shows what main answered; nothing here is decided in the page.
 */
import './technician.css';
import type { KioskApi, KioskStatus } from '../../main/contract/api.ts';
import type { StickInfo } from '../../main/contract/technician.ts';
import { ROLE_WORDS, SIGN_IN_WORDS, TECH_WORDS as T } from '../../main/contract/words.ts';
import { signInForm, type SessionWatch } from '../auth/sign-in.ts';
import { bi, h, inBackground, placeChildren } from '../dom.ts';
import { markers, modeMarkers } from '../mode-markers.ts';
import { renderAudit } from './audit-card.ts';
import { emptyState, fileKey } from './common.ts';
import { renderScanners } from './scanners-card.ts';
import { renderSticks, type SticksActions } from './sticks-card.ts';
import { renderClock, renderSync } from './sync-card.ts';
import { renderTrust } from './trust-card.ts';

const AUDIT_SHOWN = 20;

export interface TechnicianScreen {
  /** Shown: asks main for everything again. */
  show(): void;
  /** Hidden: stops asking. */
  hide(): void;
  setStatus(s: KioskStatus): void;
  setSticks(s: StickInfo[]): void;
}

export function mountTechnicianScreen(
  root: HTMLElement,
  kiosk: KioskApi,
  o: { session: SessionWatch; onBack: () => void },
): TechnicianScreen {
  const st = emptyState();
  let visible = false;
  let refreshing = false;
  let again = false;
  /** Counts stick events: a reply asked for before the latest one is older than it. */
  let sticksSeen = 0;

  const back = h('button', { type: 'button', class: 'top-button', 'data-testid': 'tech-back' }, bi(T.back));
  back.addEventListener('click', () => o.onBack());
  const who = h('div', { class: 'who', 'data-testid': 'tech-session' });
  // Built once, so what is typed survives the re-renders that status events cause.
  const signIn = signInForm(kiosk, o.session, 'tech-sign-in');
  const signOut = h(
    'button',
    { type: 'button', class: 'top-button', 'data-testid': 'tech-sign-out' },
    bi(SIGN_IN_WORDS.signOut),
  );
  signOut.addEventListener('click', () => inBackground(o.session.signOut()));
  const modes = markers();
  const header = h('header', { class: 'top' }, h('h1', {}, bi(T.title)), modes, who, back);
  header.title = `${T.title.bn} / ${T.title.en}`;

  const box = (testid: string, cls = 'tcard') => h('section', { class: cls, 'data-testid': testid });
  const trustBox = box('tech-trust', 'tcard trust');
  const sticksBox = box('tech-sticks');
  const scannersBox = box('tech-scanners');
  const syncBox = box('tech-sync');
  const clockBox = box('tech-clock');
  const auditBox = box('tech-audit', 'tcard wide');
  const note = h('div', { class: 'tech-note', 'data-testid': 'tech-note' }, signIn);
  root.replaceChildren(
    header,
    note,
    h('main', { class: 'tech' }, trustBox, sticksBox, syncBox, clockBox, scannersBox, auditBox),
  );
  o.session.onChange(() => {
    // A preview belongs to the technician who asked for it.
    if (!isTechnician()) st.confirming = null;
    renderAll();
    if (visible) inBackground(refresh());
  });

  const isTechnician = () => o.session.current?.role === 'technician';
  const canReadAudit = () =>
    o.session.current?.role === 'technician' || o.session.current?.role === 'supervisor';

  /** One refresh at a time; a request meanwhile makes one more run after it. */
  async function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        const seenBefore = sticksSeen;
        const [s, t, sticks, d, a] = await Promise.all([
          kiosk.status(),
          kiosk.trustDetails(),
          kiosk.trustSticks(),
          kiosk.diagnostics(),
          canReadAudit() ? kiosk.auditLog({ limit: AUDIT_SHOWN }) : Promise.resolve(null),
        ]);
        if (s.ok) st.status = s.value;
        st.trust = t.ok ? t.value : null;
        st.trustError = t.ok ? null : t.error.code;
        if (sticks.ok && seenBefore === sticksSeen) st.sticks = sticks.value;
        if (d.ok) st.diag = d.value;
        st.audit = a && a.ok ? a.value : null;
        st.auditError = a && !a.ok ? a.error.code : null;
        renderAll();
      } while (again && visible);
    } finally {
      refreshing = false;
    }
  }

  const sticks: SticksActions = {
    canInstall: isTechnician,
    preview(mountPoint, relative) {
      const key = fileKey(mountPoint, relative);
      st.confirming = { key, preview: null, error: null };
      renderSticks(sticksBox, st, sticks);
      inBackground(
        kiosk.previewTrustFromStick({ mountPoint, relative }).then((r) => {
          if (st.confirming?.key !== key) return; // cancelled, or another file asked meanwhile
          st.confirming = r.ok
            ? { key, preview: r.value, error: null }
            : { key, preview: null, error: r.error };
          renderSticks(sticksBox, st, sticks);
        }),
      );
    },
    install(mountPoint, relative) {
      const key = fileKey(mountPoint, relative);
      // The bytes the preview showed: main installs those or nothing (FILE_CHANGED).
      const previewed = st.confirming?.key === key ? (st.confirming.preview?.sha256 ?? null) : null;
      st.confirming = null;
      inBackground(
        kiosk.installTrustFromStick({ mountPoint, relative, previewed }).then(async (r) => {
          st.result = r.ok ? { key, r: r.value } : { key, error: r.error };
          await refresh();
        }),
      );
    },
    cancel() {
      st.confirming = null;
      renderSticks(sticksBox, st, sticks);
    },
  };

  const sync = {
    canResume: isTechnician,
    resume() {
      inBackground(
        kiosk.resumeSync().then(async (r) => {
          st.resumeError = r.ok ? null : r.error;
          await refresh();
        }),
      );
    },
  };

  function renderWho(): void {
    const s = o.session.current;
    // Placed, not replaced: Sign out stays in the page through every redraw (see placeChildren).
    placeChildren(
      who,
      ...(s
        ? [h('span', { class: 'officer' }, `${s.name} (${s.personId})`), bi(ROLE_WORDS[s.role]), signOut]
        : []),
    );
    signIn.hidden = isTechnician();
    note.dataset.technician = String(isTechnician());
    note.querySelector('.need')?.remove();
    if (!isTechnician())
      note.prepend(h('div', { class: 'need', 'data-testid': 'tech-need' }, bi(T.needTechnician)));
  }

  function renderAll(): void {
    modes.replaceChildren(...modeMarkers(st.status));
    renderWho();
    renderTrust(trustBox, st);
    renderSticks(sticksBox, st, sticks);
    renderScanners(scannersBox, st);
    renderSync(syncBox, st, sync);
    renderClock(clockBox, st);
    renderAudit(auditBox, st, canReadAudit());
  }
  renderAll();

  return {
    show() {
      visible = true;
      inBackground(o.session.refresh());
      inBackground(refresh());
    },
    setStatus(s) {
      st.status = s;
      if (visible) inBackground(refresh());
    },
    hide() {
      visible = false;
    },
    setSticks(s) {
      sticksSeen++;
      st.sticks = s;
      if (visible) renderSticks(sticksBox, st, sticks);
    },
  };
}
