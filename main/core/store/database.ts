/**
 * The one owner of the kiosk database file: opens it (WAL, synchronous=FULL), refuses a
 * foreign, damaged or newer-than-this-code file without touching it, checks integrity at
 * start-up, and brings the schema up to date through numbered migrations, each in its
 * own transaction with user_version.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE, ensureDataDir, requireDataDir, restrictFile } from './data-dir.ts';
import { StoreError, storeErrorFrom } from './errors.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

/** PRAGMA application_id of a kiosk database: 'BMET' in ASCII. */
export const APPLICATION_ID = 0x424d4554;

export interface OpenDbOptions {
  dataDir: string;
  readonly?: boolean;
  /**
   * 'quick' runs PRAGMA quick_check (the default for writable opens: the kiosk at start-up,
   * logging commands); 'full' runs integrity_check (also index contents); 'none' skips it (the
   * default for read-only opens, which cannot make damage worse: reports, status, --no-log).
   * At a million rows quick_check reads ~500 MB (~0.75 s).
   */
  integrity?: 'quick' | 'full' | 'none' | CheckedElsewhere;
  /** Stop migrating at this version (tests of earlier schemas). */
  upTo?: number;
  /**
   * Read-only: take a kiosk database of an older schema as it is, for readers that cope with
   * every version (reader.ts). Other read-only opens refuse one: they cannot migrate it.
   */
  asItIs?: boolean;
}

/**
 * A quick_check of this file already run on another connection (background-check.ts, while the
 * kiosk opened its trust bundle): its rows are judged here as the check on this connection would be.
 */
export interface CheckedElsewhere {
  quickCheckRows: Record<string, unknown>[];
}

export interface OpenedDb {
  db: Db;
  file: string;
  /** True when this open made the schema from nothing (a new data dir). */
  created: boolean;
}

export function dbFile(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

/** Whether the file has `table`: a data dir of an older schema, read as it is, lacks the later ones. */
export function hasTable(db: Db, table: string): boolean {
  return (
    (db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")
      .pluck()
      .get(table) as number) > 0
  );
}

/** Whether `table` has `column` (a column a later schema added). */
export function hasColumn(db: Db, table: string, column: string): boolean {
  return (
    (db
      .prepare('SELECT count(*) FROM pragma_table_info(?) WHERE name = ?')
      .pluck()
      .get(table, column) as number) > 0
  );
}

/** Runs every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Db, upTo = LATEST_VERSION): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > upTo) continue;
    db.transaction(() => {
      if (m.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

export function openDatabase(opts: OpenDbOptions): OpenedDb {
  const file = dbFile(opts.dataDir);
  const readonly = opts.readonly === true;
  if (readonly) requireDataDir(opts.dataDir);
  else {
    ensureDataDir(opts.dataDir);
    if (!fs.existsSync(file)) {
      try {
        fs.closeSync(fs.openSync(file, 'a', 0o600));
      } catch (err) {
        throw storeErrorFrom(err, file);
      }
    }
    restrictFile(file);
    // SQLite would quietly fall back to read-only on a read-only file system; say so now instead.
    try {
      fs.accessSync(opts.dataDir, fs.constants.W_OK);
      fs.accessSync(file, fs.constants.W_OK);
    } catch (err) {
      throw new StoreError(
        'STORE_READ_ONLY',
        `${file} cannot be written (${(err as NodeJS.ErrnoException).code}): the data dir must be writable by the kiosk's user; nothing in it was changed`,
      );
    }
  }

  let db: Db;
  try {
    db = new Database(file, { readonly, fileMustExist: true });
    if (readonly) db.pragma('application_id'); // the first read opens the WAL index
  } catch (err) {
    if (!readonly || (err as { code?: string }).code !== 'SQLITE_CANTOPEN') throw storeErrorFrom(err, file);
    db = openSnapshot(file);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    const empty = appId === 0 && version === 0 && objects === 0;
    if (!empty && appId !== APPLICATION_ID) {
      throw new StoreError(
        'STORE_FOREIGN',
        `${file} is an SQLite database of some other program (application_id ${appId}); it was left untouched`,
      );
    }
    if (version > LATEST_VERSION) {
      throw new StoreError(
        'STORE_TOO_NEW',
        `${file} has schema version ${version}, newer than this kiosk software understands (${LATEST_VERSION}); install the newer software, the file was left untouched`,
      );
    }
    const integrity = opts.integrity ?? (readonly ? 'none' : 'quick');
    if (typeof integrity === 'object') refuseDamage(file, integrity.quickCheckRows);
    else if (!empty && integrity !== 'none') checkIntegrity(db, file, integrity);
    if (readonly) {
      const older = version < Math.min(opts.upTo ?? LATEST_VERSION, LATEST_VERSION);
      if (older && !(opts.asItIs === true && version >= 1)) {
        throw new StoreError(
          'STORE_READ_ONLY',
          `${file} has schema version ${version}; open it once writable to bring it up to ${LATEST_VERSION}`,
        );
      }
    } else {
      if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
        throw new StoreError('STORE_IO', `${file}: could not switch to write-ahead logging`);
      }
      db.pragma('synchronous = FULL');
      // 16 MiB of page cache keeps the hot index leaves of a year-long log in memory.
      db.pragma('cache_size = -16384');
      migrate(db, opts.upTo);
      for (const suffix of ['-wal', '-shm']) restrictFile(file + suffix);
    }
    db.pragma('synchronous = FULL');
    return { db, file, created: empty && !readonly };
  } catch (err) {
    db.close();
    throw storeErrorFrom(err, file);
  }
}

/**
 * A read-only open where SQLite cannot make its WAL index (a read-only file system): with
 * no -wal file the database file holds everything committed, so it is read into memory
 * and opened from there, marked as a rollback-journal file in the copy only.
 */
function openSnapshot(file: string): Db {
  if (fs.existsSync(`${file}-wal`)) {
    throw new StoreError(
      'STORE_READ_ONLY',
      `${file} cannot be opened: its write-ahead log is present but the data dir is not writable`,
    );
  }
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
    return new Database(bytes, { readonly: true });
  } catch (err) {
    throw storeErrorFrom(err, file);
  }
}

function checkIntegrity(db: Db, file: string, level: 'quick' | 'full'): void {
  refuseDamage(
    file,
    db.pragma(level === 'full' ? 'integrity_check(20)' : 'quick_check(20)') as Record<string, unknown>[],
  );
}

/** Throws STORE_CORRUPT unless the check's rows are the single 'ok'. */
function refuseDamage(file: string, rows: Record<string, unknown>[]): void {
  const problems = rows.length
    ? rows.map((r) => String(Object.values(r)[0]).replace(/\s+/g, ' ').trim()).filter((v) => v !== 'ok')
    : ['the check gave no answer'];
  if (problems.length) {
    throw new StoreError(
      'STORE_CORRUPT',
      `${file} failed its integrity check (${problems.slice(0, 3).join('; ')}); it was left untouched: copy the data dir aside for BMET and start the kiosk on an empty one`,
    );
  }
}
