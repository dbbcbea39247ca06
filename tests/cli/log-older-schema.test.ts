// `log verify` and `log audit` read a data dir of an older schema as it is (they open it
// read-only, which cannot migrate it): the chain verifies, the audit log lists, and the file
// is left as it was, schema version included. Data dirs made as database.test.ts makes them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dbFile } from '../../main/core/store/database.ts';
import { MIGRATIONS } from '../../main/core/store/migrations/index.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { seedAtVersion, tempDataDir } from '../helpers/store.ts';

const T0 = Date.parse('2026-11-22T00:00:00Z');
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('log verify and log audit on an older schema', () => {
  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))('schema version %i', (version) => {
    const dir = tempDataDir('older');
    seedAtVersion(dir, version, T0);
    const before = sha(dbFile(dir));

    const v = runCli(['log', 'verify', '--data-dir', dir]);
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    expect(jsonLines(v.stdout)).toEqual([
      expect.objectContaining({ ok: true, records: 5, redacted: 0, lastSeq: 5 }),
    ]);

    const a = runCli(['log', 'audit', '--data-dir', dir]);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    // Schema 1 had no audit log; from 2 on, the supervisor's creation is in it.
    expect(jsonLines(a.stdout).map((e) => e.action)).toEqual(version >= 2 ? ['person.add'] : []);

    expect(sha(dbFile(dir))).toBe(before);
    const db = new Database(dbFile(dir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    db.close();
  });
});
