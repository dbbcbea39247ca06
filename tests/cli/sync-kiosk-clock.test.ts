// A kiosk whose clock is 10 minutes wrong syncs with the unmodified reference server: its first
// request of a run is signed before any skew is known and refused (401 TIMESTAMP_OUT_OF_WINDOW),
// and that answer's Date corrects the next signature at once. Before, both `sync --once` and the
// loop stopped with SYNC_UNAUTHORIZED ("does not accept this kiosk's key") for an hour.
// The CLI runs in a child whose Date alone is shifted (tests/helpers/shifted-clock.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, jsonLines, PROJECT_ROOT, Running, runCliBounded } from '../helpers/cli.ts';
import { serverAudit, syncFixtures, type TestKiosk } from '../helpers/sync.ts';

const { kiosk, server } = syncFixtures();
const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.proc.exitCode === null && r.signal === null) r.proc.kill('SIGKILL');
    await r.exited;
  }
});

const SHIFTED = {
  NODE_OPTIONS: `--import=${path.join(PROJECT_ROOT, 'tests/helpers/shifted-clock.mjs')}`,
  KIOSK_CLOCK_SHIFT_MS: String(-600_000),
};

/** A kiosk with `n` verdicts (its store closed: the CLI opens it) and the reference server that knows it. */
async function setup(n: number): Promise<{ k: TestKiosk; url: string }> {
  const k = kiosk(n);
  k.store.close();
  const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
  return { k, url: s.url };
}

describe('a kiosk clock 10 minutes behind BMET', () => {
  it('sync --once: everything is acknowledged, the skew is shown, no alert', async () => {
    const { k, url } = await setup(40);
    const r = await runCliBounded(
      ['sync', '--once', '--server', url, '--data-dir', k.dataDir],
      30_000,
      SHIFTED,
    );
    const [summary] = jsonLines<{
      ok: boolean;
      acknowledged: number;
      alert: unknown;
      clockSkewMs: number;
    }>(r.stdout);
    expect(summary).toMatchObject({ ok: true, acknowledged: 40, alert: null });
    expect(Math.abs(summary!.clockSkewMs - 600_000)).toBeLessThan(60_000);
    expect(r.status).toBe(0);
    // The first request was refused for its time and signed again at once.
    expect(r.stderr).toMatch(/401: this kiosk signed with a time -?\d+ s off BMET's Date; signing again/);
    expect(r.stderr).not.toContain('SYNC_UNAUTHORIZED');
    expect((await serverAudit(url, k.kioskId)).count).toBe(40);
  });

  it('the sync loop drains the outbox without an alert', async () => {
    const { k, url } = await setup(40);
    const sync = new Running(
      spawn(process.execPath, [CLI, 'sync', '--server', url, '--data-dir', k.dataDir], {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...SHIFTED },
      }),
    );
    running.push(sync);
    const lines = () => jsonLines<{ waiting: number; alert: string | null }>(sync.stdout);
    await sync.until(
      () => lines().some((l) => l.alert !== null || l.waiting === 0),
      'the outbox drained or an alert',
    );
    expect(lines().map((l) => l.alert)).not.toContain('SYNC_UNAUTHORIZED');
    expect(lines().at(-1)).toMatchObject({ waiting: 0, alert: null });
    expect(sync.stderr).toMatch(/signing again with the corrected time/);
    sync.proc.kill('SIGTERM');
    expect(await sync.exited).toBe(0);
    expect((await serverAudit(url, k.kioskId)).count).toBe(40);
  });
});
