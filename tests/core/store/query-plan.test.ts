// The hot queries read through their indexes (EXPLAIN QUERY PLAN), never a table scan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSYNCED } from '../../../main/core/store/outbox.ts';
import { REPORT_SQL, DAY_ROWS_SQL } from '../../../main/core/store/report.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

let store: Store;
beforeAll(() => {
  store = openStore({ dataDir: tempDataDir() });
  for (let i = 1; i <= 200; i++)
    store.logVerdict(fakeVerdict(i % 50), `QR${i}`, Date.parse('2026-11-22T00:00:00Z') + i * 600_000, 'OF-1');
  store.markSynced(1, 150);
  store.db.exec('ANALYZE');
});
afterAll(() => store.close());

function plan(sql: string, ...params: unknown[]): string {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

describe('query plans', () => {
  it('the daily report reads one day through verifications_local_date', () => {
    expect(plan(REPORT_SQL, '2026-11-22')).toMatch(
      /SEARCH verifications USING INDEX verifications_local_date \(local_date=\?\)/,
    );
    expect(plan(DAY_ROWS_SQL, '2026-11-22')).toMatch(
      /SEARCH verifications USING INDEX verifications_local_date \(local_date=\?\)/,
    );
    expect(plan(DAY_ROWS_SQL, '2026-11-22')).not.toMatch(/TEMP B-TREE/);
  });

  it('DUPLICATE_SCAN reads the partial index of accepted verdicts', () => {
    const sql = `SELECT scanned_at FROM verifications
      WHERE clearance_id = ? AND status IN ('valid', 'warning') AND scanned_ms > ? AND scanned_ms <= ?
      ORDER BY scanned_ms LIMIT 1`;
    expect(plan(sql, 'BMET-2026-00000001', 0, 1)).toMatch(
      /SEARCH verifications USING INDEX verifications_accepted_cid \(clearance_id=\? AND scanned_ms>\? AND scanned_ms<\?\)/,
    );
  });

  it('the outbox counts and finds unsynced records through verifications_unsynced', () => {
    expect(plan(`SELECT count(*) FROM verifications ${UNSYNCED}`)).toMatch(
      /USING (COVERING )?INDEX verifications_unsynced/,
    );
    expect(plan(`SELECT min(seq) FROM verifications ${UNSYNCED}`)).toMatch(
      /USING (COVERING )?INDEX verifications_unsynced/,
    );
    expect(store.pendingCount()).toBe(50);
    expect(store.firstUnsyncedSeq()).toBe(151);
  });

  it('every plan above avoids a full scan of the log', () => {
    for (const sql of [REPORT_SQL, DAY_ROWS_SQL])
      expect(plan(sql, 'x')).not.toMatch(/SCAN verifications(?! USING)/);
  });
});
