// The output guard on a stream whose reader takes its time: what a command wrote may still be
// queued when it returns, and the reader's going away (EPIPE) comes only then. A real Writable
// that holds its writes until the test lets go stands for the pipe.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OutputGuard } from '../../main/cli/stdout-guard.ts';

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

/**
 * A stream that keeps every write pending (a pipe no one reads yet) until release(), when its
 * reader catches up and takes everything from then on; and what the guard said and did.
 * `highWaterMark` 1: every write fills it ('drain' follows); the default: a small tail does not.
 */
function slowPipe(highWaterMark = 1) {
  const pending: (() => void)[] = [];
  let reading = false;
  const out = new Writable({
    highWaterMark,
    write(_chunk, _enc, done) {
      if (reading) done();
      else pending.push(() => done());
    },
  });
  const said: string[] = [];
  let failed = 0;
  const guard = new OutputGuard(
    out,
    (line) => said.push(line),
    () => failed++,
  );
  const release = () => {
    reading = true;
    pending.splice(0).forEach((f) => f());
  };
  return { out, guard, said, failed: () => failed, release };
}

describe('OutputGuard', () => {
  it('waits for writes still queued when the command returns: the reader going then is said, exit 1', async () => {
    const p = slowPipe();
    p.out.write('verdicts…');
    let settled: boolean | null = null;
    const settling = p.guard.settle().then((r) => (settled = r));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBeNull(); // still waiting for the queued write
    p.out.destroy(epipe());
    expect(await settling).toBe(true);
    expect(p.said).toEqual([
      'bmet-kiosk: stdout could not be written (EPIPE: its reader went away): its output is incomplete\n',
    ]);
  });

  it.each([1, 16 * 1024])('a reader that takes it all (high-water mark %i): nothing said', async (hwm) => {
    // With the default mark a small tail never fills the buffer, so no 'drain' comes for it.
    const p = slowPipe(hwm);
    p.out.write('verdicts…');
    const settling = p.guard.settle();
    p.release();
    expect(await settling).toBe(false);
    expect(p.said).toEqual([]);
  });

  it('an error after the guard has settled is still said, and the exit status made a failure', async () => {
    const p = slowPipe();
    expect(await p.guard.settle()).toBe(false);
    p.out.destroy(epipe());
    await new Promise<void>((resolve) => p.out.once('close', resolve));
    expect(p.said).toHaveLength(1);
    expect(p.failed()).toBe(1);
  });

  it('a failure the command said itself is not said again', async () => {
    const p = slowPipe();
    p.out.destroy(Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' }));
    await new Promise<void>((resolve) => p.out.once('close', resolve));
    expect(p.guard.why(p.guard.error!)).toBe('ENOSPC');
    expect(await p.guard.settle()).toBe(true);
    expect(p.said).toEqual([]);
  });
});
