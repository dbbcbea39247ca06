// The booted kiosk copies its WAL into the database file in the quiet after a scan, so
// SQLite's auto-checkpoint seldom lands on a scan: after a logged scan and a short wait,
// the database file alone (its WAL set aside) already holds the record.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { callKiosk } from '../../main/app/dispatch.ts';
import { DB_FILE } from '../../main/core/store/data-dir.ts';
import { tempDataDir } from '../helpers/store.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';

const open: BootedKiosk[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
});

/** Rows in a copy of the main database file without its WAL: what a checkpoint has written there. */
function rowsInMainFile(dataDir: string): number {
  const copy = path.join(dataDir, 'main-only.db');
  fs.copyFileSync(path.join(dataDir, DB_FILE), copy);
  const db = new Database(copy, { readonly: true });
  try {
    // Before the first checkpoint even the schema is only in the WAL.
    const hasTable = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'verifications'")
      .pluck()
      .get() as number;
    return hasTable ? (db.prepare('SELECT count(*) FROM verifications').pluck().get() as number) : 0;
  } finally {
    db.close();
    fs.rmSync(copy);
  }
}

describe('idle-time WAL checkpoint', () => {
  it('writes logged scans into the database file once the desk is quiet', async () => {
    const dataDir = tempDataDir('idle-checkpoint');
    const k = await bootKiosk({
      dataDir,
      roots: { kind: 'command-line', files: [path.join(VECTORS, 'root.pem')] },
      bundleFile: path.join(VECTORS, 'bundle.bmettrust'),
      nowMs: Date.parse(VECTORS_NOW),
      noLog: false,
      officer: 'UNSIGNED',
      usb: false,
    });
    open.push(k);
    const card = vectorCards().get('valid-kuwait-employment')!;
    const r = callKiosk(k.service, 'scan', [{ text: card.qr, source: 'manual' }]);
    expect(r.ok && (r.value as { log: { state: string } }).log.state).toBe('logged');
    expect(rowsInMainFile(dataDir)).toBe(0);
    // Wait out the quiet period (1.5 s), then look: polling, not timing, decides.
    const deadline = Date.now() + 20_000;
    while (rowsInMainFile(dataDir) === 0 && Date.now() < deadline)
      await new Promise((res) => setTimeout(res, 250));
    expect(rowsInMainFile(dataDir)).toBe(1);
  });
});
