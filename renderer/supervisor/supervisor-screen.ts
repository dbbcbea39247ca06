/**
 * The supervisor screen: one Asia/Dhaka day (`reportPage`: the same figures as `report
 * --format json`, with officers' names) drawn by `reportView`, or the seven days up to it
 * (`weekView`); previous/next day, today; print (the A4 print stylesheet), the PDF printed
 * in main (`reportPdf`) and the CSV (`exportDayCsv`, exactly `report --format csv`), both
 * audited there. Main refuses all of it to anyone but a signed-in supervisor; without one
 * this screen shows the sign-in form instead.
 */
import './supervisor.css';
import type { ApiError, KioskApi, KioskStatus } from '../../main/contract/api.ts';
import { dhakaDate } from '../../main/contract/dhaka-time.ts';
import { addDays, dayWords, type ReportPage } from '../../main/contract/report-page.ts';
import { isIsoDate, type DailyReport } from '../../main/contract/staff.ts';
import {
  API_ERROR_WORDS,
  DAY_WORDS as D,
  REPORT_WORDS as R,
  ROLE_WORDS,
  SIGN_IN_WORDS as S,
} from '../../main/contract/words.ts';
import { signInForm, type SessionWatch } from '../auth/sign-in.ts';
import { bi, h, handled, inBackground, labelled, placeChildren } from '../dom.ts';
import { markers, modeMarkers } from '../mode-markers.ts';
import { download, downloadBase64 } from './download.ts';
import { reportView } from './report-view.ts';
import { weekView } from './week-view.ts';

export interface SupervisorScreen {
  /** Shows the screen and loads the chosen day (today, by the kiosk's clock, the first time). */
  open(): Promise<void>;
}

const button = (testid: string, words: Parameters<typeof bi>[0], cls = '') =>
  h('button', { type: 'button', class: cls, 'data-testid': testid }, bi(words));

