/** The verdict the core gives for one scan, as the CLI prints it and the screens show it. */
import type { Clearance } from './clearance.ts';
import { KIOSK_CODES, type Reason, type ReasonCode, type Status } from './codes.ts';

export interface Verdict {
  status: Status;
  reasons: Reason[];
  /** The kid named by the card (base64url), once it could be read; null before that. */
  kid: string | null;
  /** The clearance, only when the signature was verified; null otherwise. */
  clearance: Clearance | null;
  /** CWT claims, only when the signature was verified. */
  claims?: { iss: string; iat: number; exp: number } | null;
}

/**
 * Read failures: codes that say only that the scanned text was not a whole, intact card —
 * never that a card is bad. A scan the kiosk could not read is answered "could not read
 * the code, scan again", not red, and counted apart in reports (`unreadable`); the log
 * record keeps the spec's status (invalid). This list is the one place that decides it:
 * screens, the report and the CSV all ask `isUnreadable`.
 *
 * - FORMAT_UNKNOWN: no `BMET1:` prefix — the tail of a split wedge burst, another QR, noise.
 * - BASE45_INVALID: characters outside the alphabet or a bad length — a misread or cut scan.
 * - DECOMPRESS_FAILED: the zlib stream is cut or its Adler-32 does not match — a cut scan.
 * - PAYLOAD_TOO_LARGE: longer than any card — two scans run together, or noise.
 *
 * Not COSE_MALFORMED: a scan cut anywhere inside the base45 text fails zlib first (the
 * stream ends early or its checksum fails), so a malformed COSE structure only comes from
 * a stream whose checksum held — bytes someone's encoder made that way, which is the
 * card's fault, not the reader's. The same holds for every later code (alg, kid,
 * signature, schema, rules): those cards were read whole and are answered on their merits.
 */
export const READ_FAILURE_CODES = [
  'FORMAT_UNKNOWN',
  'BASE45_INVALID',
  'DECOMPRESS_FAILED',
  'PAYLOAD_TOO_LARGE',
] as const satisfies readonly ReasonCode[];

/** What a screen shows and a report counts: the spec's status, or `unreadable` for an invalid verdict of read failures only. */
export type ShownStatus = Status | 'unreadable';

export function isReadFailure(code: string): boolean {
  return (READ_FAILURE_CODES as readonly string[]).includes(code);
}

/** An invalid verdict whose reasons are all read failures: the code could not be read, scan again. */
export function isUnreadable(status: Status, codes: readonly string[]): boolean {
  return status === 'invalid' && codes.length > 0 && codes.every(isReadFailure);
}

/** The status to show for a verdict (or a log row): `unreadable` apart from a bad card's `invalid`. */
export function shownStatus(status: Status, codes: readonly string[]): ShownStatus {
  return isUnreadable(status, codes) ? 'unreadable' : status;
}

/**
 * An invalid verdict whose reasons are all the kiosk's own (`KIOSK_CODES`: no trust bundle was
 * in force): the card was never judged. The desk says "cannot check, call a technician" and a
 * report counts it apart from bad cards (`cannotCheck`); the log record keeps invalid.
 */
export function isCannotCheck(status: Status, codes: readonly string[]): boolean {
  return (
    status === 'invalid' &&
    codes.length > 0 &&
    codes.every((c) => (KIOSK_CODES as readonly string[]).includes(c))
  );
}

/** A verdict's result as the desk shows it and a report counts it: the shown status, or `cannot-check`. */
export type ShownResult = ShownStatus | 'cannot-check';

/** The one place that sorts a verdict (or a log row) into the results screens, reports and the CSV use. */
export function shownResult(status: Status, codes: readonly string[]): ShownResult {
  return isCannotCheck(status, codes) ? 'cannot-check' : shownStatus(status, codes);
}
