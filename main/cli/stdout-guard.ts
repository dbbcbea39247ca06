/**
 * stdout that cannot be written — its reader gone (`bmet-kiosk log audit | head -1`: EPIPE) or a
 * full disk (ENOSPC) — never ends a command with an unhandled 'error' event and a stack trace. The
 * first error is kept; the command goes on or stops as it chooses (verify stops reading, listen
 * and the sync loop stop), and main says so on stderr and exits 1, unless the command said it.
 */
import type { Writable } from 'node:stream';

type Failure = NodeJS.ErrnoException;

export class OutputGuard {
  private failure: Failure | null = null;
  private said = false;
  private readonly listeners = new Set<() => void>();
  /** Set once settle() has looked: an error after that is said here, and the exit status made 1. */
  private late = false;

  private readonly out: Writable;
  private readonly say: (line: string) => void;
  private readonly fail: () => void;

  constructor(out: Writable, say: (line: string) => void, fail: () => void) {
    this.out = out;
    this.say = say;
    this.fail = fail;
    // Stays for the rest of the process: a write's error can come after the command has returned.
    out.on('error', (err: Failure) => {
      this.failure ??= err;
      for (const l of this.listeners) l();
      if (this.late && !this.said) {
        this.say(this.incomplete(err));
        this.fail();
      }
    });
  }

  /**
   * Calls `listener` when the stream fails (at once if it has): a command that runs until stopped
   * (listen, the sync loop) stops when its reader has gone. Returns the unsubscribe.
   */
  onFailure(listener: () => void): () => void {
    if (this.failure) listener();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first error writing the stream, if any. */
  get error(): Failure | null {
    return this.failure;
  }

  /** Why it could not be written ("EPIPE: its reader went away", "ENOSPC"); it then counts as said. */
  why(e: Failure): string {
    this.said = true;
    return e.code === 'EPIPE' ? 'EPIPE: its reader went away' : (e.code ?? e.message);
  }

  private incomplete(e: Failure): string {
    return `bmet-kiosk: stdout could not be written (${this.why(e)}): its output is incomplete\n`;
  }

  /**
   * After a command: waits until what it wrote has gone out (a pipe's reader may take it slowly, or
   * go away: then the error comes), and says so if the stream failed and the command did not. True
   * when it failed.
   */
  async settle(): Promise<boolean> {
    const out = this.out;
    if (out.writableLength > 0 && !this.failure && !out.destroyed && !out.writableEnded)
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done).off('error', done).off('close', done);
          resolve();
        };
        out.on('drain', done).on('error', done).on('close', done);
        // 'drain' comes only after a write that found the buffer full; an empty write's callback
        // comes once everything queued before it has gone out, however little that was.
        out.write('', () => done());
      });
    // A write's error is emitted a turn after the write: the command's last lines are in by then.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.late = true;
    if (!this.failure) return false;
    if (!this.said) this.say(this.incomplete(this.failure));
    return true;
  }
}

let guard: OutputGuard | null = null;

/** The process's stdout guard, made at the first call (main may run more than once in a test). */
export function watchStdout(): OutputGuard {
  if (!guard) {
    guard = new OutputGuard(
      process.stdout,
      (line) => process.stderr.write(line),
      () => (process.exitCode = process.exitCode || 1),
    );
    // A stderr that cannot be written either has no one to tell: never a crash for it.
    process.stderr.on('error', () => undefined);
  }
  return guard;
}
