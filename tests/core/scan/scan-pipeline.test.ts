// A batch of scans through the pipeline (signatures on a worker thread, scans closed in order)
// gives exactly what scanOnce gives one scan after another: the same verdicts, in the same order,
// and the same rows in a real log on disk (duplicates included, which depend on that order).
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SIGNATURE_BATCH,
  signatureChecker,
  type SignatureChecker,
} from '../../../main/core/crypto/signature-batches.ts';
import { scanOnce, type ScanOutcome, type ScanPathOptions } from '../../../main/core/scan/scan-path.ts';
import { scanPipeline, type ScanPipeline } from '../../../main/core/scan/scan-pipeline.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import type { PreparedTrust, TrustedKey } from '../../../main/core/trust/prepared-trust.ts';
import { devTrust, fixtureCards } from '../../fixtures/load.ts';

const trust = devTrust();
const cards = fixtureCards();

interface Scan {
  qr: string;
  nowMs: number;
  overlong: boolean;
}

/**
 * Every fixture card (valid, each kind of invalid, tampered signatures), several times over so
 * that valid ones come back as duplicates, with cut scans and plain garbage between: enough
 * scans for many full batches.
 */
function scans(rounds: number): Scan[] {
  const out: Scan[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of cards.entries()) {
      const nowMs = Date.parse(c.now ?? '2026-11-22T06:00:00Z') + r * 60_000;
      out.push({ qr: c.qr, nowMs, overlong: false });
      if (i % 17 === 0) out.push({ qr: c.qr.slice(0, 40), nowMs, overlong: true });
      if (i % 23 === 0) out.push({ qr: `not a card ${r}/${i}`, nowMs, overlong: false });
    }
  }
  return out;
}

const dirs: string[] = [];
const stores: Store[] = [];
function store(): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-pipeline-'));
  dirs.push(dir);
  const s = openStore({ dataDir: dir });
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** What two logs must agree on (ids, hashes and kiosk ids differ from one data dir to another). */
function rows(s: Store) {
  return s.recordsFrom(1, 100_000).map((r) => ({
    seq: r.seq,
    at: r.scannedAt,
    status: r.status,
    reasons: r.reasons,
    clearanceId: r.clearanceId,
    kid: r.kid,
    qrSha256: r.qrSha256,
  }));
}

/** Pushes the scans as a reader does: a run at a time, giving the event loop a turn between runs. */
async function pushAll(p: ScanPipeline, all: Scan[]) {
  for (const [i, s] of all.entries()) {
    if (i % 100 === 0) await new Promise(setImmediate);
    if (p.full) await p.room();
    p.push(s.qr, s.nowMs, s.overlong);
  }
  await p.drain();
}

async function throughPipeline(all: Scan[], o: ScanPathOptions, checker?: SignatureChecker) {
  const got: ScanOutcome[] = [];
  const p = scanPipeline(o, (outcome) => got.push(outcome), checker);
  try {
    await pushAll(p, all);
  } finally {
    p.close();
  }
  return got;
}

const oneByOne = (all: Scan[], o: ScanPathOptions) => all.map((s) => scanOnce(s.qr, s.nowMs, o, s.overlong));

