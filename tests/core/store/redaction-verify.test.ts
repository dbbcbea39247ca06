// `log verify` (verifyChain) accepts a redacted record only when retention could have made
// it: acknowledged by BMET before it was redacted, and at least the retention period old.
// Any other redacted row is named, even though its content cannot be re-hashed.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { EngineState } from '../../../main/core/sync/engine-state.ts';
import { BMET_TIME_KEY, encodeAnchor } from '../../../main/core/store/trusted-clock.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
let store: Store;
afterEach(() => store?.close());

/** Six records scanned 200 days ago; 1..4 acknowledged 199 days ago. */
function logWithSomeSent(): Store {
  const s = openStore({ dataDir: tempDataDir(), now: () => NOW });
  for (let i = 1; i <= 6; i++) s.logVerdict(fakeVerdict(i), `Q${i}`, NOW - 200 * DAY + i, 'OF-1');
  s.markSynced(1, 4, iso(NOW - 199 * DAY));
  s.syncState.set(BMET_TIME_KEY, encodeAnchor({ serverMs: NOW, localMs: NOW, bootId: null, uptimeMs: 0 }));
  return s;
}

/** What someone with the database file could do once the append-only triggers are gone. */
function tamper(s: Store, sql: string, ...args: unknown[]) {
  s.db.exec(
    'DROP TRIGGER IF EXISTS verifications_immutable; DROP TRIGGER IF EXISTS verifications_redact_only; DROP TRIGGER IF EXISTS verifications_marks_once',
  );
  s.db.prepare(sql).run(...args);
}

describe('log verify and redacted records', () => {
  it('records cleared by retention verify', () => {
    store = logWithSomeSent();
    expect(store.applyRetention('system').redacted).toBe(4);
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 6, redacted: 4 });
  });

  it('an unsent record marked redacted and altered is named', () => {
    store = logWithSomeSent();
    tamper(
      store,
      "UPDATE verifications SET redacted_at = ?, status = 'valid', reasons = '[]', passport = NULL, name = NULL WHERE seq = 5",
      iso(NOW),
    );
    expect(store.verifyChain()).toMatchObject({
      ok: false,
      firstBroken: { seq: 5, problem: expect.stringContaining('BMET never acknowledged it') },
    });
  });

  it('an acknowledged record redacted before it was old enough, or before its acknowledgement, is named', () => {
    store = logWithSomeSent();
    tamper(store, 'UPDATE verifications SET redacted_at = ? WHERE seq = 2', iso(NOW - 150 * DAY));
    expect(store.verifyChain().firstBroken).toMatchObject({
      seq: 2,
      problem: expect.stringContaining('retention keeps records 90 days'),
    });
    store.close();
    store = logWithSomeSent();
    tamper(store, 'UPDATE verifications SET redacted_at = ? WHERE seq = 3', iso(NOW - 199.5 * DAY));
    expect(store.verifyChain().firstBroken).toMatchObject({
      seq: 3,
      problem: expect.stringContaining('before BMET acknowledged it'),
    });
  });

  it('a redaction made under a shorter period stays valid after the period is raised', () => {
    store = openStore({ dataDir: tempDataDir(), now: () => NOW });
    store.setSetting('retentionDays', '30', 'SV-1');
    store.logVerdict(fakeVerdict(1), 'Q1', NOW - 40 * DAY, 'OF-1');
    store.markSynced(1, 1, iso(NOW - 39 * DAY));
    store.syncState.set(
      BMET_TIME_KEY,
      encodeAnchor({ serverMs: NOW, localMs: NOW, bootId: null, uptimeMs: 0 }),
    );
    expect(store.applyRetention('SV-1').redacted).toBe(1);
    store.setSetting('retentionDays', '365', 'SV-1');
    expect(store.verifyChain()).toMatchObject({ ok: true, redacted: 1 });
  });

  // Forgeries the triggers allow (NULL -> value, set once), made with the triggers in place: each
  // names a redaction retention could not have made. Record 5 was never sent, let alone acknowledged.
  const forgeries: {
    name: string;
    sentThrough?: number;
    sql: string[];
    seq: number;
    problem: string;
  }[] = [
    {
      name: 'acknowledged now and redacted in 2099',
      sql: [
        "UPDATE verifications SET synced_at = '2026-11-22T06:00:01Z' WHERE seq = 5",
        "UPDATE verifications SET passport = NULL, name = NULL, redacted_at = '2099-01-01T00:00:00Z' WHERE seq = 5",
      ],
      seq: 5,
      problem: "later than this machine's clock now (2026-11-22T00:00:00.000Z)",
    },
    {
      name: 'acknowledged 20 days ago and redacted yesterday',
      sql: [
        `UPDATE verifications SET synced_at = '${iso(NOW - 20 * DAY)}' WHERE seq = 5`,
        `UPDATE verifications SET passport = NULL, name = NULL, redacted_at = '${iso(NOW - DAY)}' WHERE seq = 5`,
      ],
      seq: 5,
      problem: '19 days after BMET acknowledged it; retention waits 90 days',
    },
    {
      name: 'acknowledged long ago beyond what the kiosk ever sent, then redacted',
      sentThrough: 4,
      sql: [
        `UPDATE verifications SET synced_at = '${iso(NOW - 199 * DAY)}' WHERE seq = 5`,
        `UPDATE verifications SET passport = NULL, name = NULL, redacted_at = '${iso(NOW - DAY)}' WHERE seq = 5`,
      ],
      seq: 5,
      problem: 'marked acknowledged by BMET, but this kiosk has sent records only up to seq 4',
    },
    {
      name: 'marked acknowledged beyond what the kiosk ever sent (so never sent), not redacted',
      sentThrough: 4,
      sql: [`UPDATE verifications SET synced_at = '${iso(NOW - DAY)}' WHERE seq = 6`],
      seq: 6,
      problem: 'marked acknowledged by BMET, but this kiosk has sent records only up to seq 4',
    },
  ];
  it.each(forgeries)('names a forgery the triggers let through: $name', (f) => {
    store = logWithSomeSent();
    if (f.sentThrough !== undefined) new EngineState(store.syncState).noteSent(f.sentThrough);
    expect(store.verifyChain()).toMatchObject({ ok: true });
    for (const sql of f.sql) store.db.exec(sql);
    expect(store.verifyChain()).toMatchObject({
      ok: false,
      firstBroken: { seq: f.seq, problem: expect.stringContaining(f.problem) },
    });
  });

  it('what retention itself clears still verifies with the highest seq sent kept, on a clock up to 5 min behind', () => {
    store = logWithSomeSent();
    new EngineState(store.syncState).noteSent(4);
    expect(store.applyRetention('system').redacted).toBe(4);
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 6, redacted: 4 });
    const dir = store.dataDir;
    store.close();
    store = openStore({ dataDir: dir, readonly: true, now: () => NOW - 4 * 60_000 });
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 6, redacted: 4 });
  });
});
