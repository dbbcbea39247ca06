/**
 * The desk's settings, shared by main (which reads them from the data dir) and the screen:
 * how long a verdict stays before the desk clears to "ready for the next card".
 */

/** Data-dir setting: whole seconds a verdict stays on the desk (so one worker's green is never shown to the next). */
export const DESK_CLEAR_SETTING = 'desk.clearSeconds';
export const DEFAULT_DESK_CLEAR_SECONDS = 60;
export const MIN_DESK_CLEAR_SECONDS = 1;
export const MAX_DESK_CLEAR_SECONDS = 3600;

/** The setting's value as seconds; absent or not a whole number in bounds: the default (a bad setting never blocks the desk). */
export function deskClearSeconds(raw: string | null | undefined): number {
  if (raw === null || raw === undefined || !/^\d{1,5}$/.test(raw.trim())) return DEFAULT_DESK_CLEAR_SECONDS;
  const n = Number(raw.trim());
  return n >= MIN_DESK_CLEAR_SECONDS && n <= MAX_DESK_CLEAR_SECONDS ? n : DEFAULT_DESK_CLEAR_SECONDS;
}
