import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TripCheck } from '../../../main/contract/trip.ts';
import { openStore } from '../../../main/core/store/store.ts';

const check = (outcome: TripCheck['outcome'], codes: TripCheck['findings'] = []): TripCheck => ({
  outcome,
  findings: codes,
  pass: { name: 'UDDIN/RAHIM MD', legs: [{ from: 'DAC', to: 'KWI', flight: 'KU 0284', dayOfYear: 326 }] },
  flightDate: '2026-11-22',
  clearance: { cid: 'BMET-2026-00012345', nm: 'MD RAHIM UDDIN', dst: 'KW' },
  route: ['DAC', 'KWI'],
  complete: outcome === 'match',
});
const NOW = Date.parse('2026-11-22T06:00:00Z');

describe('trip checks in the store', () => {
  it('keeps each check with its audit line, counts a Dhaka day, and never the PNR or seat', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trip-log-'));
    const store = openStore({ dataDir, now: () => NOW });
    try {
      store.logTrip({ check: check('match'), nowMs: NOW, officerId: 'OF-1042', verificationSeq: 1 });
      store.logTrip({
        check: check('warning', [{ code: 'TRIP_NAME_PARTIAL' }]),
        nowMs: NOW,
        officerId: 'OF-1042',
        verificationSeq: 1,
      });
      store.logTrip({
        check: check('mismatch', [{ code: 'TRIP_WRONG_DESTINATION', airport: 'LHR', country: 'GB' }]),
        nowMs: NOW + 20 * 3600_000, // 02:00 the next Dhaka day
        officerId: 'OF-1042',
        verificationSeq: null,
      });
      expect(store.trips!.dayCounts('2026-11-22')).toEqual({ match: 1, warning: 1, mismatch: 0 });
      expect(store.trips!.dayCounts('2026-11-23')).toEqual({ match: 0, warning: 0, mismatch: 1 });
      expect(store.dailyReport('2026-11-22').tripChecks).toEqual({ match: 1, warning: 1, mismatch: 0 });
      const [first] = store.trips!.day('2026-11-22');
      expect(first).toMatchObject({
        passName: 'UDDIN/RAHIM MD',
        route: ['DAC', 'KWI'],
        flights: ['KU 0284'],
        flightDate: '2026-11-22',
      });
      const columns = (store.db.prepare('PRAGMA table_info(trip_checks)').all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns.filter((c) => /pnr|seat/i.test(c))).toEqual([]);
      const audit = store.audit.entries().filter((e) => e.action === 'trip.check');
      expect(audit.map((e) => e.detail.outcome)).toEqual(['match', 'warning', 'mismatch']);
      // Append-only: no row is deleted or rewritten; only the printed name may be cleared (retention).
      expect(() => store.db.prepare('DELETE FROM trip_checks').run()).toThrow(/append-only/);
      expect(() => store.db.prepare("UPDATE trip_checks SET outcome = 'match'").run()).toThrow(/append-only/);
      store.db.prepare("UPDATE trip_checks SET pass_name = '' WHERE id = 1").run();
    } finally {
      store.close();
    }
  });
});
