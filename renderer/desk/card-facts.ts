/**
 * `cardFacts`: the verified card's details an officer checks against the passport and the
 * rules: name, passport and its expiry, destination, date of birth with the age on the
 * Dhaka date of the scan, the PDO date when the card has one, visa type, clearance number.
 */
import type { Clearance } from '../../main/contract/clearance.ts';
import { dhakaDate } from '../../main/contract/dhaka-time.ts';
import { DESK_WORDS as D, UI_WORDS as W, VISA_WORDS, type Words } from '../../main/contract/words.ts';
import { bi, country, h, num } from '../dom.ts';

/** A calendar date (YYYY-MM-DD) in both languages, Bangla digits in Bangla; no time zone moves it. */
export function calendarDate(d: string): Words {
  const at = new Date(`${d}T00:00:00Z`);
  const o: Intl.DateTimeFormatOptions = { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' };
  return { bn: at.toLocaleDateString('bn-BD', o), en: at.toLocaleDateString('en-GB', o) };
}

/** Whole years from `dob` to `today` (both YYYY-MM-DD); a 29 February birthday counts from 1 March in common years. */
export function ageOn(dob: string, today: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function fact(label: Words, value: Node | string, testid: string): HTMLElement[] {
  return [h('dt', {}, bi(label)), h('dd', { 'data-testid': testid }, value)];
}

/** The facts list; `at` is the scan's instant (the age is counted on its Dhaka date, as the rules count it). */
export function cardFacts(c: Clearance, at: string): HTMLElement {
  const age = ageOn(c.dob, dhakaDate(Date.parse(at)));
  const dob = calendarDate(c.dob);
  return h(
    'div',
    { class: 'facts', 'data-testid': 'facts' },
    h('h3', {}, bi(W.facts)),
    h(
      'dl',
      {},
      ...fact(W.name, h('span', { class: 'fact-name' }, c.nm), 'fact-name'),
      ...(c.nmb ? fact(W.nameBn, h('span', { lang: 'bn' }, c.nmb), 'fact-name-bn') : []),
      ...fact(W.passport, c.pp, 'fact-passport'),
      ...fact(D.passportExpiry, bi(calendarDate(c.ppx)), 'fact-passport-expiry'),
      ...fact(W.destination, h('span', {}, `${c.dst} · `, bi(country(c.dst))), 'fact-destination'),
      ...fact(
        D.dob,
        bi({
          bn: `${dob.bn} · ${D.age.bn} ${num(age).bn} ${D.years.bn}`,
          en: `${dob.en} · ${D.age.en} ${age} ${D.years.en}`,
        }),
        'fact-dob',
      ),
      ...(c.pdo ? fact(D.pdo, bi(calendarDate(c.pdo)), 'fact-pdo') : []),
      ...fact(
        W.visaType,
        h('span', {}, `${c.vt} · `, VISA_WORDS[c.vt] ? bi(VISA_WORDS[c.vt]) : ''),
        'fact-visa',
      ),
      ...fact(W.clearanceId, c.cid, 'fact-cid'),
    ),
  );
}
