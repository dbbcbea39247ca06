/**
 * The daily report of cli.md (and the supervisor screen): totals, by status, reason, local
 * hour (Asia/Dhaka), destination and officer, for one local date, read through the
 * local_date index; and the day's rows for CSV export.
 */
import type { ReasonCode, Status } from '../../contract/codes.ts';
import { DHAKA_OFFSET_MS } from '../../contract/dhaka-time.ts';
import type { ReportPage } from '../../contract/report-page.ts';
import type { DailyReport, StatusCounts } from '../../contract/staff.ts';
import { isCannotCheck, isUnreadable, shownResult } from '../../contract/verdict.ts';
import { REASON_WORDS, type Words } from '../../contract/words.ts';
import { isCalendarDate } from '../verify/dates.ts';
import { hasTable, type Db } from './database.ts';
import type { WireReason } from './outbox.ts';

// The shape is the contract's: the supervisor screen reads exactly what `report --format json` prints.
export type { DailyReport, StatusCounts };

export const REPORT_SQL =
  'SELECT local_hour, status, destination, officer_id, reasons, clearance_id FROM verifications WHERE local_date = ?';
const dayRowsSql = (
  tripCheck: string,
) => `SELECT seq, id, scanned_at, officer_id, kiosk_id, status, reasons, clearance_id, passport, name,
  destination, visa_type, kid, qr_sha256,
  ${tripCheck} AS trip_check
  FROM verifications WHERE local_date = ? ORDER BY local_date, seq`;
export const DAY_ROWS_SQL = dayRowsSql(
  '(SELECT outcome FROM trip_checks t WHERE t.verification_seq = verifications.seq ORDER BY t.id DESC LIMIT 1)',
);
/** The day's boarding-pass checks by outcome (their own table: they are not verdicts). */
export const TRIP_COUNTS_SQL =
  'SELECT outcome, COUNT(*) FROM trip_checks WHERE local_date = ? GROUP BY outcome';

export function dailyReport(db: Db, date: string, kioskId: string | null): DailyReport {
  return dayFigures(db, date, kioskId).report;
}

/** The day's figures for the supervisor's page: the report, and each officer's scans that could not be read or checked. */
export interface DayFigures {
  report: DailyReport;
  unreadableByOfficer: Record<string, number>;
  cannotCheckByOfficer: Record<string, number>;
}

/** The day's report and, for the supervisor's page, each officer's scans that could not be read or checked. */
export function dayFigures(db: Db, date: string, kioskId: string | null): DayFigures {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const byStatus: StatusCounts = { valid: 0, warning: 0, invalid: 0 };
  const byReason: Record<string, number> = {};
  const byHour = new Array<number>(24).fill(0);
  const byDestination: Record<string, number> = {};
  const byOfficer: DailyReport['byOfficer'] = {};
  let total = 0;
  let unreadable = 0;
  let cannotCheck = 0;
  const unreadableByOfficer: Record<string, number> = {};
  const cannotCheckByOfficer: Record<string, number> = {};
  // clearance_id is only written once the signature held: these are the verified cards.
  const clearances = new Set<string>();
  const rows = db.prepare(REPORT_SQL).raw().iterate(date) as IterableIterator<
    [number, Status, string | null, string, string, string | null]
  >;
  for (const [hour, status, dst, officer, reasons, cid] of rows) {
    total++;
    byStatus[status]++;
    byHour[hour]!++;
    if (dst) byDestination[dst] = (byDestination[dst] ?? 0) + 1;
    const o = (byOfficer[officer] ??= { total: 0, valid: 0, warning: 0, invalid: 0 });
    o.total++;
    o[status]++;
    if (cid) clearances.add(cid);
    if (reasons !== '[]') {
      const codes = [...new Set((JSON.parse(reasons) as WireReason[]).map((r) => r.code))];
      for (const code of codes) byReason[code] = (byReason[code] ?? 0) + 1;
      if (isUnreadable(status, codes)) {
        unreadable++;
        unreadableByOfficer[officer] = (unreadableByOfficer[officer] ?? 0) + 1;
      } else if (isCannotCheck(status, codes)) {
        cannotCheck++;
        cannotCheckByOfficer[officer] = (cannotCheckByOfficer[officer] ?? 0) + 1;
      }
    }
  }
  const tripChecks: DailyReport['tripChecks'] = { match: 0, warning: 0, mismatch: 0 };
  // A data dir of a schema before 6, read as it is (reader.ts), has no boarding-pass checks.
  const trips = hasTable(db, 'trip_checks') ? db.prepare(TRIP_COUNTS_SQL).raw().all(date) : [];
  for (const [outcome, n] of trips as [keyof typeof tripChecks, number][]) {
    tripChecks[outcome] = n;
  }
  return {
    report: {
      date,
      kioskId,
      total,
      byStatus,
      byReason,
      byHour,
      byDestination,
      byOfficer,
      unreadable,
      uniqueClearances: clearances.size,
      tripChecks,
      // Beyond cli.md's fields, as tripChecks: within byStatus.invalid, as unreadable is.
      cannotCheck,
    },
    unreadableByOfficer,
    cannotCheckByOfficer,
  };
}

