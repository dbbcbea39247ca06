/**
 * The supervisor's printed day, shared by the screen, its A4 print and the PDF the CLI
 * renders: `ReportPage` (the day's report exactly as `report --format json`, plus the
 * names of the people in it), the rows that make its figures add up (destinations with
 * "none", results with "unreadable" and "cannot-check" apart), and a date in words as Dhaka's day.
 */
import type { DailyReport } from './staff.ts';
import type { ShownResult } from './verdict.ts';
import type { Words } from './words.ts';

export interface ReportPage {
  report: DailyReport;
  /** Names of the people in `byOfficer`, by id (UNSIGNED and unknown ids have none). */
  names: Record<string, string>;
  /** When this page was made (ISO): printed at its foot. */
  madeAt: string;
  /**
   * Each officer's scans that could not be read (by id; none: 0): within `byOfficer`'s
   * `invalid`, which counts the log's status, as `unreadable` is within `byStatus.invalid`.
   */
  unreadableByOfficer: Record<string, number>;
  /** Each officer's scans the kiosk could not check (no trust bundle; by id; none: 0): within `byOfficer`'s `invalid` too. */
  cannotCheckByOfficer: Record<string, number>;
  /**
   * The data dir's kind, from its creation: a development one (`start --dev`, BMET_KIOSK_DEV=1)
   * holds scans checked against the public development root, so its page, printed or on
   * screen, is marked DEVELOPMENT and can never pass for a real kiosk's report.
   */
  mode: 'development' | 'production';
}

/** The key of the destination row that counts scans without a verified card (unreadable, forged, …). */
export const NO_DESTINATION = 'none';

/** Destinations by count, then the scans without a verified card: the counts sum to `total`. */
export function destinationRows(r: DailyReport): [string, number][] {
  const rows = Object.entries(r.byDestination).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const none = r.total - rows.reduce((a, [, n]) => a + n, 0);
  return none > 0 ? [...rows, [NO_DESTINATION, none]] : rows;
}

/** The results a report shows, in order: bad cards apart from scans that could not be read or checked. */
export const SHOWN_RESULTS = [
  'valid',
  'warning',
  'invalid',
  'unreadable',
  'cannot-check',
] as const satisfies readonly ShownResult[];

/** The day's results as shown: bad cards apart from scans that could not be read or checked; the five sum to `total`. */
export function resultCounts(r: DailyReport): Record<ShownResult, number> {
  return {
    valid: r.byStatus.valid,
    warning: r.byStatus.warning,
    invalid: r.byStatus.invalid - r.unreadable - r.cannotCheck,
    unreadable: r.unreadable,
    'cannot-check': r.cannotCheck,
  };
}

/** One officer's results as the tiles show them: invalid cards apart from scans that could not be read or checked. */
export function officerResults(p: ReportPage, id: string): Record<ShownResult, number> & { total: number } {
  const c = p.report.byOfficer[id] ?? { total: 0, valid: 0, warning: 0, invalid: 0 };
  const unreadable = p.unreadableByOfficer[id] ?? 0;
  const cannotCheck = p.cannotCheckByOfficer[id] ?? 0;
  return {
    total: c.total,
    valid: c.valid,
    warning: c.warning,
    invalid: c.invalid - unreadable - cannotCheck,
    unreadable,
    'cannot-check': cannotCheck,
  };
}

/** YYYY-MM-DD plus `days` (negative: back), on the calendar. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A Dhaka calendar date in words, weekday first: "মঙ্গলবার, ১ ডিসেম্বর ২০২৬" / "Tuesday 1
 * December 2026" — never a browser's month-first order. The date is a calendar day already,
 * so it is formatted as that day in UTC (no instant, no time zone to shift it).
 */
export function dayWords(date: string): Words {
  const d = new Date(`${date}T00:00:00Z`);
  const parts = (locale: string) => {
    const p = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).formatToParts(d);
    const get = (t: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === t)?.value ?? '';
    return { weekday: get('weekday'), day: get('day'), month: get('month'), year: get('year') };
  };
  const bn = parts('bn-BD');
  const en = parts('en-GB');
  return {
    bn: `${bn.weekday}, ${bn.day} ${bn.month} ${bn.year}`,
    en: `${en.weekday} ${en.day} ${en.month} ${en.year}`,
  };
}

/** A short form for the week table: "মঙ্গল ১ ডিসে" / "Tue 1 Dec". */
export function shortDayWords(date: string): Words {
  const d = new Date(`${date}T00:00:00Z`);
  const f = (locale: string) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
      .formatToParts(d)
      .filter((x) => x.type !== 'literal')
      .map((x) => x.value)
      .join(' ');
  return { bn: f('bn-BD'), en: f('en-GB') };
}

/** The day's A4 page as a PDF, for a download (base64: replies are JSON). */
export interface ReportPdf {
  date: string;
  filename: string;
  pdfBase64: string;
}
