// The 409 rule of sync-protocol.md against scripted, hostile servers on 127.0.0.1: a record
// is marked sent only when BMET acknowledges it, or when a 409 asks for a seq within what
// this kiosk already sent (a lost answer). A 409 beyond that marks nothing and alerts; a
// server that keeps moving the cursor is stopped with an alert after a bounded number of tries.
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_SETTING } from '../../../main/core/device/identity.ts';
import { MAX_GAP_STREAK } from '../../../main/core/sync/engine.ts';
import { openKioskSync } from '../../../main/core/sync/kiosk-sync.ts';
import { BMET_TIME_KEY, encodeAnchor } from '../../../main/core/store/trusted-clock.ts';
import {
  ackOf,
  addScans,
  cleanup,
  engineFor,
  makeKiosk,
  serverAudit,
  startScriptedServer,
  startServer,
  type ScriptedAnswer,
  type TestKiosk,
} from '../../helpers/sync.ts';

const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  cleanup(...dirs.splice(0));
});

function kiosk(n: number): TestKiosk {
  const k = makeKiosk(n);
  open.push(k.store);
  dirs.push(k.dataDir);
  return k;
}

async function scripted(answer: Parameters<typeof startScriptedServer>[0]) {
  const s = await startScriptedServer(answer);
  open.push(s);
  return s;
}

const gap = (e: number): ScriptedAnswer => ({ status: 409, body: { error: 'SEQ_GAP', expectedSeq: e } });
const syncedSeqs = (k: TestKiosk) =>
  k.store.db.prepare('SELECT seq FROM verifications WHERE synced_at IS NOT NULL ORDER BY seq').pluck().all();

