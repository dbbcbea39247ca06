// DUPLICATE_SCAN's look back into the log: the first accepted verdict for a clearance within 24 h
// of now, whichever way the kiosk's clock moved between the scans (NTP stepping a fast clock
// back must not make a card scanned minutes ago new again).
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

const T = Date.parse('2026-11-22T06:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
let store: Store;
afterEach(() => store?.close());

/** Logs accepted verdicts of clearance 1 at each time (in log order); answers firstSeenAt at `now`. */
function firstSeen(scans: number[], now: number, status: 'valid' | 'invalid' = 'valid'): string | null {
  store = openStore({ dataDir: tempDataDir('dup') });
  for (const at of scans) store.logVerdict(fakeVerdict(1, status), 'QR', at, 'OF-1');
  return store.firstSeenAt(fakeVerdict(1).clearance!.cid, now);
}
const iso = (ms: number) => new Date(ms).toISOString();

describe('DUPLICATE_SCAN window', () => {
  it.each([
    ['scanned an hour ago', [T - HOUR], T, iso(T - HOUR)],
    ['scanned 24 h ago to the millisecond: outside', [T - 24 * HOUR], T, null],
    ['the clock stepped back 30 minutes since the scan', [T], T - 30 * MIN, iso(T)],
    ['stepped back 23 h', [T], T - 23 * HOUR, iso(T)],
    ['stamped more than a day ahead: a clock error, not a scan of today', [T + 25 * HOUR], T, null],
    // The first scan by the log's order, whatever the stamps say.
    ['two scans across a step back: the first logged', [T, T - 30 * MIN], T - 20 * MIN, iso(T)],
  ] as const)('%s', (_name, scans, now, expected) => {
    expect(firstSeen([...scans], now)).toBe(expected);
  });

  it('a refused card is not a first sighting', () => {
    expect(firstSeen([T - HOUR], T, 'invalid')).toBeNull();
  });
});