describe('scanPipeline', () => {
  it('gives scanOnce’s verdicts and log rows, in order, with most signatures checked on the worker', async () => {
    const all = scans(12);
    const expected = oneByOne(all, { trust, log: store(), officer: 'OF-1' });
    const log = store();
    const checker = signatureChecker();
    // Running before the first scan, so the worker takes part however slowly this machine starts it.
    expect(await checker.start()).toBe(true);
    const got = await throughPipeline(all, { trust, log, officer: 'OF-1' }, checker);
    expect(got).toEqual(expected);
    expect(rows(log)).toEqual(rows(stores[0]!));
    expect(checker.counts.worker).toBeGreaterThan(checker.counts.here);
    // Duplicates came out as the order makes them: present, and the same.
    expect(got.some((g) => g.verdict.reasons.some((r) => r.code === 'DUPLICATE_SCAN'))).toBe(true);
  });

  it.each([
    ['without a log', (): Partial<ScanPathOptions> => ({ log: null })],
    [
      'with a log that could not open',
      (): Partial<ScanPathOptions> => ({ log: null, noLogCode: 'LOG_UNAVAILABLE' }),
    ],
    ['without a trust bundle', (): Partial<ScanPathOptions> => ({ trust: null, log: store() })],
  ])('gives scanOnce’s answers %s', async (_name, extra) => {
    const all = scans(3);
    const o = { trust, log: null, officer: 'OF-1', ...extra() } as ScanPathOptions;
    const expected = oneByOne(all, o);
    const o2 = { ...o, ...(o.log ? { log: store() } : {}) };
    expect(await throughPipeline(all, o2)).toEqual(expected);
  });

  it.each([
    [
      'cannot start a thread',
      () => {
        throw new Error('no worker threads here');
      },
    ],
    [
      'exits on its first batch',
      () =>
        new Worker(
          `const { parentPort } = require('node:worker_threads');
         parentPort.postMessage({ ready: true });
         parentPort.on('message', () => process.exit(7));`,
          { eval: true },
        ),
    ],
    [
      'throws on its first batch',
      () =>
        new Worker(
          `const { parentPort } = require('node:worker_threads');
         parentPort.postMessage({ ready: true });
         parentPort.on('message', () => { throw new Error('worker broke'); });`,
          { eval: true },
        ),
    ],
  ])('loses no answer when the worker %s: this thread checks what it held', async (_name, spawn) => {
    const all = scans(4);
    const expected = oneByOne(all, { trust, log: null, officer: 'OF-1' });
    const checker = signatureChecker(spawn as () => Worker);
    await checker.start();
    expect(await throughPipeline(all, { trust, log: null, officer: 'OF-1' }, checker)).toEqual(expected);
    expect(checker.counts.worker).toBe(0);
    expect(checker.counts.here).toBeGreaterThan(0);
  });

  it('loses no answer when the worker is alive but never answers: given up after its silence, this thread checks what it held', async () => {
    const all = scans(4);
    const expected = oneByOne(all, { trust, log: null, officer: 'OF-1' });
    const silent = () =>
      new Worker(
        `const { parentPort } = require('node:worker_threads');
         parentPort.postMessage({ ready: true });
         parentPort.on('message', () => { for (;;); });`,
        { eval: true },
      );
    // The limit is short here; the worker never answers, so however busy the machine it is given up.
    const checker = signatureChecker(silent, 200);
    expect(await checker.start()).toBe(true);
    expect(await throughPipeline(all, { trust, log: null, officer: 'OF-1' }, checker)).toEqual(expected);
    expect(checker.counts.worker).toBe(0);
    expect(checker.counts.here).toBeGreaterThan(0);
  });

  it('a fault while a scan is pushed: the scans before it are still delivered, then drain rejects; nothing hangs', async () => {
    // A key lookup that throws on its 60th call: a fault in the kiosk, not a bad card.
    let lookups = 0;
    class FaultyKeys extends Map<string, TrustedKey> {
      override get(kid: string) {
        if (++lookups === 60) throw new Error('lookup broke');
        return super.get(kid);
      }
    }
    const faulty: PreparedTrust = { ...trust, keys: new FaultyKeys(trust.keys) };
    const all = scans(2);
    const got: ScanOutcome[] = [];
    const checker = signatureChecker();
    expect(await checker.start()).toBe(true);
    const p = scanPipeline({ trust: faulty, log: null, officer: 'OF-1' }, (o) => got.push(o), checker);
    let pushed = 0;
    try {
      const pushing = (async () => {
        for (const s of all) {
          if (p.full) await p.room();
          p.push(s.qr, s.nowMs, s.overlong);
          pushed++;
        }
      })();
      await expect(pushing).rejects.toThrow('lookup broke');
      await expect(p.drain()).rejects.toThrow('lookup broke');
      expect(() => p.push(all[0]!.qr, all[0]!.nowMs)).toThrow('lookup broke');
    } finally {
      p.close();
    }
    // Every scan pushed before the faulty one, answered as scanOnce answers it, in order.
    expect(got).toEqual(oneByOne(all.slice(0, pushed), { trust, log: null, officer: 'OF-1' }));
    expect(pushed).toBeGreaterThan(40);
  });

  it('a scan that cannot be closed (a fault, not a card) rejects drain and stops delivering', async () => {
    const failing: ScanPathOptions = {
      trust,
      officer: 'OF-1',
      log: {
        firstSeenAt: () => null,
        logVerdict: () => ({ seq: 1 }),
      },
    };
    let delivered = 0;
    const p = scanPipeline(failing, () => {
      delivered++;
      if (delivered === 3) throw new Error('deliver broke');
    });
    try {
      // Thrown by drain, or by the push after the fault when a scan closed at once.
      await expect(pushAll(p, scans(1).slice(0, 100))).rejects.toThrow('deliver broke');
    } finally {
      p.close();
    }
    expect(delivered).toBe(3);
  });
});

