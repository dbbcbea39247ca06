// `sync --once` stopped by SIGTERM or SIGINT in the middle of its pass. Before, it had no stop
// handler: Node's default ended it at once, with no summary, the database not closed and the
// answer in flight dropped. Now the batch in flight is finished, no other is sent, the database is
// closed and the summary says the pass was stopped; what was not sent goes at the next pass. The
// reference BMET server (in this process) holds the answer to one batch, so the signal comes while
// exactly that batch is in flight.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dbFile } from '../../main/core/store/database.ts';
import { CLI, jsonLines, PROJECT_ROOT, runCliBounded, Running } from '../helpers/cli.ts';
import { cleanup, makeKiosk, serverAudit, startServer, type TestKiosk } from '../helpers/sync.ts';

/** Three batches (at most 500 records each). */
const RECORDS = 1234;

const stops: (() => Promise<void>)[] = [];
const dirs: string[] = [];
const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0))
    if (r.proc.exitCode === null && r.signal === null) r.proc.kill('SIGKILL');
  for (const s of stops.splice(0)) await s();
  cleanup(...dirs.splice(0));
});

/** The reference server, holding its answer to the `n`th batch (from 1) until released. */
async function serverHolding(n: number, k: TestKiosk) {
  let answered = 0;
  let arrived!: () => void;
  let release!: () => void;
  const held = new Promise<void>((r) => (arrived = r));
  const released = new Promise<void>((r) => (release = r));
  const server = await startServer({
    kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }],
    holdAnswer: async () => {
      if (++answered !== n) return;
      arrived();
      await released;
    },
  });
  stops.push(async () => {
    release();
    await server.close();
  });
  return { url: server.url, held, release, batches: () => answered };
}

describe('sync --once takes SIGTERM and SIGINT as a stop', () => {
  it.each([
    {
      signal: 'SIGTERM',
      hold: 2,
      status: 1,
      summary: { ok: false, stopped: true, acknowledged: 1000, batches: 2, waiting: RECORDS - 1000 },
    },
    {
      // The last batch: finished, nothing is left to send, so the pass did its job.
      signal: 'SIGINT',
      hold: 3,
      status: 0,
      summary: { ok: true, stopped: true, acknowledged: RECORDS, batches: 3, waiting: 0 },
    },
  ] as const)(
    '$signal while batch $hold waits for its answer: that batch is finished, no other sent; exit $status',
    async (c) => {
      const k = makeKiosk(RECORDS);
      k.store.close();
      dirs.push(k.dataDir);
      const s = await serverHolding(c.hold, k);
      const sync = new Running(
        spawn(process.execPath, [CLI, 'sync', '--once', '--server', s.url, '--data-dir', k.dataDir], {
          cwd: PROJECT_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      running.push(sync);
      await s.held;
      sync.proc.kill(c.signal);
      await sync.until(() => sync.stderr.includes('bmet-kiosk: stopping: '), 'it said it was stopping');
      s.release();
      expect([await sync.exited, sync.signal], sync.stderr).toEqual([c.status, null]);
      expect(jsonLines(sync.stdout)).toEqual([expect.objectContaining({ ...c.summary, alert: null })]);
      expect(s.batches()).toBe(c.hold);
      // The database was closed: only a close folds the write-ahead log back in and removes it.
      expect(fs.existsSync(`${dbFile(k.dataDir)}-wal`)).toBe(false);

      // What was not sent goes at the next pass, joining what BMET already holds.
      const next = await runCliBounded(['sync', '--once', '--server', s.url, '--data-dir', k.dataDir]);
      expect(next.status, next.stderr).toBe(0);
      expect(JSON.parse(next.stdout)).toMatchObject({
        ok: true,
        acknowledged: RECORDS - c.summary.acknowledged,
        waiting: 0,
      });
      expect(await serverAudit(s.url, k.kioskId)).toMatchObject({
        count: RECORDS,
        lastSeq: RECORDS,
        chainOk: true,
      });
    },
  );
});
