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
