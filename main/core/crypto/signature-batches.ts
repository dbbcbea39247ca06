/**
 * verifyStrict for a stream of signatures, on two cores. Signatures are gathered in batches; a
 * full batch goes to one worker thread while the worker holds fewer than WORKER_BATCHES, and is
 * checked on this thread otherwise, so each thread takes a share that follows its speed. The
 * caller (a batch of scans) decodes the next cards meanwhile.
 *
 * The worker runs only OpenSSL's verify, with the same keys (KeyObject clones); the strict
 * checks before it (length, S < L) run here, in verifyStrict's own module, so every answer is
 * verifyStrict's. Why a worker and batches, not crypto.verify's callback form: that costs ~15 µs
 * of this thread a signature (a job and a callback each), most of what it saves on 2 cores; a
 * batch costs one message each way. Why not the whole card on the worker: it would load and warm
 * the decoding stages a second time (~0.2 s of start and ~1 s of CPU over 20,000 cards, measured),
 * which ate the gain.
 *
 * A worker that cannot start, throws, exits or goes silent (holds batches and answers none for
 * WORKER_SILENCE_MS) leaves what it held to this thread: never a lost or a different answer, only
 * a slower one.
 */
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { canonicalSignature, verifyStrict, type VerifyKey } from './ed25519.ts';

export interface SignatureChecker {
  /** Checks one signature; `done` gets verifyStrict's answer, possibly before check() returns. */
  check(key: VerifyKey, message: Uint8Array, signature: Uint8Array, done: (ok: boolean) => void): void;
  /**
   * Starts the worker now, not after WORKER_AFTER signatures: true once it runs, false when it cannot.
   * Tests use it so that the worker takes part however slowly the machine starts a thread.
   */
  start(): Promise<boolean>;
  /** Ends the worker; checks still held get no answer. */
  close(): void;
  /** Signatures checked so far on the worker and on this thread (what a benchmark or test reports). */
  readonly counts: { worker: number; here: number };
}

/** Signatures a batch: several to a reader's 64 KiB chunk of cards. */
export const SIGNATURE_BATCH = 32;
/** Batches the worker may hold unanswered; beyond it this thread checks the batch itself. */
export const WORKER_BATCHES = 16;
/**
 * Signatures checked on this thread before a worker is started (at a full batch): a run shorter
 * than this never pays for a thread, whose start, and whose end at exit, cost more than it would
 * save (measured: +40–80 ms wall on runs of 500 and 2,200 cards when it started at once).
 */
export const WORKER_AFTER = 1024;
/**
 * How long the worker may hold batches without answering one before it is given up (terminated,
 * its batches checked here). A batch takes milliseconds; this is for a worker that is alive but
 * stuck, which would otherwise hang the run for ever, and is long enough that a machine too busy to
 * run the thread for a while does not trip it.
 */
export const WORKER_SILENCE_MS = 10_000;

interface Held {
  key: VerifyKey;
  message: Uint8Array;
  signature: Uint8Array;
  done: (ok: boolean) => void;
}

