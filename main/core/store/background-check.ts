/**
 * PRAGMA quick_check on a worker thread. At a million log rows it reads ~500 MB (1–2 s of one
 * core); the kiosk's start opens its trust bundle (also 1–2 s at a million revocations) on the
 * other core meanwhile, and opens the log for writing only once the check has passed.
 *
 * The worker only opens the file read-only and runs the pragma: what counts as damage, and what
 * is then refused, stays with the database's owner (database.ts). Anything that keeps the worker
 * from answering (no worker threads, a driver it cannot load, a file it cannot open) is
 * `not-run`, and the caller checks on its own thread as before: never slower to be safe.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type BackgroundCheck =
  { kind: 'checked'; rows: Record<string, unknown>[] } | { kind: 'not-run'; why: string };

// CommonJS source evaluated in the worker: a file of its own would need its own entry in the
// shell's bundle; this text travels with whichever bundle holds this module.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db = null;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  parentPort.postMessage({ rows: db.pragma('quick_check(20)') });
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

/** Starts the check of `file`; the promise never rejects. A missing or empty file is not checked. */
export function quickCheckInBackground(file: string): Promise<BackgroundCheck> {
  let driver: string;
  try {
    if (fs.statSync(file).size === 0) return Promise.resolve({ kind: 'not-run', why: 'empty file' });
    driver = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch (err) {
    return Promise.resolve({ kind: 'not-run', why: (err as Error).message });
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: BackgroundCheck) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    } catch (err) {
      done({ kind: 'not-run', why: `no worker thread: ${(err as Error).message}` });
      return;
    }
    worker.once('message', (m: { rows?: unknown; error?: string }) =>
      done(
        Array.isArray(m.rows)
          ? { kind: 'checked', rows: m.rows as Record<string, unknown>[] }
          : { kind: 'not-run', why: m.error ?? 'no answer' },
      ),
    );
    worker.once('error', (err) => done({ kind: 'not-run', why: err.message }));
    worker.once('exit', (code) =>
      done({ kind: 'not-run', why: `the worker exited (${code}) without an answer` }),
    );
  });
}
