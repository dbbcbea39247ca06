// The kiosk's start checks its log on a worker thread while it opens the trust bundle: a sound
// log opens and logs; a damaged one leaves the desk verifying with every result NOT LOGGED
// (STORE_CORRUPT), the bundle still in force and the file untouched, as before the check moved.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { callKiosk } from '../../main/app/dispatch.ts';
import Database from 'better-sqlite3';
import { dbFile } from '../../main/core/store/database.ts';
import { LATEST_VERSION } from '../../main/core/store/migrations/index.ts';
import { openStore } from '../../main/core/store/store.ts';
import { installedDataDir, VROOT } from '../helpers/kiosk-data.ts';
import { VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';
import { fakeVerdict } from '../helpers/store.ts';

const open: BootedKiosk[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
});

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** The vectors bundle installed, then `n` log records after it (so the log's pages lie past the bundle's). */
function dataDir(n: number): string {
  const dir = installedDataDir();
  const store = openStore({ dataDir: dir });
  for (let i = 1; i <= n; i++) store.logVerdict(fakeVerdict(i), `QR${i}`, Date.parse(VECTORS_NOW), 'OF-1');
  store.close();
  return dir;
}

async function boot(dir: string): Promise<BootedKiosk> {
  const k = await bootKiosk({
    dataDir: dir,
    roots: { kind: 'command-line', files: [VROOT] },
    nowMs: Date.parse(VECTORS_NOW),
    noLog: false,
    officer: 'UNSIGNED',
    usb: false,
  });
  open.push(k);
  return k;
}

const card = () => vectorCards().get('valid-kuwait-employment')!.qr;

describe('start-up integrity check beside the trust bundle', () => {
  it('a sound log: the installed bundle is in force and scans are logged', async () => {
    const k = await boot(dataDir(500));
    const s = k.service.status();
    expect(s.trust?.version).toBeGreaterThan(0);
    expect(s.log).toMatchObject({ state: 'ok', code: null });
    const r = callKiosk(k.service, 'scan', [{ text: card(), source: 'manual' }]);
    expect(r.ok && (r.value as { log: { state: string } }).log.state).toBe('logged');
  });

  it('a damaged log: STORE_CORRUPT, results NOT LOGGED, the bundle still in force, the file untouched', async () => {
    const dir = dataDir(3000);
    const fd = fs.openSync(dbFile(dir), 'r+');
    const pages = Math.floor(fs.fstatSync(fd).size / 4096);
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages * 0.75) * 4096);
    fs.closeSync(fd);
    for (const suffix of ['-wal', '-shm']) expect(fs.existsSync(dbFile(dir) + suffix)).toBe(false);
    const before = sha(dbFile(dir));

    const k = await boot(dir);
    const s = k.service.status();
    expect(s.log).toMatchObject({ state: 'off', code: 'LOG_UNAVAILABLE' });
    expect(s.log.message).toMatch(/kiosk\.db (failed its integrity check|is damaged).*left untouched/);
    expect(s.trust?.version).toBeGreaterThan(0);
    const r = callKiosk(k.service, 'scan', [{ text: card(), source: 'manual' }]);
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { verdict: { status: string }; log: { state: string } })).toMatchObject({
      verdict: { status: 'valid' },
      log: { state: expect.not.stringMatching(/^logged$/) },
    });
    await k.close();
    open.length = 0;
    expect(sha(dbFile(dir))).toBe(before);
    expect(path.basename(dir)).toBe('data');
  });

  it('a log at the previous schema: the early read-only look is skipped, the open migrates it, and the bundle is read after', async () => {
    const dir = dataDir(10);
    // Back to schema 5 as that software left it: no trip_checks table yet.
    const db = new Database(dbFile(dir));
    db.exec('DROP TABLE trip_checks');
    db.pragma(`user_version = ${LATEST_VERSION - 1}`);
    db.close();
    expect(LATEST_VERSION).toBe(6);

    const k = await boot(dir);
    expect(k.service.status().trust?.version).toBeGreaterThan(0);
    expect(k.service.status().log).toMatchObject({ state: 'ok' });
    const r = callKiosk(k.service, 'scan', [{ text: card(), source: 'manual' }]);
    expect(r.ok && (r.value as { log: { state: string } }).log.state).toBe('logged');
    await k.close();
    open.length = 0;
    const after = new Database(dbFile(dir), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    after.close();
  });
});
