/** Where the kiosk keeps its data: the platform's app-data folder unless --data-dir says otherwise. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError, storeErrorFrom } from './errors.ts';

export const APP_DIR_NAME = 'bmet-kiosk';
export const DB_FILE = 'kiosk.db';

/** The default data dir: $XDG_DATA_HOME or ~/.local/share (Linux), %APPDATA% (Windows), ~/Library/Application Support (macOS). */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const xdg =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home, '.local', 'share');
  return path.join(xdg, APP_DIR_NAME);
}

/**
 * `mkdir -p` with mode 0700, one level at a time. Not `fs.mkdirSync(dir, { recursive: true })`:
 * where mkdir answers ENOENT although the parent exists (under /proc), Node's recursion asks
 * again for ever at 100% CPU. Here each folder is tried at most twice: before and after its parent.
 */
function makeDirs(dir: string): void {
  const missingParent = makeDir(dir);
  if (!missingParent) return;
  const parent = path.dirname(dir);
  if (parent === dir) throw missingParent;
  makeDirs(parent);
  const again = makeDir(dir);
  if (again) throw again;
}

/** Makes one folder (an existing folder will do): null, or the ENOENT that may mean its parent is missing. */
function makeDir(dir: string): NodeJS.ErrnoException | null {
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
    return null;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EEXIST' && fs.statSync(dir).isDirectory()) return null;
    if (e.code === 'ENOENT') return e;
    throw e;
  }
}

/** How a data dir path can fail to be a folder at all (a file in the way, a path where none can be made, as under /proc). */
const NO_FOLDER = new Set(['ENOENT', 'ENOTDIR', 'EEXIST', 'ELOOP', 'ENAMETOOLONG']);

/** STORE_NO_DATA_DIR when no folder can be there; a disk that is read-only or full keeps the store's own codes. */
function dataDirError(err: unknown, dir: string): StoreError {
  if (!NO_FOLDER.has((err as NodeJS.ErrnoException).code ?? ''))
    return storeErrorFrom(err, `data dir ${dir}`);
  return new StoreError(
    'STORE_NO_DATA_DIR',
    `the data dir ${dir} cannot be made or used (${(err as Error).message}); name a folder on a writable disk`,
    { cause: err },
  );
}

/** Creates the data dir (mode 0700) if needed and tightens it if it is wider; the kiosk's user alone may read it. */
export function ensureDataDir(dir: string): void {
  try {
    makeDirs(dir);
    if (process.platform !== 'win32' && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  } catch (err) {
    throw dataDirError(err, dir);
  }
}

/** Makes a file readable and writable by the owner alone (no-op on Windows, where ACLs govern). */
export function restrictFile(file: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw storeErrorFrom(err, file);
  }
}

export function requireDataDir(dir: string): void {
  if (!fs.existsSync(path.join(dir, DB_FILE))) {
    throw new StoreError(
      'STORE_NO_DATA_DIR',
      `no kiosk database in ${dir} (nothing installed or logged there yet)`,
    );
  }
}
