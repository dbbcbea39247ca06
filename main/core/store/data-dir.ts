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

/** Creates the data dir (mode 0700) if needed and tightens it if it is wider; the kiosk's user alone may read it. */
export function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32' && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  } catch (err) {
    throw storeErrorFrom(err, `data dir ${dir}`);
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
