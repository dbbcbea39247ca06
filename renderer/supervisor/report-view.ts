/**
 * `reportView`: one day's report as the supervisor sees it and prints it (the screen, its A4
 * print and the CLI's PDF all use this): the day in words, scans and workers, results that
 * sum to the scans (unreadable and not checked apart from bad cards), by hour, reason, destination (with
 * "none", summing to the scans) and officer (name and id); an empty day said plainly.
 */
import {
  destinationRows,
  NO_DESTINATION,
  officerResults,
  resultCounts,
  dayWords,
  SHOWN_RESULTS as RESULTS,
  type ReportPage,
} from '../../main/contract/report-page.ts';
import type { ShownResult } from '../../main/contract/verdict.ts';
import {
  DAY_WORDS as D,
  REPORT_WORDS as R,
  STATUS_WORDS,
  TRIP_LABELS,
  TRIP_OUTCOME_WORDS,
  UI_WORDS as W,
  wordsForCode,
  type Words,
} from '../../main/contract/words.ts';
import { bi, country, h, icon, num, when } from '../dom.ts';
import { hourChart } from './hour-chart.ts';

export const RESULT_WORDS: Record<ShownResult, Words> = {
  valid: STATUS_WORDS.valid.word,
  warning: STATUS_WORDS.warning.word,
  invalid: D.badCards,
  unreadable: D.unreadable,
  'cannot-check': D.cannotCheck,
};

const n = (x: number) => bi(num(x));

function table(testid: string, heads: Node[], rows: HTMLElement[], foot: HTMLElement | null): HTMLElement {
  return h(
    'table',
    { class: 'report-table', 'data-testid': testid },
    h('thead', {}, h('tr', {}, ...heads.map((x) => h('th', {}, x)))),
    h('tbody', {}, ...rows),
    foot ? h('tfoot', {}, foot) : '',
  );
}

function tile(cls: string, testid: string, count: number, label: Words, attrs: Record<string, string> = {}) {
  return h(
    'div',
    { class: `tile ${cls}`, 'data-testid': testid, 'data-count': String(count), ...attrs },
    cls in STATUS_WORDS ? icon(cls as 'valid' | 'warning' | 'invalid') : '',
    h('div', { class: 'tile-n' }, n(count)),
    h('div', { class: 'tile-l' }, bi(label)),
  );
}

function figures(p: ReportPage): HTMLElement {
  const r = p.report;
  const res = resultCounts(r);
  return h(
    'div',
    { class: 'tiles' },
    tile('total', 'report-total', r.total, D.scans),
    tile('workers', 'report-workers', r.uniqueClearances, D.workers),
    ...RESULTS.map((x) => tile(x, 'report-result', res[x], RESULT_WORDS[x], { 'data-result': x })),
    h(
      'p',
      { class: 'sum-line muted small', 'data-testid': 'report-sum' },
      bi({
        bn: `${num(r.total).bn} = ${RESULTS.map((x) => num(res[x]).bn).join(' + ')} (${D.sumLine.bn})`,
        en: `${r.total} = ${RESULTS.map((x) => res[x]).join(' + ')} (${D.sumLine.en})`,
      }),
    ),
    tripLine(r.tripChecks),
  );
}

/** The day's boarding-pass checks, apart from the card figures (they are consistency checks, not verdicts). */
function tripLine(t: ReportPage['report']['tripChecks']): HTMLElement {
  const counts = (lang: 'bn' | 'en') =>
    (['match', 'warning', 'mismatch'] as const)
      .map((o) => `${TRIP_OUTCOME_WORDS[o][lang]}: ${lang === 'bn' ? num(t[o]).bn : t[o]}`)
      .join(' · ');
  return h(
    'p',
    {
      class: 'sum-line small',
      'data-testid': 'report-trips',
      'data-match': String(t.match),
      'data-warning': String(t.warning),
      'data-mismatch': String(t.mismatch),
    },
    bi({
      bn: `${TRIP_LABELS.tripChecks.bn} — ${counts('bn')}`,
      en: `${TRIP_LABELS.tripChecks.en} — ${counts('en')}`,
    }),
  );
}

function reasons(p: ReportPage): HTMLElement {
  const rows = Object.entries(p.report.byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!rows.length) return h('p', { class: 'muted', 'data-testid': 'report-reasons' }, bi(R.noReasons));
  return table(
    'report-reasons',
    [bi(W.reasons), bi(R.count)],
    rows.map(([code, c]) =>
      h(
        'tr',
        { 'data-testid': 'report-reason', 'data-code': code, 'data-count': String(c) },
        h('td', {}, bi(wordsForCode(code) ?? { bn: code, en: code }), h('span', { class: 'code' }, code)),
        h('td', { class: 'n' }, String(c)),
      ),
    ),
    null,
  );
}

