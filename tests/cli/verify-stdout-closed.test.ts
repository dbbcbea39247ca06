// `verify … | head -1`: when whoever reads stdout goes away (or stdout cannot be written at all),
// verify stops reading and verifying, says why on stderr and exits 1; it does not die on an
// unhandled EPIPE with a stack trace, and the log it wrote stays whole (every scan shown was
// logged first). It stops soon: not after verifying and logging the megabytes of input a pipe
// had ready (libuv reads up to 32 chunks of a pipe in one turn).
import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { DEV_BUNDLE, DEV_ROOT_PEM, fixtureCards } from '../fixtures/load.ts';
import { CLI, PROJECT_ROOT, runCli } from '../helpers/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-verify-closed-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Far more verdict text than a pipe holds (64 KiB), and ~1.8 MB of input ready in the pipe at once.
const ROUNDS = 20;
const cards = fixtureCards().map((c) => c.qr.replace(/\r?\n$/, ''));
const lines = Array.from({ length: ROUNDS }, () => cards).flat();
const ARGS = ['verify', '--root', DEV_ROOT_PEM, '--bundle', DEV_BUNDLE, '--now', '2026-11-22T06:00:00Z'];

/** Runs the CLI with `stdout` as its stdout; `onStart` gets the child. Resolves with its status and stderr. */
function run(
  args: string[],
  input: string | null,
  stdout: 'pipe' | number,
  onStart: (child: ReturnType<typeof spawn>) => void = () => undefined,
) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    stdio: [input === null ? 'ignore' : 'pipe', stdout, 'pipe'] as StdioOptions,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  if (input !== null) {
    child.stdin!.on('error', () => undefined); // verify stops reading: our write may find it gone
    child.stdin!.end(input);
  }
  onStart(child);
  return new Promise<{ status: number | null; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stderr })),
  );
}

function loggedRows(dataDir: string): number {
  const store = openStore({ dataDir });
  try {
    return store.recordsFrom(1, 100_000).length;
  } finally {
    store.close();
  }
}

const NO_CRASH = /Unhandled|\n\s+at /;

describe('verify whose stdout cannot be written', () => {
  it('a reader that goes after the first verdicts: stops soon, says so, exits 1; the log stays whole', async () => {
    const dataDir = path.join(tmp, 'data');
    const r = await run([...ARGS, '--data-dir', dataDir], lines.join('\n') + '\n', 'pipe', (child) =>
      // The first verdicts arrive, then this reader goes, as `head -1` does.
      child.stdout!.once('data', () => child.stdout!.destroy()),
    );
    expect(r.stderr).toMatch(
      /stdout could not be written \(EPIPE: its reader went away\): verification stopped; the scans verified before it are logged, the rest of the input was not read/,
    );
    expect(r.stderr).not.toMatch(NO_CRASH);
    expect(r.status).toBe(1);
    // A pipe holds 64 KiB of verdicts: verify cannot get more than a few chunks of input ahead of
    // a reader that went away; before, it went through every line the pipe had ready.
    const logged = loggedRows(dataDir);
    expect(logged).toBeGreaterThan(0);
    expect(logged).toBeLessThan(lines.length / 2);
    expect(runCli(['log', 'verify', '--data-dir', dataDir]).status).toBe(0);
  });

  it('QR arguments and a reader gone before the first line: the same message, exit 1', async () => {
    const r = await run([...ARGS, '--no-log', ...cards.slice(0, 40)], null, 'pipe', (child) =>
      child.stdout!.destroy(),
    );
    expect(r.stderr).toMatch(/stdout could not be written \(EPIPE: its reader went away\)/);
    expect(r.stderr).not.toMatch(/the rest of the input was not read/); // every argument was verified
    expect(r.stderr).not.toMatch(NO_CRASH);
    expect(r.status).toBe(1);
  });

  it('stdout on a full disk (/dev/full): says ENOSPC, exit 1', async () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = await run([...ARGS, '--no-log'], lines.slice(0, 300).join('\n') + '\n', full);
      expect(r.stderr).toMatch(/stdout could not be written \(ENOSPC\): verification stopped/);
      expect(r.stderr).not.toMatch(NO_CRASH);
      expect(r.status).toBe(1);
    } finally {
      fs.closeSync(full);
    }
  });

  it('verify --help says so', () => {
    const r = runCli(['verify', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/stdout that cannot be written .* stops the run with exit 1/s);
  });
});
