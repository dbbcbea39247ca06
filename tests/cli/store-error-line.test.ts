// Every command that fails on the data dir's database says so to programs too: one
// {"ok":false,"code","message"} line on stdout with the store's code, as every other refusal,
// exit 1, and the message (no stack) on stderr. Before, a StoreError that reached main printed
// its message on stderr alone, and a lock that outlasted people add's wait was UNEXPECTED, "a fault
// in bmet-kiosk", with a stack.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dbFile } from '../../main/core/store/database.ts';
import { openStore } from '../../main/core/store/store.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { installedDataDir, VNOW, VROOT } from '../helpers/kiosk-data.ts';
import { fakeVerdict, tempDataDir } from '../helpers/store.ts';

const OTHER_ROOT = 'tests/cli/other-root.pem';
const held: Database.Database[] = [];
afterEach(() => {
  for (const db of held.splice(0)) db.close();
});

/** A kiosk database with 50 logged verdicts (enough pages for one to be damaged alone). */
function kioskDataDir(): string {
  const dir = tempDataDir('cli-store-line');
  const store = openStore({ dataDir: dir });
  for (let i = 1; i <= 50; i++)
    store.logVerdict(fakeVerdict(i), `QR${i}`, Date.now() - 1000 * (60 - i), 'OF-1');
  store.close();
  return dir;
}

/** Changes the database file with a plain SQLite connection, as another program would. */
function withSqlite(dir: string, sql: string): string {
  const db = new Database(dbFile(dir));
  db.exec(sql);
  db.close();
  return dir;
}

const report = ['report', '--date', '2026-11-22'];
const addPerson = ['people', 'add', 'OF-9', '--name', 'Nine', '--role', 'officer', '--pin', '135790'];

/** A file where a data dir is looked for. */
function fileInTheWay(): string {
  const file = `${tempDataDir('cli-store-line')}/data`;
  fs.writeFileSync(file, 'not a folder\n');
  return file;
}
/** Commands that read the installed trust bundle from the data dir, and report. */
const readsTrust = [
  report,
  ['trust', 'status'],
  ['verify', '--root', VROOT, '--now', VNOW, 'BMET1:X'],
  ['verify', '--no-log', '--root', VROOT, '--now', VNOW, 'BMET1:X'],
];

const CASES: { what: string; code: string; dataDir: () => string; runs: string[][] }[] = [
  {
    what: 'kiosk.db is garbage bytes',
    code: 'STORE_FOREIGN',
    dataDir: () => {
      const dir = tempDataDir('cli-store-line');
      fs.writeFileSync(
        dbFile(dir),
        Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 151 + 7) % 256)),
      );
      return dir;
    },
    runs: [
      report,
      ['people', 'list'],
      ['people', 'list', '--no-log'],
      addPerson,
      ['log', 'verify'],
      ['trust', 'status'],
      ['sync', '--once'],
      // verify reads the installed bundle from it: no bundle, no verdict (said with the store's code).
      ['verify', '--root', VROOT, '--now', VNOW, 'BMET1:X'],
    ],
  },
  {
    what: 'kiosk.db is damaged (a page overwritten)',
    code: 'STORE_CORRUPT',
    dataDir: () => {
      const dir = kioskDataDir();
      const fd = fs.openSync(dbFile(dir), 'r+');
      fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 2 * 4096);
      fs.closeSync(fd);
      return dir;
    },
    runs: [report, ['people', 'list'], ['log', 'verify']],
  },
  {
    what: 'kiosk.db is from newer software',
    code: 'STORE_TOO_NEW',
    dataDir: () => withSqlite(kioskDataDir(), 'PRAGMA user_version = 999'),
    runs: [report, ['people', 'list'], addPerson],
  },
  {
    what: 'the data dir is a file',
    code: 'STORE_NO_DATA_DIR',
    dataDir: () => fileInTheWay(),
    // verify and trust status too: not NO_TRUST_BUNDLE, which would send the technician to install one.
    runs: [addPerson, ...readsTrust],
  },
  {
    what: 'the data dir is under a file',
    code: 'STORE_NO_DATA_DIR',
    dataDir: () => `${fileInTheWay()}/sub`,
    runs: readsTrust,
  },
  {
    // Another process holds the write lock past the store's 5 s wait (people add's own transaction).
    what: 'kiosk.db is locked by another writer',
    code: 'STORE_BUSY',
    dataDir: () => {
      const dir = kioskDataDir();
      const db = new Database(dbFile(dir));
      db.exec("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', 'by a test')");
      held.push(db);
      return dir;
    },
    runs: [addPerson],
  },
  {
    what: 'the installed bundle does not open under the run’s roots',
    code: 'BUNDLE_SIGNATURE_INVALID',
    dataDir: () => installedDataDir(),
    runs: [['verify', '--root', OTHER_ROOT, '--now', VNOW, 'BMET1:X']],
  },
];

describe('a command that fails on the database prints the {"ok":false} line', () => {
  it.each(CASES)('$what: $code', ({ code, dataDir, runs }) => {
    const dir = dataDir();
    for (const args of runs) {
      const r = runCli([...args, '--data-dir', dir]);
      const what = `${args.join(' ')}: ${r.stderr}`;
      expect(r.status, what).toBe(1);
      const refusals = jsonLines(r.stdout).filter((l) => l.ok === false);
      expect(refusals, what).toEqual([{ ok: false, code, message: expect.any(String) }]);
      expect(r.stderr, what).toContain(`bmet-kiosk: ${code}: ${refusals[0]!.message as string}`);
      expect(r.stderr, what).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
  });
});
