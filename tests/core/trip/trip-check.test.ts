import { describe, expect, it } from 'vitest';
import type { BoardingPass, TripCode } from '../../../main/contract/trip.ts';
import { airportCountry, CONNECTING_HUBS, deskAirport } from '../../../main/core/trip/airports.ts';
import { checkTrip, dateOfDay, flightDaysExist } from '../../../main/core/trip/trip-check.ts';

const NOW = Date.parse('2026-12-01T06:00:00Z'); // Dhaka 1 Dec 2026, 12:00; day 335
const clearance = { cid: 'BMET-2026-00012345', nm: 'MD RAHIM UDDIN', dst: 'KW' };
const pass = (name: string, ...legs: [string, string, number][]): BoardingPass => ({
  name,
  legs: legs.map(([from, to, dayOfYear]) => ({ from, to, dayOfYear, flight: 'EK 0583' })),
});
const run = (p: BoardingPass, opts: { earlier?: BoardingPass[]; clearance?: typeof clearance | null } = {}) =>
  checkTrip({
    pass: p,
    clearance: opts.clearance === undefined ? clearance : opts.clearance,
    deskAirport: 'DAC',
    earlier: opts.earlier ?? [],
    nowMs: NOW,
    countryOf: airportCountry,
    isHub: (a) => CONNECTING_HUBS.has(a),
  });
const codes = (r: ReturnType<typeof run>): TripCode[] => r.findings.map((f) => f.code);

describe('trip check', () => {
  it.each([
    ['a direct flight today', pass('UDDIN/RAHIM MD', ['DAC', 'KWI', 335]), 'match', []],
    ['through a hub on one pass', pass('UDDIN/RAHIM', ['DAC', 'DXB', 335], ['DXB', 'KWI', 336]), 'match', []],
    ['tomorrow', pass('UDDIN/RAHIM', ['DAC', 'KWI', 336]), 'match', []],
    ['a partial name', pass('UDDIN/KARIM', ['DAC', 'KWI', 335]), 'warning', ['TRIP_NAME_PARTIAL']],
    ['another person', pass('HOSSAIN/KAMAL', ['DAC', 'KWI', 335]), 'mismatch', ['TRIP_NAME_MISMATCH']],
    ['ending at a hub', pass('UDDIN/RAHIM', ['DAC', 'DXB', 335]), 'warning', ['TRIP_CONNECTING']],
    ['to another country', pass('UDDIN/RAHIM', ['DAC', 'LHR', 335]), 'mismatch', ['TRIP_WRONG_DESTINATION']],
    ['from another airport', pass('UDDIN/RAHIM', ['CGP', 'KWI', 335]), 'mismatch', ['TRIP_WRONG_AIRPORT']],
    // Most likely the onward pass shown before the one from this airport: ask for that one.
    [
      'from a hub, with no pass before it',
      pass('UDDIN/RAHIM', ['DXB', 'KWI', 336]),
      'warning',
      ['TRIP_ONWARD_FIRST'],
    ],
    ['yesterday', pass('UDDIN/RAHIM', ['DAC', 'KWI', 334]), 'mismatch', ['TRIP_WRONG_DATE']],
    ['in two days', pass('UDDIN/RAHIM', ['DAC', 'KWI', 337]), 'mismatch', ['TRIP_WRONG_DATE']],
    [
      'legs that do not join',
      pass('UDDIN/RAHIM', ['DAC', 'DXB', 335], ['DOH', 'KWI', 336]),
      'mismatch',
      ['TRIP_CHAIN_BROKEN'],
    ],
    [
      'an airport no one knows',
      pass('UDDIN/RAHIM', ['DAC', 'QQQ', 335]),
      'warning',
      ['TRIP_AIRPORT_UNKNOWN'],
    ],
  ] as const)('%s → %s', (_name, p, outcome, expected) => {
    const r = run(p);
    expect(r.outcome).toBe(outcome);
    expect(codes(r)).toEqual(expected);
  });

  it('asks for the clearance first when none came before the pass', () => {
    const r = run(pass('UDDIN/RAHIM', ['DAC', 'KWI', 335]), { clearance: null });
    expect(codes(r)).toEqual(['TRIP_NO_CLEARANCE']);
    expect(r.outcome).toBe('warning'); // not a mismatch: there is nothing to compare yet
    expect(r.complete).toBe(false);
  });

  it('completes the chain with the onward pass from the hub', () => {
    const first = pass('UDDIN/RAHIM', ['DAC', 'DOH', 335]);
    expect(run(first).complete).toBe(false);
    const onward = run(pass('UDDIN/RAHIM', ['DOH', 'KWI', 336]), { earlier: [first] });
    expect(onward.outcome).toBe('match');
    expect(onward.complete).toBe(true);
    expect(onward.route).toEqual(['DAC', 'DOH', 'KWI']);
    // An onward pass may leave two days later, not three.
    expect(codes(run(pass('UDDIN/RAHIM', ['DOH', 'KWI', 338]), { earlier: [first] }))).toEqual([
      'TRIP_WRONG_DATE',
    ]);
    // An onward pass must leave from where the last one arrived.
    expect(codes(run(pass('UDDIN/RAHIM', ['DXB', 'KWI', 336]), { earlier: [first] }))).toEqual([
      'TRIP_CHAIN_BROKEN',
    ]);
  });

  it('reads the day of the year in the year closest to the scan', () => {
    expect(dateOfDay(335, '2026-12-01')).toBe('2026-12-01');
    expect(dateOfDay(1, '2026-12-31')).toBe('2027-01-01');
    expect(dateOfDay(365, '2027-01-01')).toBe('2026-12-31');
    expect(dateOfDay(366, '2028-12-31')).toBe('2028-12-31'); // a leap year
    expect(dateOfDay(60, '2028-02-28')).toBe('2028-02-29');
  });

  it('knows the desks and the countries of the airports workers fly to', () => {
    expect(['DAC-T1-D07', 'CGP-T1-D01', 'ZYL-T1-D02', 'JFK-T1-D01', ''].map(deskAirport)).toEqual([
      'DAC',
      'CGP',
      'ZYL',
      null,
      null,
    ]);
    expect(['DAC', 'KWI', 'RUH', 'DXB', 'DOH', 'KUL', 'MCT', 'BAH', 'SIN'].map(airportCountry)).toEqual([
      'BD',
      'KW',
      'SA',
      'AE',
      'QA',
      'MY',
      'OM',
      'BH',
      'SG',
    ]);
    for (const hub of CONNECTING_HUBS) expect(airportCountry(hub), hub).not.toBeNull();
  });

  it('day 366 is a flight date only when a leap year is near: otherwise the pass is malformed, not undated', () => {
    const day = (n: number) => pass('UDDIN/RAHIM', ['DAC', 'KWI', n]);
    expect(flightDaysExist(day(365), NOW)).toBe(true);
    expect(flightDaysExist(day(366), NOW)).toBe(false); // 2025, 2026 and 2027 have 365 days
    expect(flightDaysExist(day(366), Date.parse('2027-12-31T06:00:00Z'))).toBe(true); // 2028 is a leap year
    expect(flightDaysExist(pass('UDDIN/RAHIM', ['DAC', 'DXB', 335], ['DXB', 'KWI', 366]), NOW)).toBe(false);
  });
});