/** The supervisor's printed page of a day: the report, the names of the people in it, and their scans not read or not checked. */
export function reportPageOf(
  figures: DayFigures,
  nameOf: (id: string) => string | null,
  madeAt: string,
  mode: ReportPage['mode'],
): ReportPage {
  const names: Record<string, string> = {};
  for (const id of Object.keys(figures.report.byOfficer)) {
    const name = nameOf(id);
    if (name) names[id] = name;
  }
  return {
    report: figures.report,
    names,
    madeAt,
    unreadableByOfficer: figures.unreadableByOfficer,
    cannotCheckByOfficer: figures.cannotCheckByOfficer,
    mode,
  };
}

export const CSV_COLUMNS = [
  'seq',
  'id',
  'scannedAtDhaka',
  'officerId',
  'kioskId',
  'status',
  'result',
  'reasons',
  'reasonWords',
  'clearanceId',
  'passport',
  'name',
  'destination',
  'visaType',
  'kid',
  'qrSha256',
  // The latest boarding-pass check made against this verification's card: match, warning, mismatch or empty.
  'tripCheck',
] as const;

/** Spreadsheet programs read a file as UTF-8 (and so show Bangla) only when it starts with this mark. */
export const CSV_BOM = '\uFEFF';

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote anything with a separator, quote or newline; a leading formula character is defused for spreadsheets.
  const safe = /^[=+@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** An instant as Dhaka wall-clock time, "YYYY-MM-DD HH:MM:SS" (a form spreadsheets read as a date and time). */
export function dhakaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + DHAKA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Each reason in words, Bangla then English, in the order of the codes. */
function reasonWords(reasons: WireReason[]): string {
  return reasons
    .map((x) => {
      const w = REASON_WORDS[x.code as ReasonCode] as Words | undefined;
      return w ? `${w.bn} / ${w.en}` : x.code;
    })
    .join('; ');
}

/**
 * The day's verifications as CSV (RFC 4180, CRLF, UTF-8 with a BOM), one row each: the time
 * in Dhaka, the log's status and the shown result (`unreadable` and `cannot-check` apart from
 * `invalid`), reasons as codes joined by ';' (rule ids after ':') and beside them in words.
 */
export function* dailyCsv(db: Db, date: string): Generator<string> {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  yield CSV_BOM + CSV_COLUMNS.join(',') + '\r\n';
  const sql = hasTable(db, 'trip_checks') ? DAY_ROWS_SQL : dayRowsSql('NULL');
  for (const r of db.prepare(sql).iterate(date) as IterableIterator<Record<string, string | number | null>>) {
    const wire = JSON.parse(r.reasons as string) as WireReason[];
    const codes = wire.map((x) => x.code);
    const row = [
      r.seq,
      r.id,
      dhakaDateTime(r.scanned_at as string),
      r.officer_id,
      r.kiosk_id,
      r.status,
      shownResult(r.status as Status, codes),
      wire.map((x) => (x.rule ? `${x.code}:${x.rule}` : x.code)).join(';'),
      reasonWords(wire),
      r.clearance_id,
      r.passport,
      r.name,
      r.destination,
      r.visa_type,
      r.kid,
      r.qr_sha256,
      r.trip_check,
    ];
    yield row.map(csvCell).join(',') + '\r\n';
  }
}
