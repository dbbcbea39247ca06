// Which clearance a pass at the desk is checked against, through whole sequences of scans as a
// desk sees them: a pass pairs only with the verified card just before it (no other card between),
// a misread between them does not lose the card, and a chain of passes through a hub completes
// and then starts again from the desk's airport.
import { describe, expect, it } from 'vitest';
import type { Clearance } from '../../../main/contract/clearance.ts';
import type { ReasonCode, Status } from '../../../main/contract/codes.ts';
import type { BoardingPass, TripCode, TripOutcome } from '../../../main/contract/trip.ts';
import type { Verdict } from '../../../main/contract/verdict.ts';
import { DeskTrips, PAIRING_WINDOW_MS } from '../../../main/core/trip/desk-trips.ts';

const T0 = Date.parse('2026-12-01T06:00:00Z'); // Dhaka 1 Dec 2026, 12:00; day 335
const DAY = 335;

const clearance = (cid: string, nm: string, dst: string): Clearance => ({
  v: 1,
  cid,
  pp: 'A01234567',
  ppx: '2031-05-30',
  nm,
  dob: '1994-03-12',
  sx: 'M',
  dst,
  vt: 'EMP',
});
const RAHIM = clearance('BMET-2026-00012345', 'MD RAHIM UDDIN', 'SA'); // to Saudi Arabia
const KAMAL = clearance('BMET-2026-00054321', 'KAMAL HOSSAIN', 'KW');

const verdict = (status: Status, codes: ReasonCode[], c: Clearance | null): Verdict => ({
  status,
  reasons: codes.map((code) => ({ code })),
  kid: c ? 'kid' : null,
  clearance: c,
});
const CARDS = {
  rahim: verdict('valid', [], RAHIM),
  rahimAgain: verdict('warning', ['DUPLICATE_SCAN'], RAHIM),
  kamal: verdict('valid', [], KAMAL),
  forged: verdict('invalid', ['SIGNATURE_INVALID'], null),
  unknownKey: verdict('invalid', ['KID_UNKNOWN'], null),
  schemaInvalid: verdict('invalid', ['SCHEMA_INVALID'], null),
  noTrust: verdict('invalid', ['NO_TRUST'], null),
  expired: verdict('invalid', ['CLEARANCE_EXPIRED'], KAMAL),
  misread: verdict('invalid', ['BASE45_INVALID'], null),
  cut: verdict('invalid', ['DECOMPRESS_FAILED'], null),
} satisfies Record<string, Verdict>;

const pass = (name: string, ...legs: [string, string][]): BoardingPass => ({
  name,
  legs: legs.map(([from, to]) => ({ from, to, dayOfYear: DAY, flight: 'EK 0583' })),
});

type Step =
  | { card: keyof typeof CARDS; afterMs?: number }
  | {
      pass: BoardingPass;
      afterMs?: number;
      /** The cid the pass was checked against (null: none, the desk asks for the card). */
      against: string | null;
      outcome: TripOutcome;
      codes: readonly TripCode[];
      route?: string[];
    };

function run(steps: Step[]): void {
  const trips = new DeskTrips();
  let now = T0;
  steps.forEach((s, i) => {
    now += s.afterMs ?? 10_000;
    if ('card' in s) {
      trips.noteVerdict(CARDS[s.card], i + 1, `r${i}`, now);
      return;
    }
    const { check, clearance: c } = trips.check(s.pass, now, 'DAC');
    const at = `step ${i + 1} (${s.pass.legs.map((l) => `${l.from}-${l.to}`).join(' ')})`;
    expect(c?.cid ?? null, at).toBe(s.against);
    expect(
      check.findings.map((f) => f.code),
      at,
    ).toEqual(s.codes);
    expect(check.outcome, at).toBe(s.outcome);
    if (s.route) expect(check.route, at).toEqual(s.route);
  });
}

const RAHIM_DIRECT = pass('UDDIN/RAHIM MD', ['DAC', 'RUH']);
const noCard = { against: null, outcome: 'warning', codes: ['TRIP_NO_CLEARANCE'] } as const;

describe('DeskTrips: which card a pass is checked against', () => {
  it.each(['forged', 'unknownKey', 'schemaInvalid', 'noTrust', 'expired'] as const)(
    'a %s card after a good one closes the pairing: the next pass is not checked against the worker before',
    (bad) => {
      run([{ card: 'rahim' }, { card: bad }, { pass: RAHIM_DIRECT, ...noCard }]);
    },
  );

  it.each(['misread', 'cut'] as const)('a %s scan between card and pass leaves the card paired', (unread) => {
    run([
      { card: 'rahim' },
      { card: unread },
      { pass: RAHIM_DIRECT, against: RAHIM.cid, outcome: 'match', codes: [] },
    ]);
  });

  it('the next worker’s card replaces the last one', () => {
    run([
      { card: 'rahim' },
      { card: 'kamal' },
      {
        pass: RAHIM_DIRECT,
        against: KAMAL.cid,
        outcome: 'mismatch',
        codes: ['TRIP_NAME_MISMATCH', 'TRIP_CONNECTING'],
      },
    ]);
  });

  it('a pass long after the card asks for the card again', () => {
    run([{ card: 'rahim' }, { pass: RAHIM_DIRECT, afterMs: PAIRING_WINDOW_MS + 1, ...noCard }]);
  });
});

describe('DeskTrips: chains of passes through a hub', () => {
  const toHub = pass('UDDIN/RAHIM', ['DAC', 'DXB']);
  const onward = pass('UDDIN/RAHIM', ['DXB', 'RUH']);
  const connecting = { against: RAHIM.cid, outcome: 'warning', codes: ['TRIP_CONNECTING'] } as const;
  const match = { against: RAHIM.cid, outcome: 'match', codes: [] } as const;

  it('the onward pass completes the chain; a pass from this airport afterwards starts it again', () => {
    run([
      { card: 'rahim' },
      { pass: toHub, ...connecting },
      { pass: onward, ...match, route: ['DAC', 'DXB', 'RUH'] },
      // Both legs printed on one pass, or a rebooked direct flight: checked as a first pass.
      { pass: pass('UDDIN/RAHIM', ['DAC', 'DXB'], ['DXB', 'RUH']), ...match, route: ['DAC', 'DXB', 'RUH'] },
      { pass: RAHIM_DIRECT, ...match, route: ['DAC', 'RUH'] },
      // And the chain can be walked again.
      { pass: toHub, ...connecting },
      { pass: onward, ...match },
    ]);
  });

  it('the same card scanned again mid-chain keeps the chain', () => {
    run([
      { card: 'rahim' },
      { pass: toHub, ...connecting },
      { card: 'rahimAgain' },
      { pass: onward, ...match, route: ['DAC', 'DXB', 'RUH'] },
    ]);
  });

  it('the onward pass shown first asks for the first pass (not red); then the chain completes', () => {
    run([
      { card: 'rahim' },
      { pass: onward, against: RAHIM.cid, outcome: 'warning', codes: ['TRIP_ONWARD_FIRST'] },
      { pass: toHub, ...connecting },
      { pass: onward, ...match },
    ]);
  });

  it('a pass from an airport that is neither this one nor a hub is still the wrong airport', () => {
    run([
      { card: 'rahim' },
      {
        pass: pass('UDDIN/RAHIM', ['CGP', 'RUH']),
        against: RAHIM.cid,
        outcome: 'mismatch',
        codes: ['TRIP_WRONG_AIRPORT'],
      },
    ]);
  });
});
