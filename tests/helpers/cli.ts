/** Runs the real bmet-kiosk CLI in a child process (the same entry `npm run kiosk` uses). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(PROJECT_ROOT, 'main/cli/bin.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses each JSON line of a CLI's stdout, read as `T` (the contract type the command prints; the test checks it). */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * Runs the CLI without blocking the event loop, and SIGKILLs it if it has not ended by itself after
 * `guardMs` (a bound, not a timing: far beyond any normal run): a command that hangs then fails its
 * test (`signal` is 'SIGKILL') instead of hanging the suite.
 */
export function runCliBounded(
  args: string[],
  guardMs = 30_000,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const guard = setTimeout(() => child.kill('SIGKILL'), guardMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(guard);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** The CLI running in the background, with its output as it arrives. */
export class Running {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  /** The signal that ended it, once it has exited by one (Node's default for SIGTERM, say). */
  signal: NodeJS.Signals | null = null;
  readonly proc: ChildProcess;
  /** Called on every piece of output and at exit: `until` looks again then, not on a clock. */
  private readonly changed = new Set<() => void>();
  constructor(proc: ChildProcess) {
    this.proc = proc;
    const tell = () => this.changed.forEach((f) => f());
    proc.stdout!.on('data', (d: Buffer) => {
      this.stdout += d;
      tell();
    });
    proc.stderr!.on('data', (d: Buffer) => {
      this.stderr += d;
      tell();
    });
    // 'close', not 'exit': the exit can come before the last of stdout and stderr has been read.
    this.exited = new Promise((resolve) =>
      proc.on('close', (code, signal) => {
        this.closed = true;
        this.signal = signal;
        resolve(code);
        tell();
      }),
    );
  }
  private closed = false;
  lines = () => this.stdout.split('\n').filter(Boolean);
  /** Waits until `test` holds after some output; fails at once if the CLI exits first (the test's timeout guards a hang). */
  until(test: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (test()) {
          this.changed.delete(check);
          resolve();
        } else if (this.closed) {
          this.changed.delete(check);
          reject(new Error(`the CLI exited before ${what}; stderr:\n${this.stderr}`));
        }
      };
      this.changed.add(check);
      check();
    });
  }
}