// CommonJS source evaluated in the worker (as in store/background-check.ts: no file of its own to
// bundle). It reads the layout packBatch writes and answers one byte a signature.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { verify } = require('node:crypto');
const keys = [];
parentPort.on('message', ({ id, newKeys, bytes, count }) => {
  keys.push(...newKeys);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const answers = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[view.getUint32(at, true)];
    const length = view.getUint32(at + 4, true);
    const message = bytes.subarray(at + 8, at + 8 + length);
    const signature = bytes.subarray(at + 8 + length, at + 72 + length);
    at += 72 + length;
    try {
      answers[i] = verify(null, message, key, signature) ? 1 : 0;
    } catch {
      answers[i] = 0;
    }
  }
  parentPort.postMessage({ id, answers }, [answers.buffer]);
});
parentPort.postMessage({ ready: true });
`;

/** Packs a batch into one transferable buffer: [key index u32][message length u32][message][signature 64]. */
function packBatch(items: Held[], keyIndex: (k: VerifyKey) => number): ArrayBuffer {
  let size = 0;
  for (const it of items) size += 72 + it.message.length;
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let at = 0;
  for (const it of items) {
    view.setUint32(at, keyIndex(it.key), true);
    view.setUint32(at + 4, it.message.length, true);
    bytes.set(it.message, at + 8);
    bytes.set(it.signature, at + 8 + it.message.length);
    at += 72 + it.message.length;
  }
  return buffer;
}

const spawnWorker = () => new Worker(WORKER_SOURCE, { eval: true });

/**
 * `spawn` makes the worker (tests give one that fails); it may throw, and then all is checked here.
 * `silenceMs`: WORKER_SILENCE_MS, shorter in tests.
 */
export function signatureChecker(
  spawn: () => Worker = spawnWorker,
  silenceMs = WORKER_SILENCE_MS,
): SignatureChecker {
  let held: Held[] = [];
  const counts = { worker: 0, here: 0 };
  let worker: Worker | null = null;
  // Batches go to the worker once it says it is running: until then this thread checks them all,
  // rather than wait behind a first batch the worker cannot start yet.
  let workerReady = false;
  let workerGone = false;
  let settleStart: (running: boolean) => void = () => undefined;
  const started = new Promise<boolean>((resolve) => (settleStart = resolve));
  const keyIds = new Map<VerifyKey, number>();
  const sent = new Map<number, Held[]>();
  let nextId = 0;
  let flushQueued = false;

  // Armed while the worker holds a batch; each answer starts it again. Unref'd: the worker itself
  // is ref'd while it holds a batch, and only then does the timer matter.
  let silence: NodeJS.Timeout | null = null;
  let answered = 0;
  // A stall of this thread (a slow disk under the log, say), not of the worker, can make the timer
  // due while the worker's answer already waits: in a turn of the loop timers run before messages
  // are read. Messages are read before setImmediate's callbacks, so the worker is given up only if
  // nothing has come by then (an answer that came has set the timer again, or cleared it).
  const onSilence = () => {
    const before = answered;
    setImmediate(() => {
      if (answered === before && sent.size) dropWorker();
    });
  };
  const watchSilence = () => {
    if (!sent.size) {
      if (silence) clearTimeout(silence);
      silence = null;
    } else if (silence) silence.refresh();
    else silence = setTimeout(onSilence, silenceMs).unref();
  };

  // Nothing is waited for: its answers, if any still come, are dropped (sent is cleared first).
  const endWorker = () => {
    worker?.terminate().catch(() => undefined);
    worker = null;
    if (silence) clearTimeout(silence);
    silence = null;
  };

  const checkHere = (items: Held[]) => {
    counts.here += items.length;
    for (const it of items) it.done(verifyStrict(it.key, it.message, it.signature));
  };

  // What the worker held when it failed is checked here, in the order it was sent.
  const dropWorker = () => {
    if (workerGone) return;
    workerGone = true;
    settleStart(false);
    const lost = [...sent.values()];
    sent.clear();
    endWorker();
    for (const items of lost) checkHere(items);
  };

  // Started once the run has shown it is long (WORKER_AFTER), or by start().
  const startWorker = () => {
    if (worker || workerGone) return;
    try {
      worker = spawn();
    } catch {
      workerGone = true;
      settleStart(false);
      return;
    }
    worker.on('message', (m: { ready: true } | { id: number; answers: Uint8Array }) => {
      if ('ready' in m) {
        workerReady = true;
        if (!sent.size) worker?.unref();
        settleStart(true);
        return;
      }
      const items = sent.get(m.id);
      if (!items) return;
      sent.delete(m.id);
      answered++;
      watchSilence();
      if (!sent.size) worker?.unref();
      counts.worker += items.length;
      for (let i = 0; i < items.length; i++) items[i]!.done(m.answers[i] === 1);
    });
    worker.on('error', dropWorker);
    worker.on('exit', dropWorker);
    // Ref'd while it starts (someone may be awaiting start()) and while it holds a batch (send);
    // an idle worker that is running never keeps the process alive, closed or not.
  };

  const send = (w: Worker, items: Held[]) => {
    const added: VerifyKey[] = [];
    const bytes = packBatch(items, (k) => {
      let i = keyIds.get(k);
      if (i === undefined) {
        i = keyIds.size;
        keyIds.set(k, i);
        added.push(k);
      }
      return i;
    });
    const newKeys: KeyObject[] = added.map((k) => k.key);
    const id = nextId++;
    try {
      w.postMessage({ id, newKeys, bytes: new Uint8Array(bytes), count: items.length }, [bytes]);
    } catch {
      // Not sent (the worker is going, or a key would not copy): this thread checks the batch, and
      // the keys named in it are sent again with the next batch that uses them.
      for (const k of added) keyIds.delete(k);
      return checkHere(items);
    }
    if (!sent.size) w.ref();
    sent.set(id, items);
    if (sent.size === 1) watchSilence();
  };

  const ship = () => {
    const items = held;
    held = [];
    if (!items.length) return;
    if (items.length === SIGNATURE_BATCH && counts.here >= WORKER_AFTER) startWorker();
    if (worker && workerReady && sent.size < WORKER_BATCHES) send(worker, items);
    else checkHere(items);
  };

  return {
    check(key, message, signature, done) {
      if (!canonicalSignature(signature)) return done(false);
      held.push({ key, message, signature, done });
      if (held.length >= SIGNATURE_BATCH) return ship();
      // A part batch goes once the caller's current run of checks ends (a microtask): an
      // interactive reader's one card is answered at once, not when 31 more arrive.
      if (!flushQueued) {
        flushQueued = true;
        queueMicrotask(() => {
          flushQueued = false;
          ship();
        });
      }
    },
    counts,
    start() {
      startWorker();
      return started;
    },
    close() {
      held = [];
      sent.clear();
      workerGone = true;
      settleStart(false);
      endWorker();
    },
  };
}
