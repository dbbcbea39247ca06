// `sync --once` makes one pass and exits: its messages must not promise a retry that never comes.
// Before, a failed pass said "retrying in 1 s" on stderr and in the summary's lastError, and the
// command exited at once. A failure the pass waits out (engine.runOnce({ retries })) still says when.
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLines, runCliBounded } from '../helpers/cli.ts';
import { cleanup, engineFor, makeKiosk, startScriptedServer, type ScriptedAnswer } from '../helpers/sync.ts';

const stops: (() => Promise<void>)[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  cleanup(...dirs.splice(0));
});

async function failingServer(answer: ScriptedAnswer) {
  const s = await startScriptedServer(() => answer);
  stops.push(s.close);
  return s;
}

describe('sync --once against a BMET that fails', () => {
  it.each([
    ['a server error', { status: 500 }, 'SYNC_SERVER_ERROR'],
    ['busy', { status: 503 }, 'SYNC_BUSY'],
  ] as const)('%s: one try, and the messages say it is not retried', async (_what, answer, code) => {
    const s = await failingServer(answer);
    const k = makeKiosk(3);
    k.store.close();
    dirs.push(k.dataDir);
    const r = await runCliBounded(['sync', '--once', '--server', s.url, '--data-dir', k.dataDir]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(s.requests).toHaveLength(1);
    const [summary] = jsonLines<{
      ok: boolean;
      waiting: number;
      lastError: { code: string; message: string };
    }>(r.stdout);
    expect(summary).toMatchObject({ ok: false, waiting: 3, lastError: { code } });
    expect(summary!.lastError.message).toMatch(/not retried: this pass ends here/);
    const logLines = r.stderr.split('\n').filter((l) => l.startsWith('{'));
    const logged = jsonLines<{ code: string; message: string }>(logLines.join('\n')).filter(
      (l) => l.code === code,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toMatch(/not retried: this pass ends here/);
    expect(r.stdout + r.stderr).not.toMatch(/retrying/);
  });
});

describe('runOnce with retries', () => {
  it('says "retrying in" for each failure it waits out, and "not retried" for the last', async () => {
    const s = await failingServer({ status: 500 });
    const k = makeKiosk(2);
    dirs.push(k.dataDir);
    const { engine, logs } = engineFor(k, s.url);
    const summary = await engine.runOnce({ retries: 2 });
    await engine.stop();
    k.store.close();
    expect(s.requests).toHaveLength(3);
    const messages = logs.filter((l) => l.code === 'SYNC_SERVER_ERROR').map((l) => l.message);
    expect(messages).toHaveLength(3);
    expect(messages.slice(0, 2)).toEqual([
      expect.stringMatching(/; retrying in \d+ s$/),
      expect.stringMatching(/; retrying in \d+ s$/),
    ]);
    expect(messages[2]).toMatch(/; not retried: this pass ends here/);
    expect(summary.lastError?.message).toBe(messages[2]);
  });
});