function destinations(p: ReportPage): HTMLElement {
  const rows = destinationRows(p.report);
  return table(
    'report-destinations',
    [bi(W.destination), bi(R.count)],
    rows.map(([dst, c]) =>
      h(
        'tr',
        { 'data-testid': 'report-destination', 'data-dst': dst, 'data-count': String(c) },
        h(
          'td',
          {},
          dst === NO_DESTINATION
            ? bi(D.noDestination)
            : h('span', {}, h('strong', {}, dst), ' · ', bi(country(dst))),
        ),
        h('td', { class: 'n' }, String(c)),
      ),
    ),
    h('tr', { class: 'total' }, h('td', {}, bi(D.totalRow)), h('td', { class: 'n' }, String(p.report.total))),
  );
}

function officers(p: ReportPage): HTMLElement {
  const r = p.report;
  const rows = Object.entries(r.byOfficer).sort(
    (a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]),
  );
  // The tiles' results: invalid cards apart from scans that could not be read or checked, so each row and the total agree with them.
  const all = resultCounts(r);
  return table(
    'report-officers',
    [bi(D.officerName), bi(D.officerId), bi(R.total), ...RESULTS.map((x) => bi(RESULT_WORDS[x]))],
    rows.map(([id]) => {
      const c = officerResults(p, id);
      return h(
        'tr',
        {
          'data-testid': 'report-officer',
          'data-officer': id,
          'data-total': String(c.total),
          'data-valid': String(c.valid),
          'data-warning': String(c.warning),
          'data-invalid': String(c.invalid),
          'data-unreadable': String(c.unreadable),
          'data-cannot-check': String(c['cannot-check']),
        },
        h('td', { class: 'name' }, p.names[id] ?? (id === 'UNSIGNED' ? bi(D.unsigned) : '—')),
        h('td', { class: 'mono' }, id),
        h('td', { class: 'n' }, String(c.total)),
        ...RESULTS.map((x) => h('td', { class: `n ${x}` }, String(c[x]))),
      );
    }),
    h(
      'tr',
      { class: 'total', 'data-testid': 'report-officers-total' },
      h('td', {}, bi(D.totalRow)),
      h('td', {}, ''),
      h('td', { class: 'n' }, String(r.total)),
      ...RESULTS.map((x) => h('td', { class: `n ${x}` }, String(all[x]))),
    ),
  );
}

/**
 * The day's heading: the date as Dhaka's day in both languages, the kiosk, when the page was
 * made; DEVELOPMENT above it all for a development data dir's page (on screen, printed, PDF).
 */
export function dayHeading(p: ReportPage): HTMLElement {
  const day = dayWords(p.report.date);
  return h(
    'div',
    { class: 'day-heading' },
    p.mode === 'development'
      ? h('div', { class: 'dev-marker report-dev', 'data-testid': 'report-dev-marker' }, bi(W.development))
      : '',
    h(
      'h2',
      { class: 'day', 'data-testid': 'report-day' },
      h('span', { lang: 'bn', class: 'bn' }, day.bn),
      ' / ',
      h('span', { lang: 'en', class: 'en' }, day.en),
    ),
    h(
      'p',
      { class: 'muted small' },
      bi(R.title),
      ' · ',
      bi({
        bn: `${R.kiosk.bn} ${p.report.kioskId ?? R.notProvisioned.bn}`,
        en: `${R.kiosk.en} ${p.report.kioskId ?? R.notProvisioned.en}`,
      }),
      ' · ',
      bi({ bn: `${D.madeAt.bn} ${when(p.madeAt).bn}`, en: `${D.madeAt.en} ${when(p.madeAt).en}` }),
    ),
  );
}

export function reportView(p: ReportPage): HTMLElement {
  const r = p.report;
  const head = dayHeading(p);
  if (r.total === 0) {
    return h(
      'div',
      { class: 'report empty', 'data-testid': 'report', 'data-date': r.date, 'data-empty': 'true' },
      head,
      figures(p),
      h('p', { class: 'panel wide empty-day', 'data-testid': 'report-empty' }, bi(D.empty)),
    );
  }
  return h(
    'div',
    { class: 'report', 'data-testid': 'report', 'data-date': r.date },
    head,
    figures(p),
    h(
      'section',
      { class: 'panel wide' },
      h('h2', {}, bi(R.byHour)),
      hourChart(r.byHour, `${R.byHour.en}: ${r.byHour.join(', ')}`),
    ),
    // Reasons are sentences in two languages and officers have a column per result: both get room.
    h('section', { class: 'panel span-2' }, h('h2', {}, bi(R.byReason)), reasons(p)),
    h('section', { class: 'panel' }, h('h2', {}, bi(R.byDestination)), destinations(p)),
    h('section', { class: 'panel wide' }, h('h2', {}, bi(R.byOfficer)), officers(p)),
  );
}
