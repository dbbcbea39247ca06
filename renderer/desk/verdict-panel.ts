/**
 * `verdictPanel`: the big verdict of one scan — sign and word filling over a quarter of the
 * screen, what to do, the reasons with their actions and the card's facts side by side,
 * NOT LOGGED when the write failed — or the calm "ready for the next card", "checking",
 * "boarding pass not read" (no card paired: scan the card first), or an error the kiosk
 * itself has (no trust). An unreadable scan has its own neutral look, never the red of a
 * bad card. Codes are small, in a details toggle, for technicians.
 */
import type { ApiError, ScanResult } from '../../main/contract/api.ts';
import type { Status } from '../../main/contract/codes.ts';
import { shownResult, type ShownStatus } from '../../main/contract/verdict.ts';
import {
  API_ERROR_WORDS,
  DESK_WORDS as D,
  LOG_PROBLEM_WORDS,
  REASON_ACTIONS,
  STATUS_WORDS,
  TRIP_LABELS,
  TRIP_OUTCOME_WORDS,
  UI_WORDS as W,
  UNREADABLE_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { bi, h, icon, labelled, when } from '../dom.ts';
import { cardFacts } from './card-facts.ts';
import { reasonList } from './reason-list.ts';

/**
 * `cannot-check`: the kiosk itself could not check (no trust bundle: the verdict's only reasons
 * are the kiosk's own codes). Logged invalid, but not shown as a bad card: the card was never judged.
 * `pass-unread`: a boarding pass could not be read and no card is paired; no card's verdict at all.
 */
export type PanelState = NoResultState | 'cannot-check' | ShownStatus;

/** What the panel shows without a scan result of its own. */
type NoResultState = 'ready' | 'checking' | 'error' | 'pass-unread';
const NO_RESULT: ReadonlySet<PanelState> = new Set<NoResultState>([
  'ready',
  'checking',
  'error',
  'pass-unread',
]);

export interface VerdictPanel {
  readonly el: HTMLElement;
  readonly state: PanelState;
  /** The result on show, if any (null when ready, checking or an error). */
  readonly result: ScanResult | null;
  ready(): void;
  checking(): void;
  /**
   * In place of "ready" when a boarding pass could not be read and no card is paired: says so and
   * asks for the card first, in ready's calm look (no card was judged, so no verdict's colour).
   */
  passNotRead(): void;
  error(e: ApiError): void;
  /** Shows a result; `again`: an earlier scan the officer asked to see again. Answers the state shown. */
  show(r: ScanResult, again?: boolean): ResultState;
}

export type ResultState = Exclude<PanelState, NoResultState>;

/** How the desk shows a verdict: the contract's shown result (cannot-check for the kiosk's own codes only). */
export function resultState(status: Status, codes: readonly string[]): ResultState {
  return shownResult(status, codes);
}

export function shownWords(s: ResultState): { word: Words; action: Words } {
  if (s === 'cannot-check') return { word: D.cannotCheck, action: REASON_ACTIONS.NO_TRUST };
  return s === 'unreadable' ? UNREADABLE_WORDS : STATUS_WORDS[s];
}

export function verdictPanel(): VerdictPanel {
  const el = h('section', { class: 'verdict ready', 'data-testid': 'verdict', 'aria-live': 'assertive' });
  let state: PanelState = 'ready';
  let current: ScanResult | null = null;

  function set(s: PanelState, ...children: (Node | string)[]): void {
    state = s;
    el.className = `verdict ${s}`;
    el.dataset.status = s;
    if (NO_RESULT.has(s)) {
      current = null;
      delete el.dataset.resultId;
      delete el.dataset.again;
    }
    el.replaceChildren(...children);
  }

  function banner(
    kind: 'valid' | 'warning' | 'invalid' | 'unreadable',
    word: Words,
    action: Words,
    at?: Node,
    actionTestId = 'verdict-action',
  ) {
    return h(
      'div',
      { class: 'banner', 'data-testid': 'verdict-banner' },
      icon(kind),
      h(
        'div',
        { class: 'words' },
        h('div', { class: 'big', 'data-testid': 'verdict-word' }, bi(word)),
        h('div', { class: 'action', 'data-testid': actionTestId }, bi(action)),
      ),
      at ?? '',
    );
  }

  return {
    el,
    get state() {
      return state;
    },
    get result() {
      return current;
    },
    ready() {
      set(
        'ready',
        h('div', { class: 'ready-words' }, h('div', { class: 'big' }, bi(D.ready)), bi(W.waiting)),
      );
    },
    checking() {
      set('checking', h('div', { class: 'ready-words' }, h('div', { class: 'big' }, bi(W.checking))));
    },
    passNotRead() {
      set(
        'pass-unread',
        h(
          'div',
          { class: 'ready-words' },
          h('div', { class: 'big' }, bi(TRIP_OUTCOME_WORDS.unread)),
          bi(TRIP_LABELS.cardFirst),
        ),
      );
    },
    error(e) {
      set(
        'error',
        banner('invalid', W.error, API_ERROR_WORDS[e.code], undefined, 'error-text'),
        h(
          'details',
          { class: 'codes-toggle' },
          h('summary', {}, bi(D.details)),
          h('span', { class: 'code' }, e.code),
          ' ',
          e.message,
        ),
      );
    },
    show(r, again = false) {
      const v = r.verdict;
      const codes = v.reasons.map((x) => x.code);
      const shown = resultState(v.status, codes);
      const words = shownWords(shown);
      const at = h(
        'div',
        { class: 'at' },
        bi(when(r.at, 'time')),
        h(
          'div',
          { class: 'logged-as', 'data-testid': 'logged-as', 'data-officer': r.officer },
          bi(labelled(W.officer, { bn: r.officer, en: r.officer })),
        ),
      );
      const notLogged =
        r.log.state !== 'logged'
          ? h(
              'div',
              { class: 'not-logged', 'data-testid': 'not-logged' },
              h('div', { class: 'nl-big' }, bi(W.notLogged)),
              bi(LOG_PROBLEM_WORDS[r.log.code]),
              bi(W.notLoggedHelp),
            )
          : '';
      // An unreadable scan has nothing to say about any card: no "nothing from the card is shown" note either.
      const facts = v.clearance
        ? cardFacts(v.clearance, r.at)
        : shown === 'unreadable' || shown === 'cannot-check'
          ? ''
          : h('div', { class: 'no-facts', 'data-testid': 'no-facts' }, bi(W.noFacts));
      set(
        shown,
        banner(shown === 'cannot-check' ? 'warning' : shown, words.word, words.action),
        // When and for whom, under the banner: in its corner a long verdict word would run over it.
        at,
        notLogged,
        again ? h('div', { class: 'again', 'data-testid': 'shown-again' }, bi(D.shownAgain)) : '',
        h(
          'div',
          { class: `verdict-body ${v.reasons.length ? '' : 'no-reasons'}`.trim() },
          v.reasons.length ? reasonList(v.reasons, r.ruleKinds) : '',
          facts,
        ),
        h(
          'details',
          { class: 'codes-toggle', 'data-testid': 'tech-details' },
          h('summary', {}, bi(D.details)),
          h(
            'span',
            { class: 'code' },
            `${v.status} · ${v.reasons.map((x) => (x.rule ? `${x.code}:${x.rule}` : x.code)).join(' ') || '—'} · kid ${v.kid ?? '—'} · ${r.source} · ${r.id}`,
          ),
        ),
      );
      current = r;
      el.dataset.resultId = r.id;
      el.dataset.source = r.source;
      if (again) el.dataset.again = 'true';
      return shown;
    },
  };
}
