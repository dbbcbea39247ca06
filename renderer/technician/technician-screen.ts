/**
 * The technician screen: the trust bundle in force (version, dates, kids), the trust files
 * on USB sticks with an install a signed-in technician confirms (and the refusal code and
 * words when the kiosk refuses it), scanner diagnostics (ports with ids, last raw bytes,
 * counts), sync state with resume after an alert, the clock skew, and the latest audit
 * lines. Every element shows what main answered; nothing here is decided in the page.
 */
import './technician.css';
import type { KioskApi, KioskStatus } from '../../main/contract/api.ts';
import type { SyncStatus } from '../../main/contract/sync.ts';
import type {
  AuditLine,
  DiagnosticsReport,
  StickInfo,
  TrustDetails,
  TrustInstallResult,
} from '../../main/contract/technician.ts';
import {
  API_ERROR_WORDS,
  BRIDGE_ERROR_WORDS,
  BUNDLE_WORDS,
  ROLE_WORDS,
  SIGN_IN_WORDS,
  SYNC_WORDS,
  TECH_WORDS as T,
  wordsForCode,
  type Words,
} from '../../main/contract/words.ts';
import { signInForm, type SessionWatch } from '../auth/sign-in.ts';
import { bi, h, labelled, num, when } from '../dom.ts';

const AUDIT_SHOWN = 20;

export interface TechnicianScreen {
  /** Shown: asks main for everything again. */
  show(): void;
  /** Hidden: stops asking. */
  hide(): void;
  setStatus(s: KioskStatus): void;
  setSticks(s: StickInfo[]): void;
}

interface State {
  status: KioskStatus | null;
  trust: TrustDetails | null;
  trustError: string | null;
  sticks: StickInfo[];
  diag: DiagnosticsReport | null;
  audit: AuditLine[] | null;
  auditError: string | null;
  /** The last install answer, per file (mountPoint + relative). */
  result:
    { key: string; r: TrustInstallResult } | { key: string; error: { code: string; message: string } } | null;
  /** The file whose install waits for the technician's confirmation. */
  confirming: string | null;
  resumeError: { code: string; message: string } | null;
}

const words = (text: string): Words => ({ bn: text, en: text });
const fileKey = (mountPoint: string, relative: string) => `${mountPoint}\u0000${relative}`;
/** Whole seconds, server clock minus kiosk clock (never "-0"). */
const seconds = (ms: number) => Math.round(ms / 1000) || 0;

