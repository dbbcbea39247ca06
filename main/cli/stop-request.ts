/**
 * SIGINT and SIGTERM as one request to stop a long-running command (start, sync, sync --once, listen).
 * Taken before the command prints the line that says it is up: whoever reads that line may
 * stop it at once, and Node's own handler would end the process with the database open. A
 * signal that comes while the command is still starting is kept until it can stop cleanly.
 */
export interface StopRequest {
  /** Settles at the first SIGINT, SIGTERM or stop(). */
  readonly done: Promise<void>;
  /** Aborted at the same moment: for work that checks between its steps (sync --once). */
  readonly signal: AbortSignal;
  readonly asked: boolean;
  /** Asks to stop from inside (Chromium closed, stdout's reader went away). */
  stop(): void;
  /** Gives the signals back to Node: a second one then has its default effect (the person asked twice). */
  dispose(): void;
}

export function stopRequest(): StopRequest {
  let asked = false;
  let stop!: () => void;
  const aborter = new AbortController();
  const done = new Promise<void>((resolve) => {
    stop = () => {
      asked = true;
      resolve();
      aborter.abort();
    };
  });
  process.once('SIGINT', stop).once('SIGTERM', stop);
  return {
    done,
    signal: aborter.signal,
    get asked() {
      return asked;
    },
    stop,
    dispose: () => void process.off('SIGINT', stop).off('SIGTERM', stop),
  };
}
