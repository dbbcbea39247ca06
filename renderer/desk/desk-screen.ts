/**
 * The desk screen: the verdict of the latest scan, big, in colour, with an icon, a tone
 * and both languages; its reasons; the card's facts only once its signature held; a loud
 * NOT LOGGED when the log write failed; recent scans; and the kiosk's status strip.
 * Who is signed in (or a sign-in form and a clear prompt when no one is: scans still
 * verify and show, logged as UNSIGNED), the way to the supervisor and technician screens,
 * and the serial scanners' and sync's cells in the strip.
 */
import type { ApiError, KioskApi, KioskStatus, RecentScan, ScanResult } from '../../main/contract/api.ts';
import { MAX_SCAN_TEXT } from '../../main/contract/api.ts';
import type { SyncStatus } from '../../main/contract/sync.ts';
import type { ScannerState } from '../../main/contract/technician.ts';
import type { Reason } from '../../main/contract/codes.ts';
import {
  API_ERROR_WORDS,
  BRIDGE_ERROR_WORDS,
  LOG_PROBLEM_WORDS,
  REASON_WORDS,
  REPORT_WORDS,
  ROLE_WORDS,
  SIGN_IN_WORDS,
  STATUS_WORDS,
  SYNC_WORDS,
  TECH_WORDS,
  UI_WORDS as W,
  VISA_WORDS,
  wordsForCode,
  type Words,
} from '../../main/contract/words.ts';
import { signInForm, type SessionWatch } from '../auth/sign-in.ts';
import { bi, country, h, icon, labelled, num, when } from '../dom.ts';
import { playTone } from './sound.ts';

const RECENT_SHOWN = 8;

interface State {
  status: KioskStatus | null;
  result: ScanResult | null;
  error: ApiError | null;
  recent: RecentScan[];
  connected: boolean;
  checking: boolean;
}

export interface DeskScreen {
  /** Sends a scan the page read to the core and shows the answer. */
  scan(text: string, source: 'wedge' | 'camera' | 'manual', overlong?: boolean): Promise<void>;
  /** Shows a result that arrived by event or reply; each result id only once. */
  showResult(r: ScanResult): void;
  setStatus(s: KioskStatus): void;
  setConnected(up: boolean): void;
  refresh(): Promise<void>;
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
  const state: State = {
    status: null,
    result: null,
    error: null,
    recent: [],
    connected: true,
    checking: false,
  };
  const shown = new Set<string>();

  const alerts = h('div', { class: 'alerts', 'data-testid': 'alerts' });
  const verdict = h('section', {
    class: 'verdict waiting',
    'data-testid': 'verdict',
    'aria-live': 'assertive',
  });
  const recent = h('aside', { class: 'recent', 'data-testid': 'recent' });
  const strip = h('footer', { class: 'strip', 'data-testid': 'status-strip' });
  const input = h('input', {
    type: 'text',
    class: 'manual-input',
    'data-testid': 'manual-input',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: String(MAX_SCAN_TEXT),
    'aria-label': `${W.manualLabel.bn} / ${W.manualLabel.en}`,
  });
  const form = h(
    'form',
    { class: 'manual', 'data-testid': 'manual-form' },
    h('label', {}, bi(W.manualLabel)),
    h('div', { class: 'manual-row' }, input, h('button', { type: 'submit' }, bi(W.manualCheck))),
  );
  const header = h('header', { class: 'top' });
  // Built once: the sign-in form keeps what is typed into it while status events re-render the rest.
  const title = h('h1', {}, bi(W.appTitle));
  const markers = h('div', { class: 'markers' });
  const who = h('div', { class: 'who', 'data-testid': 'desk-session' });
  const signIn = opts.session ? signInForm(kiosk, opts.session, 'desk-sign-in') : null;
  const signOut = h(
    'button',
    { type: 'button', class: 'top-button', 'data-testid': 'desk-sign-out' },
    bi(SIGN_IN_WORDS.signOut),
  );
  signOut.addEventListener('click', () => void opts.session?.signOut());
  const supervisor = h(
    'button',
    { type: 'button', class: 'top-button', 'data-testid': 'open-supervisor' },
    bi(REPORT_WORDS.open),
  );
  supervisor.addEventListener('click', () => opts.onSupervisor?.());
  const technician = h(
    'button',
    { type: 'button', class: 'top-button', 'data-testid': 'open-technician' },
    bi(TECH_WORDS.open),
  );
  technician.addEventListener('click', () => opts.onTechnician?.());
  header.append(
    title,
    markers,
    who,
    ...(opts.onSupervisor ? [supervisor] : []),
    ...(opts.onTechnician ? [technician] : []),
  );
  root.replaceChildren(
    header,
    alerts,
    h('main', { class: 'desk' }, h('div', { class: 'left' }, verdict, form), recent),
    strip,
  );