describe('409 from BMET', () => {
  it('far ahead of anything sent: nothing is marked, sync stops with an alert, audited', async () => {
    const k = kiosk(1000);
    // The first batch is 1..500; the server claims to hold 1..699, which the kiosk never sent.
    const s = await scripted(() => gap(700));
    const { engine, audits } = engineFor(k, s.url);
    const r = await engine.runOnce({ retries: 3 });
    expect(r.alert).toMatchObject({ code: 'SYNC_SERVER_AHEAD', httpStatus: 409, retryAt: null });
    expect(r.acknowledged).toBe(0);
    expect(k.store.pendingCount()).toBe(1000);
    expect(syncedSeqs(k)).toEqual([]);
    expect(s.requests).toHaveLength(1);
    expect(audits).toContainEqual(expect.objectContaining({ type: 'sync-alert', code: 'SYNC_SERVER_AHEAD' }));
    // It stays stopped across a restart until a technician acts.
    const again = engineFor(k, s.url).engine;
    expect((await again.runOnce()).alert?.code).toBe('SYNC_SERVER_AHEAD');
    expect(s.requests).toHaveLength(1);
  });

  it("the kiosk's own engine writes the alert to the audit log", async () => {
    const k = kiosk(30);
    const s = await scripted(() => gap(5000));
    k.store.setSetting(SERVER_SETTING, s.url, 'test');
    const made = openKioskSync({ store: k.store, dataDir: k.dataDir });
    if (!made.ok) throw new Error(made.why);
    expect((await made.engine.runOnce()).alert?.code).toBe('SYNC_SERVER_AHEAD');
    await made.engine.stop();
    expect(k.store.auditEntries().filter((e) => e.action === 'sync.alert')).toMatchObject([
      { actor: 'sync', detail: { code: 'SYNC_SERVER_AHEAD', httpStatus: 409 } },
    ]);
    expect(k.store.pendingCount()).toBe(30);
  });

  it('just past the batch sent is still ahead when the records after it were never sent', async () => {
    const k = kiosk(600);
    const s = await scripted((b) => (b.fromSeq === 1 ? gap(502) : ackOf(b)));
    const r = await engineFor(k, s.url).engine.runOnce();
    // 1..500 went out; 502 would mean the server holds 501, which never left the kiosk.
    expect(r.alert?.code).toBe('SYNC_SERVER_AHEAD');
    expect(k.store.pendingCount()).toBe(600);
  });

  it('a lost answer: a 409 within the batch already sent marks exactly the records before it, across a restart', async () => {
    const k = kiosk(700);
    // First attempt of 1..500: the server stores it but the answer is lost. After a restart
    // the kiosk resends the same batch, and the server says it now wants 501.
    const s = await scripted((b, n) => (n === 0 ? 'drop' : b.fromSeq === 1 ? gap(501) : ackOf(b)));
    const first = await engineFor(k, s.url).engine.runOnce();
    expect(first.lastError?.code).toBe('SYNC_NETWORK');
    expect(k.store.pendingCount()).toBe(700);
    const { engine, logs } = engineFor(k, s.url);
    const r = await engine.runOnce();
    // The summary counts the 500 the 409 marked as well as the 200 the 200 did.
    expect(r).toMatchObject({ ok: true, alert: null, acknowledged: 700, batches: 1 });
    expect(k.store.pendingCount()).toBe(0);
    expect(s.requests.map((q) => [q.fromSeq, q.toSeq])).toEqual([
      [1, 500],
      [1, 500],
      [501, 700],
    ]);
    expect(s.requests[1]!.batchId).toBe(s.requests[0]!.batchId);
    expect(logs.some((l) => l.code === 'SYNC_GAP' && /already holds up to seq 500/.test(l.message))).toBe(
      true,
    );
  });

  it('a 409 inside the batch marks only the records before it, then sends the rest', async () => {
    const k = kiosk(300);
    const s = await scripted((b, n) => (n === 0 ? gap(121) : ackOf(b)));
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.ok).toBe(true);
    expect(s.requests.map((q) => [q.fromSeq, q.toSeq])).toEqual([
      [1, 300],
      [121, 300],
    ]);
    expect(k.store.pendingCount()).toBe(0);
  });

  it('going backwards forever: resends are bounded and end in an alert, nothing new marked', async () => {
    const k = kiosk(1000);
    // Honest for the first batch, then every answer asks for one seq before the batch.
    const s = await scripted((b, n) => (n === 0 ? ackOf(b) : gap(b.fromSeq - 1)));
    const { engine, audits } = engineFor(k, s.url);
    const r = await engine.runOnce({ retries: 50 });
    expect(r.alert).toMatchObject({ code: 'SYNC_GAP_LOOP', retryAt: null });
    expect(k.store.pendingCount()).toBe(500);
    expect(syncedSeqs(k)).toHaveLength(500);
    expect(s.requests.length).toBeLessThanOrEqual(MAX_GAP_STREAK + 2);
    expect(audits).toContainEqual(expect.objectContaining({ type: 'sync-alert', code: 'SYNC_GAP_LOOP' }));
    // Stopped: another pass sends nothing.
    const before = s.requests.length;
    expect((await engine.runOnce()).alert?.code).toBe('SYNC_GAP_LOOP');
    expect(s.requests).toHaveLength(before);
  });

  it('loops (back to 1, forward to what was sent, the very batch sent) are bounded and end in an alert', async () => {
    const k = kiosk(800);
    const s = await scripted((b, n) => {
      if (n === 0) return ackOf(b); // 1..500 acknowledged
      if (b.fromSeq === 1) return gap(501); // "I hold 1..500" (true, already marked)
      if (n % 2) return gap(1); // "start again from 1"
      return gap(b.fromSeq); // "send me exactly what you just sent"
    });
    const { engine } = engineFor(k, s.url);
    const r = await engine.runOnce({ retries: 100 });
    expect(r.alert?.code).toBe('SYNC_GAP_LOOP');
    expect(k.store.pendingCount()).toBe(300);
    expect(s.requests.length).toBeLessThanOrEqual(MAX_GAP_STREAK + 2);
    // After the technician resumes against an honest server, everything goes.
    const honest = await scripted(ackOf);
    const fixed = engineFor(k, honest.url).engine;
    fixed.resume();
    expect(await fixed.runOnce()).toMatchObject({ ok: true, alert: null });
    expect(k.store.pendingCount()).toBe(0);
  });
});

describe('409 asking for records retention has cleared', () => {
  it('stops with an alert instead of sending records that no longer hash (no false tamper report at BMET)', async () => {
    const k = kiosk(0);
    addScans(k, 20, 10 * 86_400_000); // one scan every 10 days, the first 200 days ago
    // 1..10 acknowledged long ago (by a BMET that has since lost them), then cleared by retention.
    k.store.markSynced(1, 10, new Date(Date.now() - 150 * 86_400_000).toISOString());
    k.store.syncState.set(
      BMET_TIME_KEY,
      encodeAnchor({ serverMs: Date.now(), localMs: Date.now(), bootId: null, uptimeMs: 0 }),
    );
    expect(k.store.applyRetention('system').redacted).toBeGreaterThan(0);
    const s = await startServer({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    open.push(s);
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.alert).toMatchObject({ code: 'SYNC_SEQ_UNAVAILABLE', retryAt: null });
    expect(r.alert?.message).toMatch(/retention has cleared/);
    expect(await serverAudit(s.url, k.kioskId)).toMatchObject({ count: 0, reports: [] });
    expect(s.stats.refused).toEqual({ SEQ_GAP: 1 }); // the 409 for 11..20, and nothing after it
    expect(k.store.pendingCount()).toBe(10);
  });
});
