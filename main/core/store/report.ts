/**
 * The daily report of cli.md (and the supervisor screen): totals, by status, reason, local
 * hour (Asia/Dhaka), destination and officer, for one local date, read through the
 * local_date index; and the day's rows for CSV export.
 */
import type { Status } from '../../contract/codes.ts';
import type { DailyReport, StatusCounts } from '../../contract/staff.ts';
import { isUnreadable } from '../../contract/verdict.ts';
import { isCalendarDate } from '../verify/dates.ts';
import type { Db } from './database.ts';
import type { WireReason } from './outbox.ts';

// The shape is the contract's: the supervisor screen reads exactly what `report --format json` prints.
export type { DailyReport, StatusCounts };

export const REPORT_SQL =
  'SELECT local_hour, status, destination, officer_id, reasons, clearance_id FROM verifications WHERE local_date = ?';
export const DAY_ROWS_SQL = `SELECT seq, id, scanned_at, officer_id, kiosk_id, status, reasons, clearance_id, passport, name,
  destination, visa_type, kid, qr_sha256 FROM verifications WHERE local_date = ? ORDER BY local_date, seq`;

export function dailyReport(db: Db, date: string, kioskId: string | null): DailyReport {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const byStatus: StatusCounts = { valid: 0, warning: 0, invalid: 0 };
  const byReason: Record<string, number> = {};
  const byHour = new Array<number>(24).fill(0);
  const byDestination: Record<string, number> = {};
  const byOfficer: DailyReport['byOfficer'] = {};
  let total = 0;
  let unreadable = 0;
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
      if (isUnreadable(status, codes)) unreadable++;
    }
  }
  return {
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
  };
}

export const CSV_COLUMNS = [
  'seq',
  'id',
  'scannedAt',
  'officerId',
  'kioskId',
  'status',
  'reasons',
  'clearanceId',
  'passport',
  'name',
  'destination',
  'visaType',
  'kid',
  'qrSha256',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote anything with a separator, quote or newline; a leading formula character is defused for spreadsheets.
  const safe = /^[=+@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The day's verifications as CSV (RFC 4180, CRLF), one row each; reasons as codes joined by ';' (rule ids after ':'). */
export function* dailyCsv(db: Db, date: string): Generator<string> {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  yield CSV_COLUMNS.join(',') + '\r\n';
  for (const r of db.prepare(DAY_ROWS_SQL).iterate(date) as IterableIterator<
    Record<string, string | number | null>
  >) {
    const reasons = (JSON.parse(r.reasons as string) as WireReason[])
      .map((x) => (x.rule ? `${x.code}:${x.rule}` : x.code))
      .join(';');
    const row = [
      r.seq,
      r.id,
      r.scanned_at,
      r.officer_id,
      r.kiosk_id,
      r.status,
      reasons,
      r.clearance_id,
      r.passport,
      r.name,
      r.destination,
      r.visa_type,
      r.kid,
      r.qr_sha256,
    ];
    yield row.map(csvCell).join(',') + '\r\n';
  }
}
