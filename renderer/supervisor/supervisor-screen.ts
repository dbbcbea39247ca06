/**
 * The supervisor screen: the day's report (`dailyReport`, the same query as `report
 * --format json`) for a chosen Asia/Dhaka date — totals, by status, reason (in both
 * languages), hour (an SVG bar chart), destination and officer — and the day's CSV
 * (`exportDayCsv`, audited in main) as a browser download. Main refuses both to anyone
 * but a signed-in supervisor; without one this screen shows the sign-in form instead.
 */
import type { ApiError, KioskApi } from '../../main/contract/api.ts';
import type { Status } from '../../main/contract/codes.ts';
import { dhakaDate } from '../../main/contract/dhaka-time.ts';
import type { DailyReport } from '../../main/contract/staff.ts';
import {
  API_ERROR_WORDS,
  REPORT_WORDS as R,
  ROLE_WORDS,
  SIGN_IN_WORDS as S,
  STATUS_WORDS,
  UI_WORDS as W,
  wordsForCode,
} from '../../main/contract/words.ts';
import { signInForm, type SessionWatch } from '../auth/sign-in.ts';
import { bi, country, h, icon, labelled, num } from '../dom.ts';
import { hourChart } from './hour-chart.ts';

const STATUSES: Status[] = ['valid', 'warning', 'invalid'];

export interface SupervisorScreen {
  /** Shows the screen and loads the report of the chosen date (today, by the kiosk's clock, the first time). */
  open(): Promise<void>;
}

