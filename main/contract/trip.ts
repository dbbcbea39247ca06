/**
 * The boarding-pass cross-check's contract: codes, the parsed pass the kiosk keeps, and the
 * result of checking a trip against a verified clearance. A boarding pass is not signed
 * data the kiosk can verify: this is a consistency check, never a verdict on the card.
 */

/** Why a scanned text is not a usable boarding pass. */
export const PASS_CODES = ['PASS_NOT_BCBP', 'PASS_MALFORMED'] as const;
export type PassCode = (typeof PASS_CODES)[number];

/** What the trip check can find; each finding has one severity (TRIP_FINDING_SEVERITY). */
export const TRIP_CODES = [
  'TRIP_NO_CLEARANCE',
  'TRIP_NAME_PARTIAL',
  'TRIP_NAME_MISMATCH',
  'TRIP_WRONG_AIRPORT',
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
