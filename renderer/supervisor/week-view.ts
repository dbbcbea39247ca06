/** `weekView`: the seven days up to the chosen one, a row each (scans, workers, results with unreadable and not checked apart), each opening its day. */
import { resultCounts, shortDayWords, SHOWN_RESULTS as RESULTS } from '../../main/contract/report-page.ts';
import type { DailyReport } from '../../main/contract/staff.ts';
import { DAY_WORDS as D } from '../../main/contract/words.ts';
import { bi, h } from '../dom.ts';
import { RESULT_WORDS } from './report-view.ts';

export function weekView(days: DailyReport[], onOpen: (date: string) => void): HTMLElement {
  const heads = [bi(D.day), bi(D.scans), bi(D.workers), ...RESULTS.map((x) => bi(RESULT_WORDS[x]))];
  const rows = days.map((r) => {
    const res = resultCounts(r);
    const open = h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'week-open' },
      bi(shortDayWords(r.date)),
    );
    open.addEventListener('click', () => onOpen(r.date));
    return h(
      'tr',
      {
        'data-testid': 'week-day',
        'data-date': r.date,
        'data-total': String(r.total),
        'data-workers': String(r.uniqueClearances),
        class: r.total ? '' : 'quiet',
      },
      h('td', {}, open),
      h('td', { class: 'n' }, String(r.total)),
      h('td', { class: 'n' }, String(r.uniqueClearances)),
      ...RESULTS.map((x) => h('td', { class: `n ${x}`, 'data-result': x }, String(res[x]))),
    );
  });
  const sum = (f: (r: DailyReport) => number) => String(days.reduce((a, r) => a + f(r), 0));
  const foot = h(
    'tr',
    { class: 'total', 'data-testid': 'week-total', 'data-total': sum((r) => r.total) },
    h('td', {}, bi(D.totalRow)),
    h(
      'td',
      { class: 'n' },
      sum((r) => r.total),
    ),
    // Workers are not summed over days: one worker may be scanned on two of them.
    h('td', { class: 'n' }, '—'),
    ...RESULTS.map((x) =>
      h(
        'td',
        { class: `n ${x}` },
        sum((r) => resultCounts(r)[x]),
      ),
    ),
  );
  return h(
    'section',
    { class: 'panel wide week', 'data-testid': 'report-week' },
    h('h2', {}, bi(D.weekTitle)),
    h(
      'table',
      { class: 'report-table' },
      h('thead', {}, h('tr', {}, ...heads.map((x) => h('th', {}, x)))),
      h('tbody', {}, ...rows),
      h('tfoot', {}, foot),
    ),
  );
}
