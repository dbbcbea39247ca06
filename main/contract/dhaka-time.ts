/**
 * Asia/Dhaka time, defined once for core, CLI and screens: `dhakaDate`, `dhakaHour`,
 * `formatDate`. Bangladesh kept daylight saving time only in 2009 and has been UTC+06:00 all
 * year since 2010, so the Dhaka date is the UTC date of (instant + 6 h): a fixed offset, and
 * no Intl call on the scan path.
 */

export const DHAKA_OFFSET_MS = 6 * 3600 * 1000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD from its parts (month 1–12). */
export function formatDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The Asia/Dhaka calendar date (YYYY-MM-DD) of an instant (ms since epoch). */
export function dhakaDate(ms: number): string {
  const d = new Date(ms + DHAKA_OFFSET_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The Asia/Dhaka hour (0–23) of an instant. */
export function dhakaHour(ms: number): number {
  return new Date(ms + DHAKA_OFFSET_MS).getUTCHours();
}
