// Retention: old acknowledged records lose name and passport; counts and the chain stay verifiable.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T00:00:00Z');
let store: Store;
afterEach(() => store?.close());

function personal(s: Store) {
  return s.db
    .prepare(
      'SELECT seq, passport, name, redacted_at IS NOT NULL AS redacted FROM verifications ORDER BY seq',
    )
    .all();
}

describe('retention', () => {
  it('clears personal fields of acknowledged records older than the period, nothing else', () => {
    store = openStore({ dataDir: tempDataDir(), now: () => NOW });
    store.setSetting('retentionDays', '30', 'SV-1');
    // seq 1-4: 40 days old; seq 5-6: 10 days old.
    for (let i = 1; i <= 6; i++)
      store.logVerdict(fakeVerdict(i), `Q${i}`, NOW - (i <= 4 ? 40 : 10) * DAY + i, 'OF-1');
    store.markSynced(1, 3); // seq 4 is old but not acknowledged: kept whole
    store.markSynced(5, 5);
    const report = store.dailyReport('2026-10-13');
    const r = store.applyRetention('system');
    expect(r).toMatchObject({ days: 30, redacted: 3, skippedBroken: [] });
    expect(personal(store)).toEqual([
      { seq: 1, passport: null, name: null, redacted: 1 },
      { seq: 2, passport: null, name: null, redacted: 1 },
      { seq: 3, passport: null, name: null, redacted: 1 },
      { seq: 4, passport: 'A00000004', name: 'WORKER 4', redacted: 0 },
      { seq: 5, passport: 'A00000005', name: 'WORKER 5', redacted: 0 },
      { seq: 6, passport: 'A00000006', name: 'WORKER 6', redacted: 0 },
    ]);
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 6, redacted: 3 });
    expect(store.dailyReport('2026-10-13')).toEqual(report); // counts unchanged
    expect(store.applyRetention('system').redacted).toBe(0);
    expect(store.auditEntries().filter((e) => e.action === 'retention.run')).toHaveLength(2);
  });

  it('leaves a record whose hash does not verify whole (evidence), and says so', () => {
    store = openStore({ dataDir: tempDataDir(), now: () => NOW });
    for (let i = 1; i <= 3; i++) store.logVerdict(fakeVerdict(i), `Q${i}`, NOW - 200 * DAY + i, 'OF-1');
    store.markSynced(1, 3);
    store.db.exec('DROP TRIGGER verifications_immutable');
    store.db.prepare("UPDATE verifications SET destination = 'SA' WHERE seq = 2").run();
    expect(store.applyRetention('system')).toMatchObject({ redacted: 2, skippedBroken: [2] });
    expect(store.verifyChain().firstBroken?.seq).toBe(2);
  });

  it('a redacted record still breaks the chain if its links are altered', () => {
    store = openStore({ dataDir: tempDataDir(), now: () => NOW });
    for (let i = 1; i <= 3; i++) store.logVerdict(fakeVerdict(i), `Q${i}`, NOW - 200 * DAY + i, 'OF-1');
    store.markSynced(1, 3);
    store.applyRetention('system');
    store.db.exec('DROP TRIGGER verifications_immutable');
    store.db.prepare("UPDATE verifications SET hash = '0' || substr(hash, 2) WHERE seq = 2").run();
    expect(store.verifyChain()).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
  });

  it('runs when a writable store opens, audited only when it redacted something', () => {
    const dir = tempDataDir();
    let now = NOW;
    store = openStore({ dataDir: dir, now: () => now });
    store.logVerdict(fakeVerdict(1), 'Q1', NOW, 'OF-1');
    store.markSynced(1, 1);
    store.close();
    store = openStore({ dataDir: dir, now: () => now });
    expect(store.auditEntries().filter((e) => e.action === 'retention.run')).toHaveLength(0);
    store.close();
    now = NOW + 91 * DAY; // past the default 90 days
    store = openStore({ dataDir: dir, now: () => now });
    expect(personal(store)).toEqual([{ seq: 1, passport: null, name: null, redacted: 1 }]);
    expect(store.auditEntries().filter((e) => e.action === 'retention.run')).toMatchObject([
      { actor: 'system', detail: { days: 90, redacted: 1 } },
    ]);
    expect(store.warnings).toEqual([]);
  });
});
