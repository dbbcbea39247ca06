// The kiosk's sync engine against the reference BMET server over real HTTP on 127.0.0.1:
// real SQLite stores, real device keys, the engine's policy on a 1000× clock. Each wait
// is a bounded poll; nothing here asserts on time.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import type { SyncCode } from '../../../main/contract/sync.ts';
import type { SyncClock } from '../../../main/core/sync/timing.ts';
import {
  addScans,
  cleanup,
  engineFor,
  eventually,
  makeKiosk,
  putFaults,
  register,
  serverAudit,
  serverRecords,
  startServer,
  type TestKiosk,
} from '../../helpers/sync.ts';

const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  cleanup(...dirs.splice(0));
});

function kiosk(n: number, o: Parameters<typeof makeKiosk>[1] = {}): TestKiosk {
  const k = makeKiosk(n, o);
  open.push(k.store);
  dirs.push(k.dataDir);
  return k;
}

async function server(o: Parameters<typeof startServer>[0] = {}) {
  const s = await startServer(o);
  open.push(s);
  return s;
}

/** Every kiosk record is on the server exactly once, identical, and the server's chain re-walks clean. */
async function expectExactlyOnce(url: string, k: TestKiosk) {
  const local = k.store.recordsFrom(1, 1_000_000);
  const remote = await serverRecords(url, k.kioskId);
  expect(remote.length).toBe(local.length);
  expect(remote.map((r) => r.seq)).toEqual(local.map((r) => r.seq));
  expect(remote).toEqual(local);
  const audit = await serverAudit(url, k.kioskId);
  expect(audit).toMatchObject({ count: local.length, lastSeq: local.length, chainOk: true, reports: [] });
  expect(k.store.pendingCount()).toBe(0);
}

