/**
 * `checkTrip`: a boarding pass against the clearance verified just before it at the same
 * desk: the name, the route (from this airport to the destination country, through hubs
 * on onward passes) and the flight date (the Dhaka date of the scan or the next day).
 * Pure: the dataset lookup is passed in, the instant is given.
 */
import {
  tripOutcome,
  type BoardingPass,
  type TripCheck,
  type TripCode,
  type TripFinding,
} from '../../contract/trip.ts';
import { dhakaDate, formatDate } from '../verify/dates.ts';
import { compareNames } from './names.ts';

export interface TripInput {
  pass: BoardingPass;
  /** The verified clearance this pass is checked against, or null when none came before it. */
  clearance: { cid: string; nm: string; dst: string } | null;
  /** The desk's airport (DAC, CGP or ZYL); null when the kiosk id names none (then the first airport is not checked). */
  deskAirport: string | null;
  /** The passes already scanned for this clearance that ended at a hub, oldest first. */
  earlier: BoardingPass[];
  nowMs: number;
  countryOf: (iata: string) => string | null;
  isHub: (iata: string) => boolean;
}

/** An onward flight may leave up to this many days after the scan (a long layover). */
const ONWARD_DAYS = 2;

export function checkTrip(input: TripInput): TripCheck {
  const { pass, clearance, earlier } = input;
  const today = dhakaDate(input.nowMs);
  const first = pass.legs[0]!;
  const last = pass.legs[pass.legs.length - 1]!;
  const flightDate = dateOfDay(first.dayOfYear, today);
  const findings: TripFinding[] = [];
  const add = (code: TripCode, extra: Omit<TripFinding, 'code'> = {}) => findings.push({ code, ...extra });

  // The airports in order: the first departure, then every arrival.
  const route: string[] = [];
  for (const p of [...earlier, pass]) {
    if (!route.length) route.push(p.legs[0]!.from);
    for (const l of p.legs) route.push(l.to);
  }

  if (!clearance) {
    add('TRIP_NO_CLEARANCE');
    return {
      outcome: tripOutcome(findings.map((f) => f.code)),
      findings,
      pass,
      flightDate,
      clearance,
      route,
      complete: false,
    };
  }

  const name = compareNames(pass.name, clearance.nm);
  if (name === 'partial') add('TRIP_NAME_PARTIAL');
  if (name === 'mismatch') add('TRIP_NAME_MISMATCH');

  // Where this pass must start: the desk's airport, or where the previous pass arrived.
  const previous = earlier[earlier.length - 1];
  if (previous) {
    const arrivedAt = previous.legs[previous.legs.length - 1]!.to;
    if (first.from !== arrivedAt) add('TRIP_CHAIN_BROKEN', { airport: first.from });
  } else if (input.deskAirport && first.from !== input.deskAirport) {
    // From a hub, it is most likely the onward pass shown first: ask for the first pass, not a red.
    const hubCountry = input.isHub(first.from) ? input.countryOf(first.from) : null;
    if (hubCountry) add('TRIP_ONWARD_FIRST', { airport: first.from, country: hubCountry });
    else add('TRIP_WRONG_AIRPORT', { airport: first.from });
  }
  for (let i = 1; i < pass.legs.length; i++) {
    if (pass.legs[i]!.from !== pass.legs[i - 1]!.to)
      add('TRIP_CHAIN_BROKEN', { airport: pass.legs[i]!.from });
  }

  const country = input.countryOf(last.to);
  let complete = false;
  if (country === null) add('TRIP_AIRPORT_UNKNOWN', { airport: last.to });
  else if (country === clearance.dst) complete = true;
  else if (input.isHub(last.to)) add('TRIP_CONNECTING', { airport: last.to, country });
  else add('TRIP_WRONG_DESTINATION', { airport: last.to, country });

  const latest = addDays(today, previous ? ONWARD_DAYS : 1);
  if (flightDate < today || flightDate > latest) add('TRIP_WRONG_DATE');

  return {
    outcome: tripOutcome(findings.map((f) => f.code)),
    findings,
    pass,
    flightDate,
    clearance,
    route,
    complete,
  };
}

/**
 * Whether every leg's day of the year is a date near the scan: day 366 is one only in a leap
 * year, and when none of last, this or next year has one the pass is malformed, not undated.
 */
export function flightDaysExist(pass: BoardingPass, nowMs: number): boolean {
  const today = dhakaDate(nowMs);
  return pass.legs.every((l) => dateOfDay(l.dayOfYear, today) !== '');
}

/** The date of a day of the year, in whichever of last, this or next year lies closest to `today` ('' when none has it). */
export function dateOfDay(dayOfYear: number, today: string): string {
  const year = Number(today.slice(0, 4));
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  let best = '';
  let bestGap = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const ms = Date.UTC(y, 0, dayOfYear);
    if (new Date(ms).getUTCFullYear() !== y) continue; // day 366 of a common year
    const gap = Math.abs(ms - todayMs);
    if (gap < bestGap) {
      bestGap = gap;
      const d = new Date(ms);
      best = formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
  }
  return best;
}

function addDays(date: string, n: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
