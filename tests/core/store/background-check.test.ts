// The start-up quick_check on a worker thread: it answers with SQLite's own rows, which the
// database's owner judges exactly as the check on its own connection; whatever keeps the
// worker from answering is `not-run`, and the caller checks on its own thread.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickCheckInBackground } from '../../../main/core/store/background-check.ts';
import { dbFile } from '../../../main/core/store/database.ts';
import { StoreError } from '../../../main/core/store/errors.ts';
import { openStore } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

const T0 = Date.parse('2026-11-22T06:00:00Z');
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** A data dir holding `n` log records. */
function logged(n: number): string {
  const dir = tempDataDir('bg-check');
  const store = openStore({ dataDir: dir });
  for (let i = 1; i <= n; i++) store.logVerdict(fakeVerdict(i), `QR${i}`, T0 + i, 'OF-1');
  store.close();
  return dir;
}

/** Scribbles over one 4 KiB page at `fraction` of the file: b-tree pages of the log. */
function scribble(dir: string, fraction: number): void {
  const fd = fs.openSync(dbFile(dir), 'r+');
  const pages = Math.floor(fs.fstatSync(fd).size / 4096);
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages * fraction) * 4096);
  fs.closeSync(fd);
}

describe('quickCheckInBackground', () => {
  it('a sound log: SQLite says ok, and the store opens on that answer', async () => {
    const dir = logged(300);
    const r = await quickCheckInBackground(dbFile(dir));
    expect(r).toEqual({ kind: 'checked', rows: [{ quick_check: 'ok' }] });
    if (r.kind !== 'checked') return;
    const store = openStore({ dataDir: dir, integrity: { quickCheckRows: r.rows } });
    expect(store.pendingCount()).toBe(300);
    store.close();
  });

  it('a damaged log: never a pass; the store, opened as the kiosk does on that answer, refuses it as STORE_CORRUPT, untouched', async () => {
    const dir = logged(400);
    scribble(dir, 0.5);
    const before = sha(dbFile(dir));
    const r = await quickCheckInBackground(dbFile(dir));
    // Damage SQLite lists comes back as rows; damage that stops the pragma itself ("malformed") as
    // not-run, and the open then checks on its own thread: either way the same refusal.
    if (r.kind === 'checked') expect(r.rows).not.toEqual([{ quick_check: 'ok' }]);
    else expect(r.why).toMatch(/malformed|corrupt/i);
    let err: unknown = null;
    try {
      openStore({ dataDir: dir, ...(r.kind === 'checked' ? { integrity: { quickCheckRows: r.rows } } : {}) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('STORE_CORRUPT');
    expect((err as StoreError).message).toMatch(/left untouched/);
    expect(sha(dbFile(dir))).toBe(before);
  });

  it('rows that list damage are refused as STORE_CORRUPT', () => {
    const dir = logged(1);
    expect(() =>
      openStore({
        dataDir: dir,
        integrity: {
          quickCheckRows: [
            { quick_check: '*** in database main *** Page 7: btreeInitPage() returns error code 11' },
          ],
        },
      }),
    ).toThrow(/failed its integrity check \(\*\*\* in database main \*\*\* Page 7/);
  });

  it('no answer counts as damage, never as a pass', () => {
    const dir = logged(1);
    expect(() => openStore({ dataDir: dir, integrity: { quickCheckRows: [] } })).toThrow(
      /failed its integrity check \(the check gave no answer\)/,
    );
  });

  it.each([
    ['a missing file', (dir: string) => path.join(dir, 'nothing-here.db')],
    [
      'an empty file',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'empty.db'), '');
        return path.join(dir, 'empty.db');
      },
    ],
    [
      'a file that is not a database',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'text.db'), 'not sqlite '.repeat(1000));
        return path.join(dir, 'text.db');
      },
    ],
  ])('%s: not-run, with the reason (the caller then checks on its own thread)', async (_what, make) => {
    const r = await quickCheckInBackground(make(tempDataDir('bg-check-odd')));
    expect(r.kind).toBe('not-run');
    expect(r.kind === 'not-run' && r.why.length).toBeGreaterThan(0);
  });
});
