/** The data dir and store for one CLI run: --data-dir or the platform default; BMET_KIOSK_DEV=1 makes a new one a development data dir. */
import fs from 'node:fs';
import { defaultDataDir, DB_FILE } from '../core/store/data-dir.ts';
import { openReader, type DataDirReader } from '../core/store/reader.ts';
import { openStore, type Store } from '../core/store/store.ts';
import path from 'node:path';
import { FailedError, UsageError } from './exit-codes.ts';
import type { SharedOptions } from './options.ts';
import { STAFF_ID_RE } from '../contract/staff.ts';

export function dataDirFor(opts: Pick<SharedOptions, 'dataDir'>): string {
  return opts.dataDir ? path.resolve(opts.dataDir) : defaultDataDir();
}

export function hasDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, DB_FILE));
}

/**
 * A data dir path that is there but is no folder (a file in the way): STORE_NO_DATA_DIR, as every
 * command that opens it says, rather than "no trust bundle installed", which would send the
 * technician to install one. Null when it is a folder or not there at all.
 */
export function notAFolder(dataDir: string): FailedError | null {
  let isFolder: boolean;
  try {
    isFolder = fs.statSync(dataDir).isDirectory();
  } catch (err) {
    // ENOTDIR: a file is in the way further up (afile/sub); anything else: not there (yet).
    if ((err as NodeJS.ErrnoException).code !== 'ENOTDIR') return null;
    isFolder = false;
  }
  return isFolder
    ? null
    : new FailedError(
        `the data dir ${dataDir} is not a folder: name a folder with --data-dir`,
        'STORE_NO_DATA_DIR',
      );
}

/**
 * The data dir of a command that works on a kiosk's existing database: none there is exit 1 with
 * STORE_NO_DATA_DIR, rather than a new, empty database made where a typo pointed.
 */
export function requireDatabase(opts: Pick<SharedOptions, 'dataDir'>): string {
  const dataDir = dataDirFor(opts);
  if (!hasDatabase(dataDir))
    throw new FailedError(
      `no kiosk database in ${dataDir} (nothing installed, logged or provisioned there yet): check --data-dir`,
      'STORE_NO_DATA_DIR',
    );
  return dataDir;
}

/**
 * Opens the store to write (migrating an older schema); commands that only read use openReaderFor.
 * Errors are StoreErrors (exit 1 with their message).
 * The store keeps the real clock whatever --now says: --now is for verdicts (and which day is today,
 * for a report), never for lock-outs, audit times or retention (cli.md), so the caller passes it
 * only where it decides a verdict.
 */
export function openStoreFor(opts: Pick<SharedOptions, 'dataDir' | 'nowMs'>): Store {
  const dataDir = dataDirFor(opts);
  const store = openStore({
    dataDir,
    mode: process.env.BMET_KIOSK_DEV === '1' ? 'development' : 'production',
    now: Date.now,
    // A run with --now is a check or a test: it leaves the start-up retention pass to real runs.
    retentionAtStart: opts.nowMs === undefined,
  });
  for (const w of store.warnings) process.stderr.write(`bmet-kiosk: ${w}\n`);
  return store;
}

/**
 * Opens the data dir to read only, as it is: also one an older schema made, which a read-only
 * open cannot migrate (reader.ts). For the commands that change nothing in it.
 */
export function openReaderFor(opts: Pick<SharedOptions, 'dataDir'>): DataDirReader {
  return openReader({ dataDir: dataDirFor(opts) });
}

/** A command that has no use for --now refuses it (exit 2) rather than ignoring it. */
export function refuseNow(opts: Pick<SharedOptions, 'nowMs'>, command: string, why: string): void {
  if (opts.nowMs !== undefined) throw new UsageError(`${command} does not take --now: ${why}`);
}

/** Who did an administrative act: --technician ID, else --officer ID, else CLI. */
export function actorFrom(values: Record<string, unknown>, opts: SharedOptions): string {
  const t = values.technician;
  if (t === undefined) return opts.officer;
  if (typeof t !== 'string' || !STAFF_ID_RE.test(t))
    throw new UsageError('--technician wants 1 to 32 letters, digits, dot, dash or underscore');
  return t;
}
