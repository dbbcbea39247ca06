// Bad data dirs through the CLI: a damaged or foreign database, a full disk (a tiny tmpfs),
// a read-only file system. Each gives a clear message, and nothing already written is lost.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbFile } from '../../main/core/store/database.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { at, installedDataDir, VBUNDLE, vectorCards } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';

const cards = vectorCards();
const input = cards.map((c) => c.qr).join('\n') + '\n';
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** Mounting a tmpfs needs root (CAP_SYS_ADMIN); elsewhere these tests are skipped, and say so. */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = tempDataDir('mnt');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mountable = canMount();

const mounts: string[] = [];
let held: Store | null = null;
afterEach(() => {
  held?.close();
  held = null;
  for (const m of mounts.splice(0)) execFileSync('umount', ['-l', m], { stdio: 'ignore' });
});

function tmpfs(size: string): string {
  const dir = tempDataDir('tmpfs');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

function fill(dir: string): string {
  const f = path.join(dir, 'filler');
  const fd = fs.openSync(f, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  return f;
}

describe('a bad database file', () => {
  it('damaged: verify says so, still shows every verdict marked not logged (exit 1), and leaves the file as it was', () => {
    const dir = installedDataDir();
    expect(runCli(['verify', ...at(dir)], input).status).toBe(0);
    const fd = fs.openSync(dbFile(dir), 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 2 * 4096);
    fs.closeSync(fd);
    const before = sha(dbFile(dir));
    const r = runCli(['verify', ...at(dir)], input);
    expect(r.status).toBe(1);
    // The bundle is read through a read-only handle (it is signature-checked again); nothing is written.
    expect(jsonLines(r.stdout).map((l) => l.logged)).toEqual(cards.map(() => false));
    expect(r.stderr).toMatch(/STORE_CORRUPT: .*kiosk\.db .*left untouched/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(sha(dbFile(dir))).toBe(before);
  });

  it('foreign: not a kiosk database', () => {
    const dir = tempDataDir('cli');
    fs.writeFileSync(dbFile(dir), '{"this": "is JSON, not SQLite"}\n'.repeat(100));
    const before = sha(dbFile(dir));
    for (const args of [
      ['verify', ...at(dir)],
      ['report', '--date', '2026-11-22', '--data-dir', dir],
      ['trust', 'status', '--data-dir', dir],
    ]) {
      const r = runCli(args, input);
      expect(r.status, args[0]).toBe(1);
      expect(r.stderr).toMatch(/STORE_FOREIGN: .*not a kiosk database/);
    }
    expect(sha(dbFile(dir))).toBe(before);
  });
});

describe.skipIf(!mountable)('a full disk (tmpfs of 1 MiB)', () => {
  it('verdicts are still shown, marked NOT LOGGED; everything logged before is kept', () => {
    const dir = installedDataDir(tmpfs('1m'));
    expect(runCli(['verify', ...at(dir)], input).status).toBe(0);
    // Another connection (as the kiosk app would be) keeps the WAL and its index in place.
    held = openStore({ dataDir: dir });
    const filler = fill(path.dirname(dir));
    const big = Array.from({ length: 200 }, (_, i) => cards[i % cards.length]!.qr).join('\n') + '\n';
    const r = runCli(['verify', ...at(dir)], big);
    expect(r.status).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(200); // every verdict shown
    const unlogged = lines.filter((l) => l.logged === false);
    expect(unlogged.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/NOT LOGGED: .*STORE_FULL|NOT LOGGED: .*disk is full/);
    expect(r.stderr).toMatch(/verdict\(s\) were shown but NOT LOGGED/);
    held.close();
    held = null;
    fs.rmSync(filler);
    const check = runCli(['log', 'verify', '--data-dir', dir]);
    expect(check.status).toBe(0);
    expect(jsonLines(check.stdout)[0]).toMatchObject({
      ok: true,
      records: cards.length + 200 - unlogged.length,
    });
  });

  it('a full disk at start-up is named as such', () => {
    const dir = installedDataDir(tmpfs('1m'));
    const filler = fill(path.dirname(dir));
    const r = runCli(['verify', ...at(dir)], input);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/STORE_FULL: .*disk is full/);
    // The installed bundle lives in the database, which cannot even be read now: no card can be checked.
    expect(jsonLines(r.stdout)).toEqual([
      {
        ok: false,
        code: 'STORE_FULL',
        message: expect.stringContaining('cannot read the installed trust bundle'),
      },
    ]);
    expect(r.stderr).toMatch(/cannot read the installed trust bundle: STORE_FULL: .*--bundle FILE/);
    // A bundle named on the command line: every card gets its verdict, marked not logged.
    const named = runCli(['verify', ...at(dir), '--bundle', VBUNDLE], input);
    expect(named.status).toBe(1);
    expect(jsonLines(named.stdout).map((l) => l.logged)).toEqual(cards.map(() => false));
    fs.rmSync(filler);
    expect(jsonLines(runCli(['trust', 'status', ...at(dir)]).stdout)[0]).toMatchObject({
      ok: true,
      version: 7,
    });
  });
});

describe.skipIf(!mountable)('a read-only data dir (tmpfs remounted read-only)', () => {
  it('logging commands refuse with a clear message; reading ones still work; nothing is lost', () => {
    const mnt = tmpfs('4m');
    const dir = installedDataDir(mnt);
    expect(runCli(['verify', ...at(dir)], input).status).toBe(0);
    const before = sha(dbFile(dir));
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    const r = runCli(['verify', ...at(dir)], input);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/STORE_READ_ONLY: .*cannot be written \(EROFS\).*must be writable/);
    expect(jsonLines(r.stdout).map((l) => l.logged)).toEqual(cards.map(() => false));
    expect(
      runCli(['people', 'add', 'OF-1', '--name', 'X', '--role', 'officer', '--data-dir', dir], '123456\n')
        .stderr,
    ).toMatch(/STORE_READ_ONLY/);
    // Reading still works: --no-log verify, log verify, trust status.
    expect(jsonLines(runCli(['verify', '--no-log', ...at(dir)], input).stdout)).toHaveLength(cards.length);
    expect(jsonLines(runCli(['log', 'verify', '--data-dir', dir]).stdout)[0]).toMatchObject({
      ok: true,
      records: cards.length,
    });
    expect(runCli(['trust', 'status', ...at(dir)]).status).toBe(0);
    execFileSync('mount', ['-o', 'remount,rw', mnt]);
    expect(sha(dbFile(dir))).toBe(before);
  });
});
