/**
 * The boarding-pass cross-check's contract: codes, the parsed pass the kiosk keeps, and the
 * result of checking a trip against a verified clearance. A boarding pass is not signed
 * data the kiosk can verify: this is a consistency check, never a verdict on the card.
 */

/** Why a scanned text is not a usable boarding pass. */
export const PASS_CODES = ['PASS_NOT_BCBP', 'PASS_MALFORMED'] as const;
export type PassCode = (typeof PASS_CODES)[number];

/** A pass's name field as printed (trailing spaces cut): a letter, then letters, spaces and / . ' - */
export const PASS_NAME_RE = /^[A-Z][A-Z /.'-]*$/;

/** The head of a BCBP M-format pass: 'M', the number of legs (1–4), the 20-character name field. */
export const PASS_HEAD_CHARS = 22;

/**
 * How far `s` is a pass head: 'full' when its first PASS_HEAD_CHARS characters are one,
 * 'partial' while it can still become one, else 'no'. The desk's keyboard-wedge decoder uses
 * it to keep a slow scanner's pass whole, as it does a card after `BMET1:`.
 */
export function passHead(s: string): 'no' | 'partial' | 'full' {
  const n = Math.min(s.length, PASS_HEAD_CHARS);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const letter = c >= 0x41 && c <= 0x5a;
    const ok =
      i === 0
        ? c === 0x4d // M
        : i === 1
          ? c >= 0x31 && c <= 0x34 // 1-4
          : i === 2
            ? letter
            : letter || c === 0x20 || c === 0x2f || c === 0x2e || c === 0x27 || c === 0x2d; // space / . ' -
    if (!ok) return 'no';
  }
  return s.length >= PASS_HEAD_CHARS ? 'full' : 'partial';
}

/** What the trip check can find; each finding has one severity (TRIP_FINDING_SEVERITY). */
export const TRIP_CODES = [
  'TRIP_NO_CLEARANCE',
  'TRIP_NAME_PARTIAL',
  'TRIP_NAME_MISMATCH',
  'TRIP_WRONG_AIRPORT',
  'TRIP_ONWARD_FIRST',
  'TRIP_CONNECTING',
  'TRIP_WRONG_DESTINATION',
  'TRIP_AIRPORT_UNKNOWN',
  'TRIP_WRONG_DATE',
  'TRIP_CHAIN_BROKEN',
] as const;
export type TripCode = (typeof TRIP_CODES)[number];

export type TripOutcome = 'match' | 'warning' | 'mismatch';

/** The outcome each finding forces; the trip's outcome is the worst of its findings. */
export const TRIP_FINDING_SEVERITY: Record<TripCode, TripOutcome> = {
  TRIP_NO_CLEARANCE: 'warning', // nothing to compare yet: the officer scans the card, then the pass again
  TRIP_NAME_PARTIAL: 'warning', // the officer compares the two names shown side by side
  TRIP_NAME_MISMATCH: 'mismatch',
  TRIP_WRONG_AIRPORT: 'mismatch',
  TRIP_ONWARD_FIRST: 'warning', // an onward pass (from a hub) scanned before the pass from this airport
  TRIP_CONNECTING: 'warning', // ask for the onward pass; scanning it completes the chain
  TRIP_WRONG_DESTINATION: 'mismatch',
  TRIP_AIRPORT_UNKNOWN: 'warning', // an airport the bundled dataset does not know: the officer reads the pass
  TRIP_WRONG_DATE: 'mismatch',
  TRIP_CHAIN_BROKEN: 'mismatch', // an onward pass that does not leave from where the last one arrived
};

const RANK: Record<TripOutcome, number> = { match: 0, warning: 1, mismatch: 2 };

/** The worst outcome among findings (mismatch > warning > match). */
export function tripOutcome(codes: readonly TripCode[]): TripOutcome {
  let worst: TripOutcome = 'match';
  for (const c of codes) if (RANK[TRIP_FINDING_SEVERITY[c]] > RANK[worst]) worst = TRIP_FINDING_SEVERITY[c];
  return worst;
}

/** One flight of a pass: only what the check needs (no PNR, no seat). */
export interface PassLeg {
  from: string;
  to: string;
  /** Operating carrier designator and flight number, e.g. "EK 0583". */
  flight: string;
  /** Day of the year of the flight (1–366), as printed; the year is inferred from the scan date. */
  dayOfYear: number;
}

/** A boarding pass as the kiosk keeps it. */
export interface BoardingPass {
  /** The name as printed, `SURNAME/GIVEN TITLE`, cut at 20 characters by the standard. */
  name: string;
  legs: PassLeg[];
}

export interface TripFinding {
  code: TripCode;
  /** The airport concerned (wrong airport, connecting hub, unknown airport). */
  airport?: string;
  /** The country the airport is in, ISO 3166-1 alpha-2, when known. */
  country?: string;
}

/** The result of a boarding pass scanned at the desk. */
export interface TripCheck {
  outcome: TripOutcome;
  findings: TripFinding[];
  pass: BoardingPass;
  /** The flight date the check read from the first leg (YYYY-MM-DD, inferred year). */
  flightDate: string;
  /** The clearance the pass was checked against, or null when none was scanned before it. */
  clearance: { cid: string; nm: string; dst: string } | null;
  /** The airports of the whole chain so far (this pass and the passes before it for this clearance). */
  route: string[];
  /** True when the chain ends in the destination country. */
  complete: boolean;
}