export function mountSupervisorScreen(
  root: HTMLElement,
  kiosk: KioskApi,
  watch: SessionWatch,
  onBack: () => void,
): SupervisorScreen {
  const header = h('header', { class: 'top' });
  // A text field in ISO order, not type=date: Chromium shows that in its own locale's order (11/22/2026 in en-US).
  // No required or pattern: what is typed is judged by load(), which says what is wrong in both languages.
  const date = h('input', {
    type: 'text',
    class: 'report-date',
    'data-testid': 'report-date',
    inputmode: 'numeric',
    placeholder: 'YYYY-MM-DD',
    maxlength: '10',
    size: '10',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const show = h('button', { type: 'submit', 'data-testid': 'report-show' }, bi(R.show));
  const prev = button('report-prev', D.previous, 'ghost');
  const next = button('report-next', D.next, 'ghost');
  const today = button('report-today', D.today, 'ghost');
  const dayBtn = button('report-view-day', D.day, 'ghost');
  const weekBtn = button('report-view-week', D.week, 'ghost');
  const printBtn = button('report-print', D.print, 'secondary');
  const pdfBtn = button('report-pdf', D.pdf, 'secondary');
  const exportBtn = button('report-export', R.exportCsv, 'secondary');
  const note = h('span', { class: 'report-note', 'data-testid': 'report-note', role: 'status' });
  // novalidate: the browser's own check would stop Show with a bubble in its language (English),
  // leaving the last day's report on screen, printable; the screen judges the date itself.
  const controls = h(
    'form',
    { class: 'report-controls', 'data-own-focus': '', novalidate: '' },
    h('span', { class: 'nav' }, prev, h('label', {}, bi(R.date), date), next, today, show),
    h('span', { class: 'nav' }, dayBtn, weekBtn),
    h('span', { class: 'nav' }, printBtn, pdfBtn, exportBtn),
    note,
  );
  const body = h('main', { class: 'report-body', 'data-testid': 'supervisor-body' });
  const strip = h('footer', { class: 'strip' });
  root.replaceChildren(header, controls, body, strip);

  let view: 'day' | 'week' = 'day';
  let page: ReportPage | null = null;
  let week: DailyReport[] | null = null;
  let error: ApiError | null = null;
  /**
   * Nothing is typed, what is typed is not a day on the calendar (2026-02-30, abc), or it is a
   * day after the kiosk's today: nothing is shown, nothing can be printed, and the screen says which.
   */
  let dayProblem: 'no-date' | 'not-a-date' | 'not-yet' | null = null;
  /** The kiosk's today (its clock, fixed under --now), in Dhaka. */
  let todayDate = '';
  /** The kiosk's status when today was last asked: its DEVELOPMENT / TEST ROOTS markers. */
  let status: KioskStatus | null = null;

  const isSupervisor = () => watch.current?.role === 'supervisor';
  /** A day's report is on screen (what Print and the downloads are of). */
  const dayShown = () => view === 'day' && page !== null && dayProblem === null;
  // One form for the screen's life, placed by each render: made anew per render it lost what a
  // person had typed whenever the screen redrew (its report arriving, a session change) mid-typing.
  const signIn = signInForm(kiosk, watch, 'supervisor-sign-in-form');
  // Its block is made once too and placed, not replaced, so its Sign in button stays in the page
  // through a redraw (see the header, below). The second line shows when someone else is signed in.
  const notSupervisor = h('p', {}, bi(API_ERROR_WORDS.FORBIDDEN));
  const needSupervisor = h(
    'div',
    { class: 'need-supervisor', 'data-testid': 'supervisor-sign-in' },
    h('p', { class: 'big-note' }, bi(S.supervisorNeeded)),
    notSupervisor,
    signIn,
  );

  // The header is built once and only its parts change: a button taken out of the page between a
  // finger going down on it and coming up gets no click (Chromium drops the click of a pressed node
  // that leaves the document, even if put back), and a redraw (the session's or a report's answer
  // arriving) that rebuilt the header lost a tap on Back or Sign out that way.
  const out = button('supervisor-sign-out', S.signOut, 'top-button');
  out.addEventListener('click', () => inBackground(watch.signOut()));
  const back = button('supervisor-back', R.back, 'top-button');
  back.addEventListener('click', onBack);
  const modes = markers();
  const who = h('div', { class: 'officer', 'data-testid': 'supervisor-person' });
  header.replaceChildren(h('h1', {}, bi(R.title)), modes, who, out, back);

  function renderHeader(): void {
    const s = watch.current;
    modes.replaceChildren(...modeMarkers(status));
    who.hidden = out.hidden = !s;
    who.replaceChildren(
      ...(s ? [bi(ROLE_WORDS[s.role]), h('strong', { class: 'person' }, `${s.personId} · ${s.name}`)] : []),
    );
  }

  function render(): void {
    renderHeader();
    const sup = isSupervisor();
    for (const b of [date, show, prev, next, today, dayBtn, weekBtn]) b.disabled = !sup;
    next.disabled = !sup || (todayDate !== '' && date.value >= todayDate);
    dayBtn.setAttribute('aria-pressed', String(view === 'day'));
    weekBtn.setAttribute('aria-pressed', String(view === 'week'));
    const hasDay = dayShown();
    printBtn.disabled = !sup || !hasDay;
    pdfBtn.disabled = !sup || !hasDay;
    exportBtn.disabled = !sup || !hasDay || page!.report.total === 0;
    if (!sup) {
      notSupervisor.hidden = !watch.current;
      placeChildren(body, needSupervisor);
    } else if (dayProblem === 'no-date') {
      body.replaceChildren(h('p', { class: 'alert', 'data-testid': 'report-no-date' }, bi(R.noDate)));
    } else if (dayProblem === 'not-a-date') {
      body.replaceChildren(h('p', { class: 'alert', 'data-testid': 'report-not-a-date' }, bi(R.notADate)));
    } else if (dayProblem === 'not-yet') {
      body.replaceChildren(
        h(
          'div',
          { class: 'alert', 'data-testid': 'report-not-yet' },
          h('p', {}, bi(R.notYet)),
          h('p', {}, bi(labelled(D.today, dayWords(todayDate)))),
        ),
      );
    } else if (error) {
      // Words and the code only: main's message is for the journal, in a developer's English.
      body.replaceChildren(
        h(
          'div',
          { class: 'alert', 'data-code': error.code, 'data-testid': 'report-error' },
          bi(API_ERROR_WORDS[error.code]),
          h('span', { class: 'code' }, error.code),
        ),
      );
    } else if (view === 'week' && week) {
      body.replaceChildren(
        h(
          'h2',
          { class: 'week-of', 'data-testid': 'report-day' },
          `${dayWords(shownDay()).bn} / ${dayWords(shownDay()).en}`,
        ),
        weekView(week, (d) => {
          date.value = d;
          view = 'day';
          inBackground(load());
        }),
      );
    } else if (view === 'day' && page) {
      body.replaceChildren(reportView(page));
    } else body.replaceChildren(h('p', { class: 'muted' }, bi(S.checking)));
    const kioskId = page?.report.kioskId ?? week?.[0]?.kioskId ?? null;
    strip.replaceChildren(
      h(
        'span',
        { class: 'cell' },
        bi(labelled(R.kiosk, kioskId ? { bn: kioskId, en: kioskId } : R.notProvisioned)),
      ),
      isIsoDate(date.value) ? h('span', { class: 'cell' }, bi(labelled(R.date, dayWords(date.value)))) : '',
    );
  }

  /** The kiosk's today in Dhaka, by its clock (fixed under --now). */
  async function kioskToday(): Promise<string> {
    const s = await kiosk.status();
    if (s.ok) status = s.value;
    return dhakaDate(s.ok ? Date.parse(s.value.now) : Date.now());
  }

  /** A refusal in main (signed out meanwhile, idle): the screen follows what main says. */
  async function refused(e: ApiError): Promise<void> {
    if (e.code === 'NOT_SIGNED_IN' || e.code === 'FORBIDDEN') await watch.refresh();
  }

  async function load(): Promise<void> {
    if (!isSupervisor()) return render();
    note.replaceChildren();
    date.value = date.value.trim();
    const asked = `${view} ${date.value}`;
    // A day later than the kiosk's today asks the kiosk again first: the screen may have been open since yesterday.
    if (isIsoDate(date.value) && date.value > todayDate) {
      todayDate = await kioskToday();
      if (asked !== `${view} ${date.value}`) return;
    }
    // A day not on the calendar, or not come yet, clears what was shown: its figures were another day's.
    dayProblem = !date.value
      ? 'no-date'
      : !isIsoDate(date.value)
        ? 'not-a-date'
        : date.value > todayDate
          ? 'not-yet'
          : null;
    if (dayProblem) {
      page = null;
      week = null;
      error = null;
      return render();
    }
    if (view === 'day') {
      const r = await kiosk.reportPage({ date: date.value });
      if (asked !== `${view} ${date.value}`) return; // another day was asked for meanwhile
      page = r.ok ? r.value : null;
      error = r.ok ? null : r.error;
      if (!r.ok) await refused(r.error);
    } else {
      const days = [-6, -5, -4, -3, -2, -1, 0].map((d) => addDays(date.value, d));
      const answers = await Promise.all(days.map((d) => kiosk.dailyReport({ date: d })));
      if (asked !== `${view} ${date.value}`) return;
      const bad = answers.find((a) => !a.ok);
      week = bad ? null : answers.map((a) => (a.ok ? a.value : null)!);
      error = bad && !bad.ok ? bad.error : null;
      if (bad && !bad.ok) await refused(bad.error);
    }
    render();
  }

  function go(d: string): void {
    date.value = d;
    inBackground(load());
  }
  /** The field's day, or today when what is typed there is not a date. */
  const shownDay = () => (isIsoDate(date.value) ? date.value : todayDate);
  prev.addEventListener('click', () => go(addDays(shownDay(), -1)));
  next.addEventListener('click', () => go(addDays(shownDay(), 1)));
  today.addEventListener('click', () => go(todayDate));
  dayBtn.addEventListener('click', () => {
    view = 'day';
    inBackground(load());
  });
  weekBtn.addEventListener('click', () => {
    view = 'week';
    inBackground(load());
  });
  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    inBackground(load());
  });
  // The print stylesheet leaves only the report on an A4 page.
  printBtn.addEventListener('click', () => window.print());

  pdfBtn.addEventListener(
    'click',
    handled(async () => {
      // The day on screen, not whatever is typed in the field since.
      const day = page?.report.date;
      if (!day) return;
      note.replaceChildren(bi(D.pdfMaking));
      pdfBtn.disabled = true;
      const r = await kiosk.reportPdf({ date: day });
      pdfBtn.disabled = !isSupervisor() || !dayShown();
      if (!r.ok) {
        note.replaceChildren(bi(API_ERROR_WORDS[r.error.code]), h('span', { class: 'code' }, r.error.code));
        return refused(r.error);
      }
      downloadBase64(r.value.pdfBase64, 'application/pdf', r.value.filename);
      note.replaceChildren(bi(R.exported));
    }),
  );

  exportBtn.addEventListener(
    'click',
    handled(async () => {
      const day = page?.report.date;
      if (!day) return;
      const r = await kiosk.exportDayCsv({ date: day });
      if (!r.ok) {
        note.replaceChildren(bi(API_ERROR_WORDS[r.error.code]), h('span', { class: 'code' }, r.error.code));
        return refused(r.error);
      }
      // The CSV exactly as `report --format csv` prints it (UTF-8 with its BOM).
      download(new Blob([r.value.csv], { type: 'text/csv;charset=utf-8' }), r.value.filename);
      note.replaceChildren(bi(R.exported), ` · ${r.value.rows}`);
    }),
  );

  watch.onChange(() => {
    if (!isSupervisor()) {
      page = null;
      week = null;
    }
    if (root.hidden) return;
    inBackground(load());
  });

  return {
    async open() {
      if (!todayDate) todayDate = await kioskToday();
      if (!date.value) date.value = todayDate;
      await watch.refresh();
      await load();
    },
  };
}
