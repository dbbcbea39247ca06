/**
 * `sync [--once] [--server URL] [--resume [--technician ID]]`: the sync loop against the configured
 * server, or one pass. `--once` prints a summary JSON and exits 0 when every record is
 * acknowledged, 1 otherwise. `--resume` is the technician's action after an alert, audited.
 */
import type { SyncLogEntry } from '../../core/sync/engine.ts';
import { openKioskSync, resumeAudited } from '../../core/sync/kiosk-sync.ts';
import { openStore } from '../../core/store/store.ts';
import { loadPinnedRoots, type RootSet } from '../../core/trust/roots.ts';
import { stopRequest, type StopRequest } from '../stop-request.ts';
import { watchStdout } from '../stdout-guard.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, serverFrom, sharedFrom } from '../options.ts';
import { actorFrom, requireDatabase } from '../store-context.ts';
import { rootsFor } from '../trust-context.ts';

const logLine = (e: SyncLogEntry) =>
  process.stderr.write(JSON.stringify({ at: new Date().toISOString(), ...e }) + '\n');

export async function runSync(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    once: { type: 'boolean' },
    server: { type: 'string' },
    resume: { type: 'boolean' },
    technician: { type: 'string' },
  });
  const opts = sharedFrom(values);
  if (positionals.length) throw new UsageError('sync takes no positional arguments');
  const actor = actorFrom(values, opts);
  const server = serverFrom(values.server);
  // A --root file given that is refused ends the run before anything (exit 3, with its code), as in
  // every command; only pinned roots that are missing let sync go on without its trust fetch.
  const given = opts.roots?.length ? rootsFor(opts) : null;
  const dataDir = requireDatabase(opts);
  // Taken before the store opens: a signal from here on ends the run cleanly (the database closed,
  // the pass's summary printed), never by Node's default with a batch half-answered.
  const request = stopRequest();
  try {
    return await syncWith(
      dataDir,
      { once: values.once === true, resume: values.resume === true, server, given, actor },
      request,
    );
  } finally {
    request.dispose();
  }
}

async function syncWith(
  dataDir: string,
  o: { once: boolean; resume: boolean; server: string | undefined; given: RootSet | null; actor: string },
  request: StopRequest,
): Promise<number> {
  const { server, given } = o;
  const store = openStore({ dataDir });
  try {
    // Trust fetch needs roots to check against; without them sync still ships the log.
    const roots = given ? { ok: true as const, roots: given } : loadPinnedRoots();
    if (!roots.ok)
      logLine({
        level: 'warn',
        code: 'TRUST_FETCH_FAILED',
        message: `no trust fetch this run: ${roots.why}`,
      });
    const made = openKioskSync({
      store,
      dataDir,
      ...(server ? { server } : {}),
      ...(roots.ok ? { roots: roots.roots } : {}),
      log: logLine,
    });
    if (!made.ok) {
      // The core says what is missing (the screens show it too); how to set it is the command line's to say.
      const how =
        made.code === 'SYNC_NOT_PROVISIONED'
          ? ": run 'provision --kiosk-id ID --server URL' first (--server URL names BMET for one run)"
          : '';
      process.stdout.write(JSON.stringify({ ok: false, code: made.code, message: made.why + how }) + '\n');
      return EXIT.failure;
    }
    const engine = made.engine;
    // Audited as the screens' resume is: who cleared which alert.
    if (o.resume) resumeAudited(engine, store, o.actor);
    if (o.once) {
      // The first signal ends the pass after what is in flight (an answer may mark records
      // acknowledged); a second has Node's default effect: the person asked twice.
      const onStop = () => {
        request.dispose();
        process.stderr.write(
          'bmet-kiosk: stopping: no further batch is sent; one in flight is finished first (a second signal ends at once)\n',
        );
      };
      if (request.asked) onStop();
      else request.signal.addEventListener('abort', onStop, { once: true });
      const summary = await engine.runOnce({ trust: roots.ok, stop: request.signal });
      request.signal.removeEventListener('abort', onStop);
      await engine.stop();
      process.stdout.write(JSON.stringify(summary) + '\n');
      return summary.ok && !summary.alert ? EXIT.done : EXIT.failure;
    }
    // The loop: one status line whenever the phase or the count of waiting records changes.
    let last = '';
    engine.onStatus((s) => {
      const line = JSON.stringify({
        phase: s.phase,
        waiting: s.waiting,
        lastSuccessAt: s.lastSuccessAt,
        nextAttemptAt: s.nextAttemptAt,
        alert: s.alert?.code ?? null,
      });
      const key = `${s.phase} ${s.waiting} ${s.alert?.code}`;
      if (key !== last) process.stdout.write(line + '\n');
      last = key;
    });
    // Whoever reads the status lines went away (`sync | head -1`): stop, as listen does; what was
    // not acknowledged goes at the next run.
    const unwatch = watchStdout().onFailure(() => request.stop());
    if (!request.asked) engine.start();
    await request.done;
    request.dispose();
    unwatch();
    await engine.stop();
    return EXIT.done;
  } finally {
    store.close();
  }
}
