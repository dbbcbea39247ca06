// engine.runOnce({ stop }) (what `sync --once` gives it for SIGTERM and SIGINT): a stop ends the
// pass between steps, cuts short a wait for a retry, and is said in the summary (`stopped`). The
// engine's clock here never fires: a wait that the stop did not end would never end.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncClock } from '../../../main/core/sync/timing.ts';
import { cleanup, engineFor, makeKiosk, startScriptedServer, type TestKiosk } from '../../helpers/sync.ts';

const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  cleanup(...dirs.splice(0));
});

const stoppedClock: SyncClock = { now: () => Date.now(), after: () => () => undefined };

function kiosk(n: number): TestKiosk {
  const k = makeKiosk(n);
  open.push(k.store);
  dirs.push(k.dataDir);
  return k;
}

describe('runOnce with a stop signal', () => {
  it('a stop while a batch fails: its retry is neither waited for nor sent', async () => {
    const stop = new AbortController();
    const s = await startScriptedServer(() => {
      stop.abort();
      return { status: 500 };
    });
    open.push(s);
    const k = kiosk(3);
    const { engine } = engineFor(k, s.url, { clock: stoppedClock });
    const summary = await engine.runOnce({ retries: 5, stop: stop.signal });
    await engine.stop();
    expect(s.requests).toHaveLength(1);
    expect(summary).toMatchObject({
      ok: false,
      stopped: true,
      acknowledged: 0,
      waiting: 3,
      lastError: { code: 'SYNC_SERVER_ERROR' },
    });
  });

  it('a stop before the pass: nothing is sent', async () => {
    const s = await startScriptedServer(() => ({ status: 500 }));
    open.push(s);
    const k = kiosk(3);
    const { engine } = engineFor(k, s.url, { clock: stoppedClock });
    const summary = await engine.runOnce({ stop: AbortSignal.abort() });
    await engine.stop();
    expect(s.requests).toHaveLength(0);
    expect(summary).toMatchObject({ ok: false, stopped: true, acknowledged: 0, batches: 0, waiting: 3 });
  });

  it('a pass that is not stopped says nothing of stopping', async () => {
    const s = await startScriptedServer(() => ({ status: 500 }));
    open.push(s);
    const { engine } = engineFor(kiosk(1), s.url);
    const summary = await engine.runOnce({ stop: new AbortController().signal });
    await engine.stop();
    expect(summary).not.toHaveProperty('stopped');
  });
});