describe('sync over HTTP', () => {
  it('a scan logged since the last step counts as waiting at once, before any step sends it', async () => {
    const k = kiosk(2);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    const { engine } = engineFor(k, s.url);
    open.push({ close: () => engine.stop() });
    expect(engine.status().waiting).toBe(2);
    addScans(k, 3);
    expect(engine.status().waiting).toBe(5);
  });

  it('thousands of records under random faults (incl. answers lost after storing) arrive exactly once, chain intact', async () => {
    const k = kiosk(4000);
    const s = await server({
      kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }],
      faults: {
        seed: 42,
        error500: 0.12,
        busy503: 0.08,
        busy429: 0.05,
        retryAfter: '2',
        delay: 0.2,
        delayMs: 30,
        lostAfterStore: 0.15,
        garbage: 0.06,
        wrongType: 0.05,
      },
    });
    const { engine, logs } = engineFor(k, s.url, { maxRecordsPerBatch: 100 });
    open.push({ close: () => engine.stop() });
    engine.start();
    // Scans keep coming while it syncs.
    for (let i = 0; i < 5; i++) {
      addScans(k, 50);
      engine.nudge();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await eventually(() => engine.status().waiting === 0 && engine.status().phase === 'idle')).toBe(
      true,
    );
    await engine.stop();
    await expectExactlyOnce(s.url, k);

    const injected = s.faults.injected;
    expect(injected.lostAfterStore).toBeGreaterThan(0);
    expect(
      injected.error500 + injected.busy503 + injected.busy429 + injected.garbage + injected.wrongType,
    ).toBeGreaterThan(0);
    // Lost answers made the kiosk resend batches the server had stored: answered again from the Idempotency-Key.
    expect(s.stats.replayed).toBeGreaterThan(0);
    const codes = new Set(logs.map((l) => l.code));
    for (const c of [
      'SYNC_NETWORK',
      'SYNC_SERVER_ERROR',
      'SYNC_BUSY',
      'SYNC_BAD_RESPONSE',
      'SYNC_WRONG_CONTENT_TYPE',
    ] as SyncCode[])
      expect(codes).toContain(c);
    expect(engine.status().alert).toBeNull();
  });

  it('a week offline: the backlog waits with backoff, then catches up when BMET is reachable', async () => {
    // ~10,000 scans over 7 days (one a minute), while the server is unreachable.
    const k = kiosk(10_080, { stepMs: 60_000 });
    const probe = await server();
    const port = probe.port;
    await probe.close();
    open.pop();
    const { engine, logs } = engineFor(k, `http://127.0.0.1:${port}`);
    open.push({ close: () => engine.stop() });
    engine.start();
    expect(await eventually(() => logs.filter((l) => l.code === 'SYNC_NETWORK').length >= 3)).toBe(true);
    const st = engine.status();
    expect(st.waiting).toBe(10_080);
    expect(st.lastError?.code).toBe('SYNC_NETWORK');
    expect(st.nextAttemptAt).not.toBeNull();
    expect(st.lastSuccessAt).toBeNull();

    const s = await server({ port, kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    expect(await eventually(() => engine.status().waiting === 0)).toBe(true);
    await engine.stop();
    await expectExactlyOnce(s.url, k);
    expect(engine.status().lastSuccessAt).not.toBeNull();
    const first = k.store.recordsFrom(1, 1)[0]!;
    const last = k.store.recordsFrom(10_080, 1)[0]!;
    expect(Date.parse(last.scannedAt) - Date.parse(first.scannedAt)).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('a record altered in the kiosk database is caught by the server: 422, reported, batch quarantined, sync stopped', async () => {
    const k = kiosk(1200);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    // Someone with the database file edits record 777 behind the store's back.
    k.store.db.exec('DROP TRIGGER verifications_immutable; DROP TRIGGER verifications_redact_only');
    k.store.db
      .prepare("UPDATE verifications SET destination = 'QA', passport = 'X99999999' WHERE seq = 777")
      .run();

    const { engine, logs } = engineFor(k, s.url);
    const r = await engine.runOnce({ retries: 5 });
    expect(r.ok).toBe(false);
    expect(r.acknowledged).toBe(500); // 1..500 went through
    expect(r.alert).toMatchObject({
      code: 'SYNC_REJECTED',
      httpStatus: 422,
      serverCode: 'CHAIN_HASH_MISMATCH',
      retryAt: null,
      batch: { fromSeq: 501, toSeq: 1000 },
    });
    expect(engine.status().phase).toBe('stopped');
    expect(k.store.pendingCount()).toBe(700); // nothing after 500 marked
    expect(k.store.syncState.get(`sync.quarantine.${r.alert!.batch!.batchId}`)).toContain('"fromSeq":501');
    expect(logs.some((l) => l.code === 'SYNC_REJECTED' && l.level === 'error')).toBe(true);

    const audit = await serverAudit(s.url, k.kioskId);
    expect(audit.count).toBe(500);
    expect(audit.reports).toEqual([expect.objectContaining({ code: 'CHAIN_HASH_MISMATCH', seq: 777 })]);
    expect(s.logs.some((l) => l.event === 'chain-report' && l.seq === 777)).toBe(true);

    // It stays stopped, across a restart too, until a technician acts.
    const again = engineFor(k, s.url).engine;
    expect(again.status().alert?.code).toBe('SYNC_REJECTED');
    expect((await again.runOnce()).acknowledged).toBe(0);
  });

  it('a deleted record is caught: the server asks for it (409) and the kiosk stops, for it cannot give it', async () => {
    const k = kiosk(600);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    expect((await engineFor(k, s.url).engine.runOnce()).ok).toBe(true);
    addScans(k, 300);
    k.store.db.exec('DROP TRIGGER verifications_no_delete');
    k.store.db.prepare('DELETE FROM verifications WHERE seq = 601').run();
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.alert).toMatchObject({ code: 'SYNC_SEQ_UNAVAILABLE' });
    expect((await serverAudit(s.url, k.kioskId)).count).toBe(600);
  });

  it('a wrong device key is refused (401) and shown; after the technician fixes it, sync resumes', async () => {
    const k = kiosk(300);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: other }] });
    const { engine } = engineFor(k, s.url);
    const seen: string[] = [];
    engine.onStatus((st) => seen.push(st.phase));
    const r = await engine.runOnce({ retries: 3 });
    expect(r.ok).toBe(false);
    const st = engine.status();
    expect(st.phase).toBe('stopped');
    expect(st.alert).toMatchObject({
      code: 'SYNC_UNAUTHORIZED',
      httpStatus: 401,
      serverCode: 'SIGNATURE_INVALID',
    });
    // retries by itself after 1 h (of the engine's clock)
    expect(Date.parse(st.alert!.retryAt!) - Date.parse(st.alert!.at)).toBe(3_600_000);
    expect(seen).toContain('stopped');
    expect(k.store.pendingCount()).toBe(300);
    expect((await serverAudit(s.url, k.kioskId)).count).toBe(0);

    // An unknown kiosk is 403, also an alert.
    const stranger = kiosk(5, { kioskId: 'CGP-T1-D01' });
    const r2 = await engineFor(stranger, s.url).engine.runOnce();
    expect(r2.alert).toMatchObject({
      code: 'SYNC_UNAUTHORIZED',
      httpStatus: 403,
      serverCode: 'KIOSK_UNKNOWN',
    });

    await register(s.url, k.kioskId, k.publicKeyPem);
    engine.resume();
    const r3 = await engine.runOnce();
    expect(r3).toMatchObject({ ok: true, acknowledged: 300, alert: null });
    await expectExactlyOnce(s.url, k);
  });

  it('the 401 alert lifts by itself after an hour of the engine clock', async () => {
    const k = kiosk(50);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: other }] });
    const { engine } = engineFor(k, s.url);
    open.push({ close: () => engine.stop() });
    engine.start();
    expect(await eventually(() => engine.status().alert?.code === 'SYNC_UNAUTHORIZED')).toBe(true);
    await register(s.url, k.kioskId, k.publicKeyPem); // BMET registers the right key; nobody touches the kiosk
    expect(await eventually(() => engine.status().waiting === 0)).toBe(true); // 1 h of policy = 3.6 s here
    expect(engine.status().alert).toBeNull();
  });

  it('a server that asks for an earlier seq (409) gets it, and the chain stays whole', async () => {
    const k = kiosk(1000);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    expect((await engineFor(k, s.url).engine.runOnce()).acknowledged).toBe(1000);
    // BMET restores an older backup: it now holds only 1..400.
    await fetch(`${s.url}/_test/kiosks/${k.kioskId}/rewind`, {
      method: 'POST',
      body: JSON.stringify({ toSeq: 400 }),
    });
    addScans(k, 100);
    const { engine, logs } = engineFor(k, s.url);
    const r = await engine.runOnce();
    expect(r.ok).toBe(true);
    // 401..1100 went again, but only 1001..1100 were not acknowledged already.
    expect(r.acknowledged).toBe(100);
    expect(logs.some((l) => l.code === 'SYNC_GAP' && /expects seq 401/.test(l.message))).toBe(true);
    await expectExactlyOnce(s.url, k);
  });

  it('bad answers (garbage, huge, slow-loris, wrong type, busy with odd Retry-After) are bounded and logged; nothing is lost', async () => {
    const k = kiosk(700);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    const { engine, logs } = engineFor(k, s.url, {
      limits: { deadlineMs: 1500, maxResponseBytes: 64 * 1024 },
    });
    const cases: [Record<string, unknown>, SyncCode][] = [
      [{ garbage: 1 }, 'SYNC_BAD_RESPONSE'],
      [{ huge: 1, hugeBytes: 50 * 1024 * 1024 }, 'SYNC_RESPONSE_TOO_LARGE'],
      [{ slow: 1, slowByteMs: 400 }, 'SYNC_TIMEOUT'],
      [{ wrongType: 1 }, 'SYNC_WRONG_CONTENT_TYPE'],
      [{ lostAfterStore: 1 }, 'SYNC_NETWORK'],
      [{ busy503: 1, retryAfter: 'Sun, 06 Nov 1994 08:49:37 GMT' }, 'SYNC_BUSY'],
      [{ busy429: 1, retryAfter: 'whenever' }, 'SYNC_BUSY'],
      [{ error500: 1 }, 'SYNC_SERVER_ERROR'],
    ];
    for (const [fault, code] of cases) {
      await putFaults(s.url, {
        error500: 0,
        busy503: 0,
        busy429: 0,
        garbage: 0,
        huge: 0,
        slow: 0,
        wrongType: 0,
        lostAfterStore: 0,
        ...fault,
      });
      const before = k.store.pendingCount();
      const r = await engine.runOnce();
      expect(r.ok, JSON.stringify(fault)).toBe(false);
      expect(r.lastError?.code).toBe(code);
      expect(r.acknowledged).toBe(0);
      expect(k.store.pendingCount()).toBe(before); // an unreadable answer marks nothing
      expect(r.nextAttemptAt).toBeNull(); // runOnce schedules nothing
    }
    expect(new Set(logs.map((l) => l.code))).toEqual(
      new Set([
        'SYNC_BAD_RESPONSE',
        'SYNC_RESPONSE_TOO_LARGE',
        'SYNC_TIMEOUT',
        'SYNC_WRONG_CONTENT_TYPE',
        'SYNC_NETWORK',
        'SYNC_BUSY',
        'SYNC_SERVER_ERROR',
      ]),
    );
    await putFaults(s.url, {
      error500: 0,
      busy503: 0,
      busy429: 0,
      garbage: 0,
      huge: 0,
      slow: 0,
      wrongType: 0,
      lostAfterStore: 0,
    });
    expect((await engine.runOnce()).ok).toBe(true);
    await expectExactlyOnce(s.url, k);
  });

  it.each([
    ['503', 'Retry-After: 0', { busy503: 1, retryAfter: '0' }, 0],
    ['429', 'Retry-After: 0', { busy429: 1, retryAfter: '0' }, 0],
    ['503', 'an HTTP-date gone by', { busy503: 1, retryAfter: 'Sun, 06 Nov 1994 08:49:37 GMT' }, 0],
    [
      '429',
      'Retry-After: 20 (longer than the first steps: waited as told)',
      { busy429: 1, retryAfter: '20' },
      20_000,
    ],
  ])('%s with %s: each retry waits at least the growing backoff step', async (_s, _why, fault, toldMs) => {
    const k = kiosk(3);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }], faults: fault });
    // The engine's clock hands back each wait it asks for and goes on at once: nothing sleeps.
    const waits: number[] = [];
    const clock: SyncClock = {
      now: () => Date.now(),
      after(ms, fn) {
        waits.push(ms);
        setImmediate(fn);
        return () => {};
      },
    };
    const { engine, logs } = engineFor(k, s.url, { clock, random: () => 0 });
    const retries = 8;
    const r = await engine.runOnce({ retries });
    expect(r.lastError?.code).toBe('SYNC_BUSY');
    expect(s.stats.requests).toBe(retries + 1); // one POST a busy answer, none in between
    expect(logs.filter((l) => l.code === 'SYNC_BUSY')).toHaveLength(retries + 1);
    // The step's floor (random 0: the lower half's bottom) doubles from 1 s: 1, 1, 2, 4, … s.
    const steps = Array.from({ length: retries }, (_, i) => Math.max(1000, 500 * 2 ** i));
    expect(waits).toEqual(steps.map((step) => Math.max(step, toldMs)));
  });

  it('a peer that is not HTTP at all, or never finishes its headers, is a logged error too', async () => {
    const k = kiosk(20);
    const peers = [
      (sock: net.Socket) => sock.end('\u0000\u0001 this is not HTTP\r\n\r\n'),
      (sock: net.Socket) => sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: '), // and then nothing
      (sock: net.Socket) =>
        sock.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"acc'), // short JSON
    ];
    const codes: (string | undefined)[] = [];
    for (const peer of peers) {
      const socks = new Set<net.Socket>();
      const srv = net.createServer((sock) => {
        socks.add(sock);
        sock.on('error', () => {});
        sock.once('data', () => peer(sock));
      });
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      const port = (srv.address() as net.AddressInfo).port;
      const { engine } = engineFor(k, `http://127.0.0.1:${port}`, {
        limits: { deadlineMs: 800, maxResponseBytes: 65536 },
      });
      const r = await engine.runOnce();
      codes.push(r.lastError?.code);
      await engine.stop();
      for (const sock of socks) sock.destroy();
      await new Promise((r2) => srv.close(r2));
    }
    expect(codes).toEqual(['SYNC_BAD_RESPONSE', 'SYNC_TIMEOUT', 'SYNC_BAD_RESPONSE']);
    expect(k.store.pendingCount()).toBe(20);
  });
});