export function mountTechnicianScreen(
  root: HTMLElement,
  kiosk: KioskApi,
  o: { session: SessionWatch; onBack: () => void },
): TechnicianScreen {
  const st: State = {
    status: null,
    trust: null,
    trustError: null,
    sticks: [],
    diag: null,
    audit: null,
    auditError: null,
    result: null,
    confirming: null,
    resumeError: null,
  };
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
  signOut.addEventListener('click', () => void o.session.signOut());
  const header = h('header', { class: 'top' }, h('h1', {}, bi(T.title)), who, back);
  header.title = `${T.title.bn} / ${T.title.en}`;

  const trustBox = h('section', { class: 'tcard', 'data-testid': 'tech-trust' });
  const sticksBox = h('section', { class: 'tcard', 'data-testid': 'tech-sticks' });
  const scannersBox = h('section', { class: 'tcard', 'data-testid': 'tech-scanners' });
  const syncBox = h('section', { class: 'tcard', 'data-testid': 'tech-sync' });
  const clockBox = h('section', { class: 'tcard', 'data-testid': 'tech-clock' });
  const auditBox = h('section', { class: 'tcard wide', 'data-testid': 'tech-audit' });
  root.replaceChildren(
    header,
    h('div', { class: 'tech-note', 'data-testid': 'tech-note' }),
    h('main', { class: 'tech' }, trustBox, sticksBox, syncBox, clockBox, scannersBox, auditBox),
  );
  root.querySelector<HTMLElement>('.tech-note')!.append(signIn);
  o.session.onChange(() => {
    renderAll();
    if (visible) void refresh();
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

  async function install(mountPoint: string, relative: string): Promise<void> {
    const key = fileKey(mountPoint, relative);
    st.confirming = null;
    const r = await kiosk.installTrustFromStick({ mountPoint, relative });
    st.result = r.ok ? { key, r: r.value } : { key, error: r.error };
    await refresh();
  }

  async function resume(): Promise<void> {
    const r = await kiosk.resumeSync();
    st.resumeError = r.ok ? null : r.error;
    await refresh();
  }

  function renderWho(): void {
    const s = o.session.current;
    who.replaceChildren(
      ...(s
        ? [h('span', { class: 'officer' }, `${s.name} (${s.personId})`), bi(ROLE_WORDS[s.role]), signOut]
        : []),
    );
    signIn.hidden = isTechnician();
    const note = root.querySelector<HTMLElement>('.tech-note')!;
    note.dataset.technician = String(isTechnician());
    note.querySelector('.need')?.remove();
    if (!isTechnician())
      note.prepend(h('div', { class: 'need', 'data-testid': 'tech-need' }, bi(T.needTechnician)));
  }

  function row(label: Words, value: Node | string, testid?: string): HTMLElement[] {
    return [
      h('dt', {}, label.bn === label.en ? label.en : bi(label)),
      h('dd', testid ? { 'data-testid': testid } : {}, value),
    ];
  }

  function renderTrust(): void {
    const t = st.trust;
    if (!t) {
      const code = st.status?.trustProblem?.code ?? st.trustError ?? 'NO_TRUST';
      trustBox.replaceChildren(
        h('h2', {}, bi(T.trustInForce)),
        h(
          'div',
          { class: 'tbad', 'data-code': code },
          bi(wordsForCode(code) ?? API_ERROR_WORDS.NO_TRUST),
          h('span', { class: 'code' }, code),
        ),
      );
      return;
    }
    const expired = st.status?.trust?.expired === true;
    trustBox.replaceChildren(
      h('h2', {}, bi(T.trustInForce)),
      h(
        'dl',
        {},
        ...row(
          { bn: 'সংস্করণ', en: 'Version' },
          h('strong', { 'data-testid': 'tech-trust-version' }, String(t.version)),
        ),
        ...row(T.issued, bi(when(t.issuedAt))),
        ...row(
          T.expires,
          h(
            'span',
            { class: expired ? 'tbad' : '' },
            bi(when(t.expiresAt)),
            expired ? h('span', { class: 'code' }, 'TRUST_BUNDLE_EXPIRED') : '',
          ),
        ),
        ...row({ bn: 'SHA-256', en: 'SHA-256' }, h('span', { class: 'mono' }, t.sha256.slice(0, 16) + '…')),
        ...(t.installed
          ? row(
              T.installedBy,
              bi({
                bn: `${t.installed.actor} · ${when(t.installed.at).bn}`,
                en: `${t.installed.actor} · ${when(t.installed.at).en}`,
              }),
              'tech-trust-installed',
            )
          : row(T.installedBy, bi(t.source === 'file' ? T.fromFile : T.none))),
        ...row(T.revokedCounts, `${t.revokedKids} / ${t.revokedClearances} · ${t.rules}`),
      ),
      h(
        'table',
        { class: 'ttable', 'data-testid': 'tech-kids' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, bi(T.keys)),
            h('th', {}, bi(T.keyStatus)),
            h('th', {}, bi(T.validFrom)),
            h('th', {}, bi(T.validUntil)),
            h('th', {}, bi(T.label)),
          ),
        ),
        h(
          'tbody',
          {},
          ...t.keys.map((k) =>
            h(
              'tr',
              { class: `key-${k.status}` },
              h('td', { class: 'mono' }, k.kid),
              h('td', {}, k.status),
              h('td', {}, when(k.nbf, 'date').en),
              h('td', {}, when(k.exp, 'date').en),
              h('td', {}, k.label ?? ''),
            ),
          ),
        ),
      ),
    );
  }

  function resultView(key: string): HTMLElement | null {
    const res = st.result;
    if (!res || res.key !== key) return null;
    if ('error' in res) {
      return h(
        'div',
        {
          class: 'tresult bad',
          'data-testid': 'install-result',
          'data-outcome': 'error',
          'data-code': res.error.code,
        },
        bi(wordsForCode(res.error.code) ?? words(res.error.code)),
        h('span', { class: 'code' }, res.error.code),
        h('div', { class: 'why' }, res.error.message),
      );
    }
    const r = res.r;
    if (r.outcome === 'refused') {
      return h(
        'div',
        {
          class: 'tresult bad',
          'data-testid': 'install-result',
          'data-outcome': 'refused',
          'data-code': r.code ?? '',
        },
        h('strong', {}, bi(T.refused)),
        r.code ? bi(BUNDLE_WORDS[r.code]) : '',
        h('span', { class: 'code' }, r.code ?? ''),
        r.why ? h('div', { class: 'why' }, r.why) : '',
      );
    }
    const msg = r.outcome === 'noop' ? T.noop : r.inForce ? T.installed : T.installedNotInForce;
    return h(
      'div',
      {
        class: 'tresult good',
        'data-testid': 'install-result',
        'data-outcome': r.outcome,
        'data-version': String(r.version ?? ''),
      },
      bi(msg),
      h('span', { class: 'code' }, `v${r.previousVersion ?? '–'} → v${r.version}`),
    );
  }

  function renderSticks(): void {
    const items = st.sticks.map((s) =>
      h(
        'div',
        { class: 'stick', 'data-mount': s.mountPoint },
        h(
          'div',
          { class: 'stick-head' },
          h('strong', { class: 'mono' }, s.mountPoint),
          ' ',
          h('span', { class: 'mono muted' }, s.device),
        ),
        s.files.length
          ? h(
              'ul',
              { class: 'files' },
              ...s.files.map((f) => {
                const key = fileKey(s.mountPoint, f.relative);
                const btn = h(
                  'button',
                  { type: 'button', class: 'act', 'data-testid': 'install', 'data-relative': f.relative },
                  bi(T.install),
                );
                btn.toggleAttribute('disabled', !isTechnician());
                btn.addEventListener('click', () => {
                  st.confirming = key;
                  renderSticks();
                });
                const confirm = h(
                  'button',
                  { type: 'button', class: 'act go', 'data-testid': 'confirm-install' },
                  bi(T.confirmInstall),
                );
                confirm.addEventListener('click', () => void install(s.mountPoint, f.relative));
                const cancel = h(
                  'button',
                  { type: 'button', class: 'act', 'data-testid': 'cancel-install' },
                  bi(T.cancel),
                );
                cancel.addEventListener('click', () => {
                  st.confirming = null;
                  renderSticks();
                });
                return h(
                  'li',
                  { 'data-relative': f.relative, 'data-testid': 'candidate' },
                  h('span', { class: 'mono' }, f.relative),
                  ' ',
                  h('span', { class: 'muted' }, `${num(f.size).en} B`),
                  ' ',
                  st.confirming === key && isTechnician()
                    ? h('span', { class: 'confirm' }, confirm, cancel)
                    : btn,
                  resultView(key) ?? '',
                );
              }),
            )
          : h('p', { class: 'muted' }, bi(T.noFilesOnStick)),
        s.skipped.length
          ? h(
              'div',
              { class: 'skipped' },
              bi(T.skipped),
              ' ',
              ...s.skipped.map((k) => h('span', { class: 'mono' }, `${k.relative} (${k.why}) `)),
            )
          : '',
      ),
    );
    sticksBox.replaceChildren(
      h('h2', {}, bi(T.sticks)),
      ...(items.length ? items : [h('p', { class: 'muted', 'data-testid': 'no-sticks' }, bi(T.noSticks))]),
    );
  }

  function renderScanners(): void {
    const d = st.diag;
    const scanners = d?.scanners ?? [];
    scannersBox.replaceChildren(
      h('h2', {}, bi(T.scanners)),
      ...(scanners.length
        ? scanners.map((s) =>
            h(
              'div',
              {
                class: `scanner ${s.connected ? '' : 'bad'}`,
                'data-testid': 'tech-scanner',
                'data-connected': String(s.connected),
              },
              h(
                'div',
                {},
                h('strong', { class: 'mono' }, s.scanner),
                ' ',
                bi(s.connected ? T.scannerConnected : T.scannerDisconnected),
                s.path && s.path !== s.configured ? h('span', { class: 'mono muted' }, ` ${s.path}`) : '',
                s.vendorId
                  ? h(
                      'span',
                      { class: 'mono muted' },
                      ` usb:${s.vendorId}:${s.productId}${s.serialNumber ? `:${s.serialNumber}` : ''}`,
                    )
                  : '',
              ),
              h(
                'div',
                {},
                bi(T.counts),
                ': ',
                h(
                  'span',
                  { class: 'mono', 'data-testid': 'tech-scanner-counts' },
                  `${s.bytesIn} · ${s.scans} · ${s.noiseBytes} · ${s.overlong} · ${s.reconnects}`,
                ),
              ),
              h(
                'div',
                {},
                bi(T.lastBytes),
                ': ',
                h('code', { class: 'hex', 'data-testid': 'tech-last-bytes' }, s.lastBytesHex || '—'),
              ),
              s.lastError
                ? h(
                    'div',
                    { class: 'tbad', 'data-code': s.lastError.code },
                    bi(BRIDGE_ERROR_WORDS[s.lastError.code]),
                    h('span', { class: 'code' }, s.lastError.code),
                    ' ',
                    h('span', { class: 'why' }, s.lastError.message),
                  )
                : '',
            ),
          )
        : [h('p', { class: 'muted' }, bi(T.noScanners))]),
      h(
        'h3',
        {},
        bi(T.ports),
        d?.portsListedAt
          ? h('span', { class: 'muted small' }, ` ${T.listedAt.en} ${when(d.portsListedAt, 'time').en}`)
          : '',
      ),
      // A failed listing is not "no ports": say it failed, with its code and why.
      d?.portsError
        ? h(
            'div',
            { class: 'tbad', 'data-testid': 'tech-ports-error', 'data-code': d.portsError.code },
            bi(BRIDGE_ERROR_WORDS[d.portsError.code]),
            h('span', { class: 'code' }, d.portsError.code),
            ' ',
            h('span', { class: 'why' }, d.portsError.message),
          )
        : d && d.ports.length
        ? h(
            'table',
            { class: 'ttable', 'data-testid': 'tech-ports' },
            h(
              'tbody',
              {},
              ...d.ports.map((p) =>
                h(
                  'tr',
                  {},
                  h('td', { class: 'mono' }, p.path),
                  h('td', { class: 'mono' }, p.vendorId ? `${p.vendorId}:${p.productId}` : ''),
                  h('td', { class: 'mono' }, p.serialNumber ?? ''),
                  h('td', {}, p.manufacturer ?? ''),
                  h('td', { class: 'mono small' }, p.byId.join(' ')),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, bi(T.noPorts)),
      h(
        'div',
        {},
        bi(labelled(T.usbWatch, d?.usb.watching ? T.on : T.off)),
        d?.usb.lastError
          ? h(
              'span',
              { class: 'tbad' },
              ' ',
              bi(BRIDGE_ERROR_WORDS[d.usb.lastError.code]),
              h('span', { class: 'code' }, d.usb.lastError.message),
            )
          : '',
      ),
    );
  }

  const PHASE: Record<SyncStatus['phase'], Words> = {
    idle: T.phaseIdle,
    sending: T.phaseSending,
    waiting: T.phaseWaiting,
    stopped: T.phaseStopped,
    off: T.phaseOff,
  };

  function renderSync(): void {
    const s = st.status?.sync ?? null;
    if (!s) {
      syncBox.replaceChildren(h('h2', {}, bi(T.sync)), h('p', { class: 'muted' }, bi(T.syncOff)));
      return;
    }
    const at = (iso: string | null) => (iso ? bi(when(iso)) : bi(T.never));
    const resumeBtn = h(
      'button',
      { type: 'button', class: 'act go', 'data-testid': 'resume-sync' },
      bi(T.resume),
    );
    resumeBtn.toggleAttribute('disabled', !isTechnician());
    resumeBtn.addEventListener('click', () => void resume());
    syncBox.replaceChildren(
      h('h2', {}, bi(T.sync)),
      h(
        'dl',
        {},
        ...row(T.phase, bi(PHASE[s.phase]), 'tech-sync-phase'),
        ...row(T.kiosk, h('span', { class: 'mono' }, s.kioskId ?? '—')),
        ...row(T.server, h('span', { class: 'mono' }, s.server ?? '—')),
        ...row(T.waiting, h('strong', { 'data-testid': 'tech-sync-waiting' }, String(s.waiting))),
        ...row(T.lastSuccess, at(s.lastSuccessAt), 'tech-sync-last-success'),
        ...row(T.nextAttempt, at(s.nextAttemptAt)),
        ...row(
          T.lastError,
          s.lastError
            ? h(
                'span',
                { 'data-code': s.lastError.code },
                bi(SYNC_WORDS[s.lastError.code]),
                h('span', { class: 'code' }, s.lastError.code),
                h('div', { class: 'why' }, s.lastError.message),
              )
            : bi(T.none),
          'tech-sync-last-error',
        ),
      ),
      s.alert
        ? h(
            'div',
            { class: 'talert', 'data-testid': 'tech-sync-alert', 'data-code': s.alert.code },
            h('strong', {}, bi(T.alert)),
            bi(SYNC_WORDS[s.alert.code]),
            h('span', { class: 'code' }, s.alert.code),
            h('div', { class: 'why' }, s.alert.message),
            resumeBtn,
            st.resumeError
              ? h(
                  'div',
                  { class: 'tbad', 'data-code': st.resumeError.code },
                  bi(wordsForCode(st.resumeError.code) ?? words(st.resumeError.code)),
                  h('span', { class: 'code' }, st.resumeError.message),
                )
              : '',
          )
        : '',
    );
  }

  function renderClock(): void {
    const s = st.status;
    const skew = s?.sync?.clockSkewMs ?? null;
    const flagged = s?.sync?.clockSkewFlagged === true;
    clockBox.replaceChildren(
      h('h2', {}, bi(T.clock)),
      h(
        'dl',
        {},
        ...row(T.kioskTime, s ? bi(when(s.now)) : ''),
        ...row(
          T.skew,
          skew === null
            ? bi(T.skewUnknown)
            : h(
                'span',
                { class: flagged ? 'tbad' : '', 'data-testid': 'tech-skew', 'data-flagged': String(flagged) },
                bi({
                  bn: `${num(seconds(skew)).bn} ${T.seconds.bn}`,
                  en: `${seconds(skew)} ${T.seconds.en}`,
                }),
              ),
        ),
      ),
      flagged
        ? h('div', { class: 'talert', 'data-code': 'SYNC_CLOCK_SKEW' }, bi(SYNC_WORDS.SYNC_CLOCK_SKEW))
        : '',
    );
  }

  function renderAudit(): void {
    if (!canReadAudit() || !st.audit) {
      auditBox.replaceChildren(h('h2', {}, bi(T.audit)), h('p', { class: 'muted' }, bi(T.auditNeedsSignIn)));
      return;
    }
    auditBox.replaceChildren(
      h('h2', {}, bi(T.audit)),
      h(
        'table',
        { class: 'ttable audit', 'data-testid': 'tech-audit-lines' },
        h(
          'tbody',
          {},
          ...st.audit.map((a) =>
            h(
              'tr',
              { 'data-action': a.action },
              h('td', { class: 'mono' }, String(a.seq)),
              h('td', {}, when(a.at).en),
              h('td', { class: 'mono' }, a.actor),
              h('td', { class: 'mono' }, a.action),
              h('td', { class: 'mono small' }, JSON.stringify(a.detail).slice(0, 220)),
            ),
          ),
        ),
      ),
    );
  }

  function renderAll(): void {
    renderWho();
    renderTrust();
    renderSticks();
    renderScanners();
    renderSync();
    renderClock();
    renderAudit();
  }
  renderAll();

  return {
    show() {
      visible = true;
      void o.session.refresh();
      void refresh();
    },
    setStatus(s) {
      st.status = s;
      if (visible) void refresh();
    },
    hide() {
      visible = false;
    },
    setSticks(s) {
      sticksSeen++;
      st.sticks = s;
      if (visible) renderSticks();
    },
  };
}
