/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings, which compare correctly as text. The
 * Asia/Dhaka date and hour of an instant are the contract's (main/contract/dhaka-time.ts).
 */
import { DHAKA_OFFSET_MS, dhakaDate, dhakaHour, formatDate } from '../../contract/dhaka-time.ts';

export { DHAKA_OFFSET_MS, dhakaDate, dhakaHour, formatDate };
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS[month - 1]!;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

// RFC 3339 date-time in UTC: upper-case T and Z, optional fractional seconds.
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/**
 * True for an RFC 3339 UTC instant that names a real moment: a calendar date, hour 00–23, minute
 * and second 00–59. V8's Date.parse takes hour 24 (`T24:00:00Z`, the next day's midnight) and
 * rolls 30 February over into March, so it is not asked. A leap second (`23:59:60Z`) is refused:
 * a JS instant cannot hold one.
 */
export function isUtcInstant(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = INSTANT_RE.exec(s);
  return !!m && isCalendarDate(m[1]) && Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4]) <= 59;
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** date + n calendar months (n may be negative); a day past the target month's end clamps to its last day. */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const idx = y * 12 + (m - 1) + n;
  const ty = Math.floor(idx / 12);
  const tm = (idx % 12) + 1;
  return formatDate(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** Age in whole years on `today` for someone born on `dob` (a 29 Feb birthday counts from 1 Mar in common years). */
export function ageOn(dob: string, today: string): number {
  const [by, bm, bd] = parts(dob);
  const [ty, tm, td] = parts(today);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}
