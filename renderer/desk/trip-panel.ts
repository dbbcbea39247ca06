/**
 * `tripPanel`: the boarding-pass check beside the clearance's verdict — the outcome (Bangla
 * first), the two names side by side, the route with each airport's country, the flights
 * and date, and for every finding what it means and what the officer does next. It says
 * plainly that a pass is not signed: this is a consistency check.
 */
import type { TripResult } from '../../main/contract/api.ts';
import type { TripFinding } from '../../main/contract/trip.ts';
import {
  TRIP_ACTIONS,
  TRIP_LABELS as L,
  TRIP_OUTCOME_WORDS,
  TRIP_WORDS,
  UI_WORDS as W,
} from '../../main/contract/words.ts';
import { bi, country, h, icon } from '../dom.ts';
import './trip.css';
import { calendarDate } from './card-facts.ts';

/** What the desk shows and sounds for a trip result. */
export type TripState = 'match' | 'warning' | 'mismatch' | 'unread' | 'noClearance';

export function tripState(r: TripResult): TripState {
  if (!r.trip) return 'unread';
  if (!r.trip.clearance) return 'noClearance';
  return r.trip.outcome;
}

const ICON: Record<TripState, 'valid' | 'warning' | 'invalid' | 'unreadable'> = {
  match: 'valid',
  warning: 'warning',
  mismatch: 'invalid',
  unread: 'unreadable',
  noClearance: 'warning',
};

function finding(
  code: TripFinding['code'] | NonNullable<TripResult['passCode']>,
  f?: TripFinding,
): HTMLElement {
  // The airport by its code (as printed on the pass), its country in words.
  const land = f?.country ? country(f.country) : null;
  const where = (lang: 'bn' | 'en') => (f?.airport ? ` (${f.airport}${land ? `, ${land[lang]}` : ''})` : '');
  return h(
    'li',
    { class: 'reason', 'data-code': code },
    h(
      'div',
      { class: 'reason-what' },
      bi({ bn: TRIP_WORDS[code].bn + where('bn'), en: TRIP_WORDS[code].en + where('en') }),
    ),
    h('div', { class: 'reason-action', 'data-testid': 'trip-action' }, bi(TRIP_ACTIONS[code])),
  );
}

function row(label: typeof L.route, value: Node | string, testid: string): HTMLElement[] {
  return [h('dt', {}, bi(label)), h('dd', { 'data-testid': testid }, value)];
}

export function tripPanel(): { el: HTMLElement; show(r: TripResult): TripState; clear(): void } {
  const el = h('section', { class: 'trip', 'data-testid': 'trip' });
  return {
    el,
    clear() {
      el.replaceChildren();
      delete el.dataset.state;
    },
    show(r) {
      const state = tripState(r);
      el.dataset.state = state;
      el.dataset.resultId = r.id;
      el.className = `trip ${state}`;
      const t = r.trip;
      const items = t ? t.findings.map((f) => finding(f.code, f)) : r.passCode ? [finding(r.passCode)] : [];
      const route = t
        ? h(
            'span',
            {},
            ...t.route.flatMap((a, i) => [i ? ' → ' : '', h('span', { class: 'airport', title: a }, a)]),
          )
        : '';
      el.replaceChildren(
        h('h3', {}, bi(L.title)),
        h(
          'div',
          { class: 'trip-banner', 'data-testid': 'trip-banner' },
          icon(ICON[state]),
          h('div', { class: 'trip-word', 'data-testid': 'trip-word' }, bi(TRIP_OUTCOME_WORDS[state])),
        ),
        items.length ? h('ul', { class: 'trip-findings', 'data-testid': 'trip-findings' }, ...items) : '',
        // The card beside a pass that could not be read is still paired: its verdict stands, its pass is to come.
        state === 'unread' && r.clearance
          ? h('div', { class: 'trip-waiting', 'data-testid': 'trip-waiting' }, bi(L.waitingPass))
          : '',
        t
          ? h(
              'dl',
              { class: 'trip-facts' },
              ...row(L.onPass, h('span', { class: 'name' }, t.pass.name), 'trip-pass-name'),
              ...(t.clearance
                ? [
                    ...row(L.onCard, h('span', { class: 'name' }, t.clearance.nm), 'trip-card-name'),
                    ...row(L.destination, bi(country(t.clearance.dst)), 'trip-destination'),
                  ]
                : []),
              ...row(L.route, route, 'trip-route'),
              ...row(L.flights, t.pass.legs.map((l) => l.flight).join(', '), 'trip-flights'),
              ...row(L.flightDate, bi(calendarDate(t.flightDate)), 'trip-date'),
            )
          : '',
        // Said only of a trip that agrees: under a red mismatch it would read as reassurance.
        t?.complete && t.outcome !== 'mismatch'
          ? h('div', { class: 'trip-complete', 'data-testid': 'trip-complete' }, bi(L.complete))
          : '',
        h('div', { class: 'trip-note' }, bi(L.notSigned)),
        r.log && r.log.state !== 'logged'
          ? h('div', { class: 'not-logged', 'data-testid': 'trip-not-logged' }, bi(W.notLogged))
          : '',
      );
      return state;
    },
  };
}
