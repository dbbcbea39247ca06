/** StoreError: every way the database can fail, as one stable code and a message a technician can act on. */
import fs from 'node:fs';
import path from 'node:path';

import type { BundleCode } from '../../contract/codes.ts';
import type { StoreErrorCode } from '../../contract/store-codes.ts';

export type { StoreErrorCode };

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'StoreError';
  }
}

/**
 * The stored bundle in force did not open under the run's roots (its signature, its roots,
 * its content): the bundle's own refusal code, so a technician is not sent to the disk.
 */
export class InstalledTrustError extends Error {
  readonly code: BundleCode;
  constructor(code: BundleCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'InstalledTrustError';
  }
}

/** True when the file system holding `file` has (almost) no space left for the kiosk's user. */
function diskFull(file: string): boolean {
  try {
    const s = fs.statfsSync(fs.existsSync(file) ? file : path.dirname(file));
    return s.bavail * s.bsize < 64 * 1024;
  } catch {
    return false;
  }
}

/** An error better-sqlite3 raised for SQLite (its SqliteError, told by name so this module need not load SQLite). */
export function isSqliteError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    err instanceof Error &&
    err.name === 'SqliteError' &&
    typeof code === 'string' &&
    code.startsWith('SQLITE_')
  );
}

/** Maps a better-sqlite3 / fs error to a StoreError; `where` names the file or the act. */
export function storeErrorFrom(err: unknown, where: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: string; message?: string };
  let code = e.code ?? '';
  const msg = e.message ?? String(err);
  // SQLite reports a full disk as SQLITE_FULL only on some paths (a failed -shm or WAL grow is an I/O error).
  if (code.startsWith('SQLITE_IOERR') && diskFull(where)) code = 'SQLITE_FULL';
  if (code === 'SQLITE_NOTADB') {
    return new StoreError(
      'STORE_FOREIGN',
      `${where} is not a kiosk database (not SQLite, or encrypted); it was left untouched`,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      'STORE_CORRUPT',
      `${where} is damaged (${msg}); it was left untouched: copy the data dir aside for BMET and start the kiosk on an empty one`,
      { cause: err },
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG') {
    return new StoreError(
      'STORE_FULL',
      `${where}: the disk is full; nothing more can be written until space is freed; what was written before is kept (${msg})`,
      { cause: err },
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'SQLITE_CANTOPEN'
  ) {
    return new StoreError(
      'STORE_READ_ONLY',
      `${where} cannot be written (${msg}); the data dir must be writable by the kiosk's user`,
      { cause: err },
    );
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('STORE_BUSY', `${where} is locked by another process (${msg})`, { cause: err });
  }
  return new StoreError('STORE_IO', `${where}: ${msg}${code ? ` (${code})` : ''}`, { cause: err });
}