describe('signatureChecker', () => {
  it('keeps a worker whose answer came while this thread was stalled past the silence limit', async () => {
    // The worker posts its answer, then raises a shared flag. This thread stalls in one callback (as
    // on a slow disk) until the answer is posted and the limit has passed: when the loop runs again
    // the timer is due and the answer waits. The answer must win; nothing is checked twice.
    const posted = new Int32Array(new SharedArrayBuffer(4));
    const answering = () =>
      new Worker(
        `const { parentPort, workerData } = require('node:worker_threads');
         parentPort.postMessage({ ready: true });
         parentPort.on('message', ({ id, count }) => {
           parentPort.postMessage({ id, answers: new Uint8Array(count).fill(1) });
           Atomics.store(workerData, 0, 1);
           Atomics.notify(workerData, 0);
         });`,
        { eval: true, workerData: posted },
      );
    const LIMIT_MS = 200;
    const checker = signatureChecker(answering, LIMIT_MS);
    try {
      expect(await checker.start()).toBe(true);
      // Off the worker's own message handling (where start() resolved): Node reads every message a
      // port holds in one go, so a stall there never finds the timer first. Here, as in the work of a
      // chunk of input, the next turn of the loop runs due timers before it reads messages.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const message = Buffer.from('m');
      const signature = sign(null, message, privateKey);
      const answers: boolean[] = [];
      const all = new Promise<void>((resolve) => {
        for (let i = 0; i < SIGNATURE_BATCH; i++)
          checker.check({ raw: Buffer.alloc(32), key: publicKey }, message, signature, (ok) => {
            if (answers.push(ok) === SIGNATURE_BATCH) resolve();
          });
      });
      const stalledAt = performance.now();
      Atomics.wait(posted, 0, 0);
      // The stall itself (what is tested), not a wait for something: it ends past the limit.
      while (performance.now() - stalledAt <= LIMIT_MS * 1.5);
      await all;
      expect(answers).toEqual(Array<boolean>(SIGNATURE_BATCH).fill(true));
      expect(checker.counts).toEqual({ worker: SIGNATURE_BATCH, here: 0 });
    } finally {
      checker.close();
    }
  });

  it.each([
    ['started and never given a batch', 0],
    ['after answering a batch', 1],
  ])(
    'a running worker that holds nothing does not keep the process alive (%s), closed or not',
    async (_name, batches) => {
      // A child that starts a checker, has `batches` batches checked, and ends without close().
      const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-idle-worker-')), 'idle.mts');
      fs.writeFileSync(
        script,
        `import { signatureChecker, SIGNATURE_BATCH } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../../main/core/crypto/signature-batches.ts'))};
       import { generateKeyPairSync, sign } from 'node:crypto';
       const { publicKey, privateKey } = generateKeyPairSync('ed25519');
       const c = signatureChecker();
       if (!(await c.start())) throw new Error('no worker');
       const message = Buffer.from('m');
       const signature = sign(null, message, privateKey);
       const answers = await Promise.all(Array.from({ length: ${batches} * SIGNATURE_BATCH }, () =>
         new Promise((done) => c.check({ raw: Buffer.alloc(32), key: publicKey }, message, signature, done))));
       console.log(JSON.stringify({ answers: answers.filter(Boolean).length, worker: c.counts.worker }));`,
      );
      const r = await new Promise<{ status: number | null; signal: string | null; stdout: string }>(
        (resolve) => {
          const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
          let stdout = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d));
          // A bound, not a timing: a worker that kept the process alive would keep it for ever.
          const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
          child.on('close', (status, signal) => {
            clearTimeout(guard);
            resolve({ status, signal, stdout });
          });
        },
      );
      expect(r.signal).toBeNull();
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ answers: 32 * batches, worker: 32 * batches });
    },
  );
});
