// The hot queries read through their indexes (EXPLAIN QUERY PLAN), never a table scan. The
// statements planned are the ones the store itself prepares, captured as it prepares them.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY_ROWS_SQL, REPORT_SQL } from '../../../main/core/store/report.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

let store: Store;
/** Every SQL text the store prepared while it opened, logged scans, reported and counted its outbox. */
const prepared = new Set<string>();

beforeAll(() => {
  const prepare = Database.prototype.prepare;
  const spy = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (
    this: Database.Database,
    sql: string,
  ) {
    prepared.add(sql);
    return prepare.call(this, sql);
  });
  try {
    store = openStore({ dataDir: tempDataDir() });
    for (let i = 1; i <= 200; i++)
      store.logVerdict(
        fakeVerdict(i % 50),
        `QR${i}`,
        Date.parse('2026-11-22T00:00:00Z') + i * 600_000,
        'OF-1',
      );
    store.markSynced(1, 150);
    store.dailyReport('2026-11-22');
    for (const _ of store.dailyCsv('2026-11-22'));
    expect(store.pendingCount()).toBe(50);
    expect(store.firstUnsyncedSeq()).toBe(151);
  } finally {
    spy.mockRestore();
  }
  store.db.exec('ANALYZE');
});
afterAll(() => store.close());

/** The one statement the store prepared that `re` picks out. */
function statement(re: RegExp): string {
  const found = [...prepared].filter((s) => re.test(s));
  expect(found, `statements matching ${re}`).toHaveLength(1);
  return found[0]!;
}

function plan(sql: string, ...params: unknown[]): string {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

describe('query plans', () => {
  it('the daily report reads one day through verifications_local_date', () => {
    expect(prepared).toContain(REPORT_SQL);
    expect(prepared).toContain(DAY_ROWS_SQL);
    expect(plan(REPORT_SQL, '2026-11-22')).toMatch(
      /SEARCH verifications USING INDEX verifications_local_date \(local_date=\?\)/,
    );
    expect(plan(DAY_ROWS_SQL, '2026-11-22')).toMatch(
      /SEARCH verifications USING INDEX verifications_local_date \(local_date=\?\)/,
    );
    expect(plan(DAY_ROWS_SQL, '2026-11-22')).not.toMatch(/TEMP B-TREE/);
  });

  it('DUPLICATE_SCAN reads the partial index of accepted verdicts', () => {
    const sql = statement(/WHERE clearance_id = \?/);
    expect(plan(sql, 'BMET-2026-00000001', 0, 1)).toMatch(
      /SEARCH verifications USING INDEX verifications_accepted_cid \(clearance_id=\? AND scanned_ms>\? AND scanned_ms<\?\)/,
    );
  });

  it('the outbox counts and finds unsynced records through verifications_unsynced', () => {
    for (const sql of [
      statement(/^SELECT count\(\*\) FROM verifications .*synced_at IS NULL/),
      statement(/^SELECT min\(seq\) FROM verifications .*synced_at IS NULL/),
    ])
      expect(plan(sql)).toMatch(/USING (COVERING )?INDEX verifications_unsynced/);
  });

  it('none of the hot statements above scans the whole log', () => {
    const hot = [
      REPORT_SQL,
      DAY_ROWS_SQL,
      statement(/WHERE clearance_id = \?/),
      statement(/^SELECT count\(\*\) FROM verifications .*synced_at IS NULL/),
      statement(/^SELECT min\(seq\) FROM verifications .*synced_at IS NULL/),
    ];
    for (const sql of hot) {
      const params = (sql.match(/\?/g) ?? []).map(() => 'x');
      expect(plan(sql, ...params), sql).not.toMatch(/SCAN verifications(?! USING)/);
    }
  });
});