export function mountSupervisorScreen(
  root: HTMLElement,
  kiosk: KioskApi,
  watch: SessionWatch,
  onBack: () => void,
): SupervisorScreen {
  const header = h('header', { class: 'top' });
  const date = h('input', { type: 'date', class: 'report-date', 'data-testid': 'report-date', required: '' });
  const show = h('button', { type: 'submit', 'data-testid': 'report-show' }, bi(R.show));
  const exportBtn = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'report-export' },
    bi(R.exportCsv),
  );
  const note = h('span', { class: 'report-note', 'data-testid': 'report-note', role: 'status' });
  const controls = h(
    'form',
    { class: 'report-controls', 'data-own-focus': '' },
    h('label', {}, bi(R.date), date),
    show,
    exportBtn,
    note,
  );
  const body = h('main', { class: 'report-body', 'data-testid': 'supervisor-body' });
  const strip = h('footer', { class: 'strip' });
  root.replaceChildren(header, controls, body, strip);

  let report: DailyReport | null = null;
  let error: ApiError | null = null;

  const isSupervisor = () => watch.current?.role === 'supervisor';

  function renderHeader(): void {
    const s = watch.current;
    const out = h(
      'button',
      { type: 'button', class: 'top-button', 'data-testid': 'supervisor-sign-out' },
      bi(S.signOut),
    );
    out.addEventListener('click', () => void watch.signOut());
    const back = h(
      'button',
      { type: 'button', class: 'top-button', 'data-testid': 'supervisor-back' },
      bi(R.back),
    );
    back.addEventListener('click', onBack);
    header.replaceChildren(
      h('h1', {}, bi(R.title)),
      s
        ? h(
            'div',
            { class: 'officer', 'data-testid': 'supervisor-person' },
            bi(ROLE_WORDS[s.role]),
            h('strong', { class: 'person' }, `${s.personId} · ${s.name}`),
          )
        : '',
      s ? out : '',
      back,
    );
  }

  function table(testid: string, heads: Node[], rows: HTMLElement[], empty: Node): HTMLElement {
    return rows.length
      ? h(
          'table',
          { class: 'report-table', 'data-testid': testid },
          h('thead', {}, h('tr', {}, ...heads.map((x) => h('th', {}, x)))),
          h('tbody', {}, ...rows),
        )
      : h('p', { class: 'muted', 'data-testid': testid }, empty);
  }

  const byCount = (o: Record<string, number>) =>
    Object.entries(o).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  function renderReport(r: DailyReport): HTMLElement {
    const tiles = h(
      'div',
      { class: 'tiles' },
      h(
        'div',
        { class: 'tile total', 'data-testid': 'report-total', 'data-count': String(r.total) },
        h('div', { class: 'tile-n' }, bi(num(r.total))),
        h('div', { class: 'tile-l' }, bi(R.total)),
      ),
      ...STATUSES.map((st) =>
        h(
          'div',
          {
            class: `tile ${st}`,
            'data-testid': 'report-status',
            'data-status': st,
            'data-count': String(r.byStatus[st]),
          },
          icon(st),
          h('div', { class: 'tile-n' }, bi(num(r.byStatus[st]))),
          h('div', { class: 'tile-l' }, bi(STATUS_WORDS[st].word)),
        ),
      ),
    );

    const reasons = table(
      'report-reasons',
      [bi(W.reasons), bi(R.count)],
      byCount(r.byReason).map(([code, n]) =>
        h(
          'tr',
          { 'data-testid': 'report-reason', 'data-code': code, 'data-count': String(n) },
          h('td', {}, bi(wordsForCode(code) ?? { bn: code, en: code }), h('span', { class: 'code' }, code)),
          h('td', { class: 'n' }, String(n)),
        ),
      ),
      bi(R.noReasons),
    );

    const destinations = table(
      'report-destinations',
      [bi(W.destination), bi(R.count)],
      byCount(r.byDestination).map(([dst, n]) =>
        h(
          'tr',
          { 'data-testid': 'report-destination', 'data-dst': dst, 'data-count': String(n) },
          h('td', {}, h('strong', {}, dst), ' · ', bi(country(dst))),
          h('td', { class: 'n' }, String(n)),
        ),
      ),
      bi(R.none),
    );

    const officers = Object.entries(r.byOfficer).sort(
      (a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]),
    );
    const officerTable = table(
      'report-officers',
      [bi(W.officer), bi(R.total), ...STATUSES.map((st) => bi(STATUS_WORDS[st].word))],
      officers.map(([id, c]) =>
        h(
          'tr',
          {
            'data-testid': 'report-officer',
            'data-officer': id,
            'data-total': String(c.total),
            'data-valid': String(c.valid),
            'data-warning': String(c.warning),
            'data-invalid': String(c.invalid),
          },
          h('td', {}, h('strong', {}, id)),
          h('td', { class: 'n' }, String(c.total)),
          ...STATUSES.map((st) => h('td', { class: `n ${st}` }, String(c[st]))),
        ),
      ),
      bi(R.none),
    );

    return h(
      'div',
      { class: 'report', 'data-testid': 'report', 'data-date': r.date },
      tiles,
      h(
        'section',
        { class: 'panel wide' },
        h('h2', {}, bi(R.byHour)),
        hourChart(r.byHour, `${R.byHour.en}: ${r.byHour.join(', ')}`),
      ),
      h('section', { class: 'panel' }, h('h2', {}, bi(R.byReason)), reasons),
      h('section', { class: 'panel' }, h('h2', {}, bi(R.byDestination)), destinations),
      h(
        'section',
        { class: 'panel' },
        h('h2', {}, bi(R.byOfficer)),
        officerTable,
        officers.some(([id]) => id === 'UNSIGNED')
          ? h('p', { class: 'muted small' }, bi(R.unsignedNote))
          : '',
      ),
    );
  }

  function render(): void {
    renderHeader();
    const sup = isSupervisor();
    date.disabled = !sup;
    show.disabled = !sup;
    exportBtn.disabled = !sup || !report || report.total === 0;
    if (!sup) {
      body.replaceChildren(
        h(
          'div',
          { class: 'need-supervisor', 'data-testid': 'supervisor-sign-in' },
          h('p', { class: 'big-note' }, bi(S.supervisorNeeded)),
          watch.current ? h('p', {}, bi(API_ERROR_WORDS.FORBIDDEN)) : '',
          signInForm(kiosk, watch, 'supervisor-sign-in-form'),
        ),
      );
    } else if (error) {
      body.replaceChildren(
        h(
          'div',
          { class: 'alert', 'data-code': error.code, 'data-testid': 'report-error' },
          bi(API_ERROR_WORDS[error.code]),
          error.message,
        ),
      );
    } else if (report) {
      body.replaceChildren(renderReport(report));
    } else body.replaceChildren(h('p', { class: 'muted' }, bi(S.checking)));
    strip.replaceChildren(
      h(
        'span',
        { class: 'cell' },
        bi(
          labelled(R.kiosk, report?.kioskId ? { bn: report.kioskId, en: report.kioskId } : R.notProvisioned),
        ),
      ),
      report ? h('span', { class: 'cell' }, bi(labelled(R.date, { bn: report.date, en: report.date }))) : '',
    );
  }

  async function load(): Promise<void> {
    if (!isSupervisor() || !date.value) return render();
    note.replaceChildren();
    const r = await kiosk.dailyReport({ date: date.value });
    report = r.ok ? r.value : null;
    error = r.ok ? null : r.error;
    // Refused in main (signed out meanwhile, idle): the screen follows what main says.
    if (!r.ok && (r.error.code === 'NOT_SIGNED_IN' || r.error.code === 'FORBIDDEN')) await watch.refresh();
    render();
  }

  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });

  exportBtn.addEventListener('click', async () => {
    const r = await kiosk.exportDayCsv({ date: date.value });
    if (!r.ok) {
      note.replaceChildren(bi(API_ERROR_WORDS[r.error.code]));
      if (r.error.code === 'NOT_SIGNED_IN' || r.error.code === 'FORBIDDEN') await watch.refresh();
      return;
    }
    // A download in the browser: the CSV exactly as `report --format csv` prints it.
    const url = URL.createObjectURL(new Blob([r.value.csv], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: r.value.filename, hidden: '' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    note.replaceChildren(bi(R.exported), ` · ${r.value.rows}`);
  });

  watch.onChange(() => {
    if (!isSupervisor()) report = null;
    if (root.hidden) return;
    void load();
  });

  return {
    async open() {
      if (!date.value) {
        const s = await kiosk.status();
        // Today by the kiosk's own clock (the fixed instant under --now), in Dhaka.
        date.value = dhakaDate(s.ok ? Date.parse(s.value.now) : Date.now());
      }
      await watch.refresh();
      await load();
    },
  };
}
