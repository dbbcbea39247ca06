// The database owner: file modes, pragmas, refusals that leave the file untouched, and
// migrations from an empty file and from every earlier schema version.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dbFile, migrate, openDatabase } from '../../../main/core/store/database.ts';
import { defaultDataDir } from '../../../main/core/store/data-dir.ts';
import { StoreError } from '../../../main/core/store/errors.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../main/core/store/migrations/index.ts';
import { openStore } from '../../../main/core/store/store.ts';
import { fakeVerdict, seedAtVersion, tempDataDir } from '../../helpers/store.ts';

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const T0 = Date.parse('2026-11-22T00:00:00Z');

function refusal(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('data dir', () => {
  it('defaults to the platform app-data folder', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x/data' }, '/home/k')).toBe('/x/data/bmet-kiosk');
    expect(defaultDataDir('linux', {}, '/home/k')).toBe('/home/k/.local/share/bmet-kiosk');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative' }, '/home/k')).toBe(
      '/home/k/.local/share/bmet-kiosk',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, 'C:\\Users\\k')).toBe(
      'C:\\Users\\k\\AppData\\Roaming\\bmet-kiosk',
    );
    expect(defaultDataDir('darwin', {}, '/Users/k')).toBe('/Users/k/Library/Application Support/bmet-kiosk');
  });

  it('is readable by the kiosk user alone; WAL with synchronous=FULL', () => {
    const dir = path.join(tempDataDir(), 'data');
    const store = openStore({ dataDir: dir });
    store.logVerdict(fakeVerdict(1), 'QR', T0, 'OF-1');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    store.close();
  });

  it('a read-only open of a missing data dir creates nothing', () => {
    const dir = path.join(tempDataDir(), 'none');
    expect(refusal(() => openStore({ dataDir: dir, readonly: true })).code).toBe('STORE_NO_DATA_DIR');
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('refusals leave the file untouched', () => {
  it('a file that is not SQLite', () => {
    const dir = tempDataDir();
    fs.writeFileSync(dbFile(dir), 'this is a text file, not a database\n'.repeat(200));
    const before = sha(dbFile(dir));
    const e = refusal(() => openStore({ dataDir: dir }));
    expect(e.code).toBe('STORE_FOREIGN');
    expect(e.message).toMatch(/not a kiosk database.*left untouched/);
    expect(sha(dbFile(dir))).toBe(before);
  });

  it("another program's SQLite database", () => {
    const dir = tempDataDir();
    const other = new Database(dbFile(dir));
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)');
    other.close();
    const before = sha(dbFile(dir));
    const e = refusal(() => openStore({ dataDir: dir }));
    expect(e.code).toBe('STORE_FOREIGN');
    expect(e.message).toMatch(/some other program/);
    expect(sha(dbFile(dir))).toBe(before);
  });

  it('a database newer than this code', () => {
    const dir = tempDataDir();
    openStore({ dataDir: dir }).close();
    const db = new Database(dbFile(dir));
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = sha(dbFile(dir));
    const e = refusal(() => openStore({ dataDir: dir }));
    expect(e.code).toBe('STORE_TOO_NEW');
    expect(e.message).toMatch(
      new RegExp(`schema version ${LATEST_VERSION + 1}, newer than .*\\(${LATEST_VERSION}\\)`),
    );
    expect(sha(dbFile(dir))).toBe(before);
  });

  it('a damaged database fails the start-up integrity check', () => {
    const dir = tempDataDir();
    const store = openStore({ dataDir: dir });
    for (let i = 1; i <= 400; i++) store.logVerdict(fakeVerdict(i), `QR${i}`, T0 + i, 'OF-1');
    store.close();
    // Scribble over the middle of the file: b-tree pages of the log.
    const fd = fs.openSync(dbFile(dir), 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    const before = sha(dbFile(dir));
    const e = refusal(() => openStore({ dataDir: dir }));
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toMatch(/left untouched/);
    expect(sha(dbFile(dir))).toBe(before);
  });
});

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('from an empty file', () => {
    const dir = tempDataDir();
    fs.writeFileSync(dbFile(dir), '');
    const store = openStore({ dataDir: dir });
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(store.pendingCount()).toBe(0);
    store.close();
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => [m.version]))(
    'from schema version %i, keeping every record',
    (version) => {
      const dir = tempDataDir();
      seedAtVersion(dir, version, T0);
      const store = openStore({ dataDir: dir });
      expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(store.verifyChain()).toMatchObject({ ok: true, records: 5 });
      expect(store.pendingCount()).toBe(5);
      expect(store.recordsFrom(1, 10).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(store.firstSeenAt(fakeVerdict(2).clearance!.cid, T0 + 10_000)).toBe(
        new Date(T0 + 2000).toISOString(),
      );
      if (version >= 2) expect(store.people.get('SV-1')?.role).toBe('supervisor');
      if (version >= 3) expect(store.trust.installed()?.version).toBe(3);
      // The new code appends on top of the old chain.
      store.logVerdict(fakeVerdict(6), 'QR6', T0 + 6000, 'OF-1');
      expect(store.verifyChain()).toMatchObject({ ok: true, records: 6 });
      store.close();
    },
  );

  it('a failing migration rolls back whole and leaves the earlier version', () => {
    const dir = tempDataDir();
    // Migration 4 adds verifications.synced_at, then creates sync_state: a table already there fails it half-way.
    const before = 3;
    seedAtVersion(dir, before, T0);
    const db = new Database(dbFile(dir));
    db.exec('CREATE TABLE sync_state (x INTEGER)'); // collides with migration 4's table
    db.close();
    expect(refusal(() => openStore({ dataDir: dir })).message).toMatch(/sync_state already exists/);
    const check = new Database(dbFile(dir), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(before);
    const cols = check.prepare("SELECT name FROM pragma_table_info('verifications')").pluck().all();
    expect(cols).not.toContain('synced_at'); // the ALTER TABLE in the same migration was rolled back
    check.close();
  });

  it('migrate() is idempotent', () => {
    const dir = tempDataDir();
    const { db } = openDatabase({ dataDir: dir });
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });
});