  // The entry field keeps the focus, so a keyboard-wedge scanner's keystrokes always land in it;
  // not from a field the person chose (the sign-in form), nor while another screen is up.
  const keepFocus = () =>
    setTimeout(() => {
      if (root.closest('[hidden]') || document.activeElement?.closest('[data-own-focus]')) return;
      if (document.activeElement !== input) input.focus();
    }, 0);
  document.addEventListener('click', keepFocus);
  input.addEventListener('blur', keepFocus);
  input.focus();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    input.value = '';
    if (text.trim()) void scan(text, 'manual');
  });

  async function scan(text: string, source: 'wedge' | 'camera' | 'manual', overlong = false): Promise<void> {
    state.checking = true;
    state.error = null;
    renderVerdict();
    const reply = await kiosk.scan({ text, source, ...(overlong ? { overlong } : {}) });
    state.checking = false;
    if (reply.ok) showResult(reply.value);
    else {
      state.error = reply.error;
      state.result = null;
      playTone('invalid');
      renderVerdict();
    }
    keepFocus();
  }

  function showResult(r: ScanResult): void {
    if (shown.has(r.id)) return;
    shown.add(r.id);
    state.result = r;
    state.error = null;
    state.checking = false;
    const notes = playTone(r.verdict.status);
    verdict.dataset.tone = `${r.verdict.status}:${notes}`;
    renderVerdict();
    void loadRecent();
  }

  async function loadRecent(): Promise<void> {
    const r = await kiosk.recentScans({ limit: RECENT_SHOWN });
    if (r.ok) {
      state.recent = r.value;
      renderRecent();
    }
  }

  function reasonItem(r: Reason): HTMLElement {
    return h(
      'li',
      { class: 'reason', 'data-code': r.code },
      bi(REASON_WORDS[r.code], 'reason-text'),
      r.text
        ? h('div', { class: 'rule-text' }, bi(r.text), r.rule ? h('span', { class: 'code' }, r.rule) : null)
        : null,
      r.firstSeenAt
        ? h('div', { class: 'first-seen' }, bi(W.firstSeenAt), ' ', bi(when(r.firstSeenAt)))
        : null,
      h('span', { class: 'code' }, r.code),
    );
  }

  function fact(label: Words, value: Node | string, testid: string): HTMLElement[] {
    return [h('dt', {}, bi(label)), h('dd', { 'data-testid': testid }, value)];
  }

  function renderVerdict(): void {
    const r = state.result;
    if (state.checking) {
      verdict.className = 'verdict waiting';
      verdict.replaceChildren(h('div', { class: 'big' }, bi(W.checking)));
      return;
    }
    if (state.error) {
      verdict.className = 'verdict invalid error';
      verdict.dataset.status = 'error';
      verdict.replaceChildren(
        h(
          'div',
          { class: 'banner' },
          icon('invalid'),
          h(
            'div',
            { class: 'words' },
            h('div', { class: 'big' }, bi(W.error)),
            h('div', { class: 'action', 'data-testid': 'error-text' }, bi(API_ERROR_WORDS[state.error.code])),
          ),
        ),
        h(
          'div',
          { class: 'detail' },
          h('span', { class: 'code' }, state.error.code),
          ' ',
          state.error.message,
        ),
      );
      return;
    }
    if (!r) {
      verdict.className = 'verdict waiting';
      verdict.dataset.status = 'waiting';
      verdict.replaceChildren(h('div', { class: 'big' }, bi(W.waiting)));
      return;
    }
    const v = r.verdict;
    const c = v.clearance;
    verdict.className = `verdict ${v.status}`;
    verdict.dataset.status = v.status;
    verdict.dataset.resultId = r.id;
    verdict.dataset.source = r.source;
    const notLogged =
      r.log.state !== 'logged'
        ? h(
            'div',
            { class: 'not-logged', 'data-testid': 'not-logged' },
            h('div', { class: 'nl-big' }, bi(W.notLogged)),
            bi(LOG_PROBLEM_WORDS[r.log.code]),
            bi(W.notLoggedHelp),
          )
        : null;
    const facts = c
      ? h(
          'div',
          { class: 'facts', 'data-testid': 'facts' },
          h('h3', {}, bi(W.facts)),
          h(
            'dl',
            {},
            ...fact(W.name, c.nm, 'fact-name'),
            ...(c.nmb ? fact(W.nameBn, h('span', { lang: 'bn' }, c.nmb), 'fact-name-bn') : []),
            ...fact(W.passport, c.pp, 'fact-passport'),
            ...fact(W.destination, h('span', {}, `${c.dst} · `, bi(country(c.dst))), 'fact-destination'),
            ...fact(
              W.visaType,
              h('span', {}, `${c.vt} · `, VISA_WORDS[c.vt] ? bi(VISA_WORDS[c.vt]) : ''),
              'fact-visa',
            ),
            ...fact(W.clearanceId, c.cid, 'fact-cid'),
          ),
        )
      : h('div', { class: 'no-facts', 'data-testid': 'no-facts' }, bi(W.noFacts));
    verdict.replaceChildren(
      h(
        'div',
        { class: 'banner' },
        icon(v.status),
        h(
          'div',
          { class: 'words' },
          h('div', { class: 'big', 'data-testid': 'verdict-word' }, bi(STATUS_WORDS[v.status].word)),
          h('div', { class: 'action' }, bi(STATUS_WORDS[v.status].action)),
        ),
        h(
          'div',
          { class: 'at' },
          bi(when(r.at, 'time')),
          h(
            'div',
            { class: 'logged-as', 'data-testid': 'logged-as', 'data-officer': r.officer },
            bi(labelled(W.officer, { bn: r.officer, en: r.officer })),
          ),
        ),
      ),
      notLogged ?? '',
      v.reasons.length
        ? h(
            'div',
            { class: 'reasons' },
            h('h3', {}, bi(W.reasons)),
            h('ul', { 'data-testid': 'reasons' }, ...v.reasons.map(reasonItem)),
          )
        : '',
      facts,
    );
  }

  function renderRecent(): void {
    recent.replaceChildren(
      h('h2', {}, bi(W.recent)),
      state.recent.length
        ? h(
            'ol',
            {},
            ...state.recent.map((s) =>
              h(
                'li',
                { class: `recent-item ${s.status}`, 'data-status': s.status },
                h('span', { class: 'dot' }),
                h('span', { class: 'r-time' }, when(s.at, 'time').en),
                h('span', { class: 'r-word' }, bi(STATUS_WORDS[s.status].word)),
                h('span', { class: 'r-who' }, s.name ?? s.codes[0] ?? ''),
                s.logged ? null : h('span', { class: 'r-nl' }, bi(W.notLogged)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, bi(W.noRecent)),
    );
  }

  function renderHeader(): void {
    const s = state.status;
    markers.replaceChildren(
      s?.mode === 'development'
        ? h('div', { class: 'dev-marker', 'data-testid': 'dev-marker' }, bi(W.development))
        : '',
      s?.roots === 'command-line'
        ? h('div', { class: 'dev-marker test', 'data-testid': 'test-roots-marker' }, bi(W.commandLineRoots))
        : '',
    );
  }

  function renderSession(): void {
    const p = opts.session?.current ?? null;
    who.dataset.person = p?.personId ?? '';
    if (p) {
      who.replaceChildren(
        h(
          'div',
          { class: 'officer', 'data-testid': 'desk-person' },
          bi(ROLE_WORDS[p.role]),
          h('strong', { class: 'person' }, `${p.personId} · ${p.name}`),
        ),
        signOut,
      );
    } else if (signIn) who.replaceChildren(signIn);
    else
      who.replaceChildren(
        state.status
          ? h(
              'div',
              { class: 'officer' },
              bi(labelled(W.officer, { bn: state.status.officer, en: state.status.officer })),
            )
          : '',
      );
  }

  function renderAlerts(): void {
    const s = state.status;
    const items: HTMLElement[] = [];
    if (opts.session && !opts.session.current) {
      items.push(
        h(
          'div',
          { class: 'alert amber', 'data-code': 'NOT_SIGNED_IN', 'data-testid': 'sign-in-prompt' },
          bi(SIGN_IN_WORDS.nobody),
        ),
      );
    }
    if (!state.connected)
      items.push(
        h('div', { class: 'alert', 'data-code': 'HOST_UNREACHABLE' }, bi(API_ERROR_WORDS.HOST_UNREACHABLE)),
      );
    if (s && !s.trust && s.trustProblem) {
      items.push(
        h(
          'div',
          { class: 'alert', 'data-code': s.trustProblem.code },
          bi(W.noTrust),
          bi(wordsForCode(s.trustProblem.code) ?? API_ERROR_WORDS.NO_TRUST),
        ),
      );
    }
    if (s?.trust?.expired)
      items.push(
        h(
          'div',
          { class: 'alert', 'data-code': 'TRUST_BUNDLE_EXPIRED' },
          bi(REASON_WORDS.TRUST_BUNDLE_EXPIRED),
        ),
      );
    if (s && s.log.state !== 'ok' && s.log.code) {
      items.push(
        h(
          'div',
          { class: `alert ${s.log.state === 'off' ? 'amber' : ''}`, 'data-code': s.log.code },
          bi(LOG_PROBLEM_WORDS[s.log.code]),
        ),
      );
    }
    alerts.replaceChildren(...items);
  }

  function renderStrip(): void {
    const s = state.status;
    const t = s?.trust;
    const expires = t && when(t.expiresAt, 'date');
    const trustCell =
      t && expires
        ? h(
            'span',
            {
              class: `cell ${t.expired ? 'bad' : t.daysLeft < 14 ? 'warn' : ''}`,
              'data-testid': 'trust-cell',
            },
            bi(
              labelled(W.trustBundle, {
                bn: `${W.version.bn} ${num(t.version).bn} · ${W.expires.bn} ${expires.bn}`,
                en: `${W.version.en} ${t.version} · ${W.expires.en} ${expires.en}`,
              }),
            ),
            t.expired
              ? h('strong', { class: 'flag' }, bi(W.expired))
              : t.daysLeft < 14
                ? h('strong', { class: 'flag' }, bi(W.expiresSoon))
                : '',
          )
        : h(
            'span',
            { class: 'cell bad', 'data-testid': 'trust-cell' },
            bi(labelled(W.trustBundle, W.noTrust)),
          );
    const logWord = !s
      ? null
      : s.log.state === 'ok'
        ? W.logOk
        : s.log.state === 'failing'
          ? W.logFailing
          : W.logOff;
    strip.replaceChildren(
      trustCell,
      h(
        'span',
        { class: `cell ${s?.log.state === 'ok' ? '' : 'bad'}`, 'data-testid': 'log-cell' },
        logWord ? bi(labelled(W.log, logWord)) : '',
      ),
      h('span', { class: 'cell', 'data-testid': 'input-cell' }, bi(labelled(W.input, W.inputKeyboard))),
      ...(s?.scanners ?? []).map(scannerCell),
      ...(s?.sync ? [syncCell(s.sync)] : []),
      h(
        'span',
        { class: `cell ${state.connected ? '' : 'bad'}`, 'data-testid': 'connection-cell' },
        bi(labelled(W.connection, state.connected ? W.connected : W.disconnected)),
      ),
    );
  }

  /** A serial scanner: connected or not (with the hardware's words when it failed), and noise dropped. */
  function scannerCell(sc: ScannerState): HTMLElement {
    return h(
      'span',
      {
        class: `cell ${sc.connected ? '' : 'bad'}`,
        'data-testid': 'scanner-cell',
        'data-connected': String(sc.connected),
        title: sc.configured,
      },
      bi(
        labelled(
          TECH_WORDS.scannerCell,
          sc.connected ? TECH_WORDS.scannerConnected : TECH_WORDS.scannerDisconnected,
        ),
      ),
      !sc.connected && sc.lastError ? bi(BRIDGE_ERROR_WORDS[sc.lastError.code]) : '',
      sc.noiseBytes
        ? h(
            'span',
            { class: 'note' },
            bi({
              bn: `${num(sc.noiseBytes).bn} ${TECH_WORDS.noise.bn}`,
              en: `${sc.noiseBytes} ${TECH_WORDS.noise.en}`,
            }),
          )
        : '',
    );
  }

  /** Sync: records waiting and the last success; an alert, a failing sync or a skewed clock in its words. */
  function syncCell(sy: SyncStatus): HTMLElement {
    const problem =
      sy.alert?.code ??
      (sy.phase === 'waiting' ? sy.lastError?.code : undefined) ??
      (sy.clockSkewFlagged ? 'SYNC_CLOCK_SKEW' : undefined);
    const body: Words =
      sy.phase === 'off'
        ? TECH_WORDS.phaseOff
        : {
            bn: `${TECH_WORDS.syncWaitingShort.bn} ${num(sy.waiting).bn}${sy.lastSuccessAt ? ` · ${when(sy.lastSuccessAt, 'time').bn}` : ''}`,
            en: `${TECH_WORDS.syncWaitingShort.en} ${sy.waiting}${sy.lastSuccessAt ? ` · ${when(sy.lastSuccessAt, 'time').en}` : ''}`,
          };
    return h(
      'span',
      {
        class: `cell ${sy.alert ? 'bad' : problem ? 'warn' : ''}`,
        'data-testid': 'sync-cell',
        'data-phase': sy.phase,
        'data-waiting': String(sy.waiting),
      },
      bi(labelled(TECH_WORDS.syncCell, body)),
      problem ? h('strong', { class: 'flag', 'data-code': problem }, bi(SYNC_WORDS[problem])) : '',
    );
  }

  function renderAll(): void {
    renderHeader();
    renderSession();
    renderAlerts();
    renderVerdict();
    renderRecent();
    renderStrip();
  }
  renderAll();
  opts.session?.onChange(() => {
    renderSession();
    renderAlerts();
    keepFocus();
  });

  async function refresh(): Promise<void> {
    const s = await kiosk.status();
    if (s.ok) state.status = s.value;
    await loadRecent();
    renderAll();
  }

  return {
    scan,
    showResult,
    setStatus(s) {
      state.status = s;
      renderAll();
    },
    setConnected(up) {
      state.connected = up;
      renderAll();
    },
    refresh,
  };
}
