// The 200 rule of sync-protocol.md against scripted, hostile servers on 127.0.0.1: a batch is
// marked sent only by a 200 that accounts for exactly what was sent (accepted + duplicates is
// the batch's size, lastSeq at least its last seq and no more than the highest seq this kiosk
// ever sent). Any other readable 200 marks nothing, stops sync and raises an audited alert.
import { describe, expect, it } from 'vitest';
import { SERVER_SETTING } from '../../../main/core/device/identity.ts';
import { openKioskSync } from '../../../main/core/sync/kiosk-sync.ts';
import { SENT_THROUGH_KEY } from '../../../main/core/store/outbox.ts';
import { ackOf, engineFor, syncFixtures, type ScriptedAnswer, type TestKiosk } from '../../helpers/sync.ts';

const { kiosk, scripted } = syncFixtures();

const ack = (b: { fromSeq: number; toSeq: number }, lastSeq: number): ScriptedAnswer => ({
  status: 200,
  body: { accepted: b.toSeq - b.fromSeq + 1, duplicates: 0, lastSeq },
});
const syncedCount = (k: TestKiosk) =>
  k.store.db.prepare('SELECT count(*) FROM verifications WHERE synced_at IS NOT NULL').pluck().get();

describe('200 from BMET', () => {
  it('a lastSeq far beyond anything sent marks nothing: an alert, audited, held across a restart', async () => {
    const k = kiosk(40);
    const s = await scripted((b) => ack(b, 999_999));
    const { engine, audits } = engineFor(k, s.url);
    const r = await engine.runOnce({ retries: 3 });
    expect(r).toMatchObject({ ok: false, acknowledged: 0, batches: 0 });
    expect(r.alert).toMatchObject({ code: 'SYNC_ACK_MISMATCH', httpStatus: 200, retryAt: null });
    expect(r.alert?.message).toMatch(/999999.*sent only up to seq 40/);
    expect(k.store.pendingCount()).toBe(40);
    expect(syncedCount(k)).toBe(0);
    expect(s.requests).toHaveLength(1);
    expect(audits).toContainEqual(expect.objectContaining({ type: 'sync-alert', code: 'SYNC_ACK_MISMATCH' }));
    // Stopped until a technician acts: a new engine sends nothing.
    expect((await engineFor(k, s.url).engine.runOnce()).alert?.code).toBe('SYNC_ACK_MISMATCH');
    expect(s.requests).toHaveLength(1);
  });

  it('after a mismatch, Resume sends the same records under a new key: a BMET replaying its answer by key cannot hold sync stopped', async () => {
    const k = kiosk(40);
    // BMET stored its wrong answer under the first key and replays it for that key; it dedups records by seq.
    let wrongKey: string | null = null;
    const s = await scripted((b) => {
      wrongKey ??= b.batchId;
      return b.batchId === wrongKey
        ? { status: 200, body: { accepted: 39, duplicates: 2, lastSeq: 40 } }
        : ackOf(b);
    });
    const { engine } = engineFor(k, s.url);
    expect((await engine.runOnce()).alert?.code).toBe('SYNC_ACK_MISMATCH');
    engine.resume();
    expect(await engine.runOnce()).toMatchObject({ ok: true, acknowledged: 40, alert: null });
    expect(s.requests.map((r) => [r.fromSeq, r.toSeq])).toEqual([
      [1, 40],
      [1, 40],
    ]);
    expect(s.requests[1]!.batchId).not.toBe(s.requests[0]!.batchId);
    expect(syncedCount(k)).toBe(40);
  });

  it("the kiosk's own engine writes the alert to the audit log", async () => {
    const k = kiosk(40);
    const s = await scripted((b) => ack(b, 999_999));
    k.store.setSetting(SERVER_SETTING, s.url, 'test');
    const made = openKioskSync({ store: k.store, dataDir: k.dataDir });
    if (!made.ok) throw new Error(made.why);
    expect((await made.engine.runOnce()).alert?.code).toBe('SYNC_ACK_MISMATCH');
    await made.engine.stop();
    expect(k.store.auditEntries().filter((e) => e.action === 'sync.alert')).toMatchObject([
      { actor: 'sync', detail: { code: 'SYNC_ACK_MISMATCH', httpStatus: 200 } },
    ]);
    expect(k.store.pendingCount()).toBe(40);
  });

  it('a lastSeq one past the batch, when nothing after it was sent, is a mismatch too', async () => {
    const k = kiosk(600);
    const s = await scripted((b) => ack(b, b.toSeq + 1));
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.alert?.code).toBe('SYNC_ACK_MISMATCH');
    expect(k.store.pendingCount()).toBe(600);
  });

  it.each([
    ['fewer records than sent', { accepted: 499, duplicates: 0, lastSeq: 500 }],
    ['more records than sent', { accepted: 500, duplicates: 1, lastSeq: 500 }],
    ['a lastSeq short of the batch', { accepted: 500, duplicates: 0, lastSeq: 499 }],
  ])('%s: nothing is marked, an alert', async (_what, body) => {
    const k = kiosk(600);
    const s = await scripted(() => ({ status: 200, body }));
    const r = await engineFor(k, s.url).engine.runOnce({ retries: 3 });
    expect(r.alert?.code).toBe('SYNC_ACK_MISMATCH');
    expect(syncedCount(k)).toBe(0);
    expect(s.requests).toHaveLength(1);
  });

  it('a lastSeq beyond the batch but within what this kiosk already sent (BMET holds more) acknowledges it', async () => {
    const k = kiosk(600);
    // An earlier run put records up to 600 on the wire (its answers lost); BMET says so.
    k.store.syncState.set(SENT_THROUGH_KEY, '600');
    const s = await scripted((b) => ack(b, 600));
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r).toMatchObject({ ok: true, acknowledged: 600, alert: null });
    expect(k.store.pendingCount()).toBe(0);
    // One more than that is a claim on records never sent.
    const k2 = kiosk(600);
    k2.store.syncState.set(SENT_THROUGH_KEY, '600');
    const s2 = await scripted((b) => ack(b, 601));
    expect((await engineFor(k2, s2.url).engine.runOnce()).alert?.code).toBe('SYNC_ACK_MISMATCH');
    expect(k2.store.pendingCount()).toBe(600);
  });

  it('an unreadable 200 (no acknowledgement in it) is still transient: resent, nothing marked, no alert', async () => {
    const k = kiosk(10);
    const s = await scripted((b, n) => (n === 0 ? { status: 200, body: { ok: true } } : ackOf(b)));
    const r = await engineFor(k, s.url).engine.runOnce({ retries: 1 });
    expect(r).toMatchObject({ ok: true, acknowledged: 10, alert: null });
    expect(s.requests.map((q) => q.batchId)).toEqual([s.requests[0]!.batchId, s.requests[0]!.batchId]);
  });
});
