// The hash chain: append-only by trigger, and `verifyChain` names the first broken record.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

const T0 = Date.parse('2026-11-22T00:00:00Z');
let store: Store;
afterEach(() => store?.close());

function logged(n: number): Store {
  const s = openStore({ dataDir: tempDataDir() });
  for (let i = 1; i <= n; i++)
    s.logVerdict(fakeVerdict(i, i % 3 === 0 ? 'invalid' : 'valid'), `QR${i}`, T0 + i * 1000, 'OF-1');
  return s;
}

describe('hash chain', () => {
  it('verifies a whole log', () => {
    store = logged(50);
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 50, redacted: 0, lastSeq: 50 });
  });

  it('refuses updates and deletes of records', () => {
    store = logged(3);
    expect(() => store.db.prepare("UPDATE verifications SET status = 'valid' WHERE seq = 3").run()).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare("UPDATE verifications SET passport = 'X1' WHERE seq = 1").run()).toThrow(
      /only be cleared/,
    );
    expect(() => store.db.prepare('DELETE FROM verifications WHERE seq = 2').run()).toThrow(/never deleted/);
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('names the first altered record', () => {
    store = logged(20);
    store.db.exec('DROP TRIGGER verifications_immutable');
    store.db.prepare("UPDATE verifications SET status = 'valid', reasons = '[]' WHERE seq = 12").run();
    store.db.prepare("UPDATE verifications SET destination = 'SA' WHERE seq = 15").run();
    expect(store.verifyChain()).toMatchObject({
      ok: false,
      records: 11,
      firstBroken: { seq: 12, problem: expect.stringMatching(/hash does not match/) },
    });
  });

  it('names a record whose reasons are no longer JSON instead of crashing', () => {
    store = logged(5);
    store.db.exec('DROP TRIGGER verifications_immutable');
    store.db.prepare("UPDATE verifications SET reasons = '[{oops' WHERE seq = 3").run();
    expect(store.verifyChain()).toMatchObject({
      ok: false,
      records: 2,
      firstBroken: { seq: 3, problem: expect.stringMatching(/cannot be read/) },
    });
  });

  it('names a deleted record', () => {
    store = logged(10);
    store.db.exec('DROP TRIGGER verifications_no_delete');
    store.db.prepare('DELETE FROM verifications WHERE seq = 7').run();
    expect(store.verifyChain()).toMatchObject({
      ok: false,
      firstBroken: { seq: 7, problem: expect.stringMatching(/missing/) },
    });
  });

  it('names a record whose hash was recomputed to hide an edit (the next one no longer links)', () => {
    store = logged(10);
    store.db.exec('DROP TRIGGER verifications_immutable');
    // Its first hex digit changed for certain (a fixed 'f' would change nothing for one hash in 16).
    store.db
      .prepare(
        "UPDATE verifications SET hash = (CASE substr(hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 4",
      )
      .run();
    // Record 4's own hash no longer matches its contents: it is the first broken one.
    expect(store.verifyChain().firstBroken?.seq).toBe(4);
  });
});
