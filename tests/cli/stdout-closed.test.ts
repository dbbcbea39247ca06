// Every command whose stdout cannot be written — its reader gone (`… | head -1`: EPIPE) or a full
// disk (/dev/full: ENOSPC) — says so on stderr and exits 1, never with an unhandled 'error' event
// and a stack trace (verify, which also stops reading, has its own tests: verify-stdout-closed).
import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillYearLog } from '../../bench/year-log.ts';
import { openStore } from '../../main/core/store/store.ts';
import { DEV_BUNDLE, DEV_ROOT_PEM } from '../fixtures/load.ts';
import { CLI, PROJECT_ROOT, runCli } from '../helpers/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-stdout-closed-'));
const dataDir = path.join(tmp, 'data');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  // A data dir with a bundle installed: audit lines to list, a bundle in force to show.
  const r = runCli(['trust', 'install', DEV_BUNDLE, '--root', DEV_ROOT_PEM, '--data-dir', dataDir]);
  expect(r.status, r.stderr).toBe(0);
});

const at = ['--data-dir', dataDir];
const COMMANDS: [string, string[]][] = [
  ['--help', ['--help']],
  ['--version', ['--version']],
  ['a command’s --help', ['report', '--help']],
  ['log audit', ['log', 'audit', ...at]],
  ['report as CSV', ['report', '--date', '2026-12-01', '--format', 'csv', ...at]],
  ['trust status', ['trust', 'status', '--root', DEV_ROOT_PEM, ...at]],
  ['trust verify', ['trust', 'verify', DEV_BUNDLE, '--root', DEV_ROOT_PEM]],
  ['a refusal’s code line', ['trust', 'verify', path.join(tmp, 'missing.bmettrust'), '--root', DEV_ROOT_PEM]],
];

/** Runs the CLI with `stdout` as its stdout (`pipe`: closed by us before the child can write). */
function run(args: string[], stdout: 'pipe' | number) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', stdout, 'pipe'] as StdioOptions,
  });
  // The reader goes before the child has started Node, as `| head -0` does.
  if (stdout === 'pipe') child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise<{ status: number | null; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stderr })),
  );
}

const NO_CRASH = /Unhandled|\n\s+at /;

describe('a command whose stdout cannot be written', () => {
  it.each(COMMANDS)('%s, its reader gone: says EPIPE, no stack trace, not exit 0', async (_what, args) => {
    const r = await run(args, 'pipe');
    expect(r.stderr).toMatch(/stdout could not be written \(EPIPE: its reader went away\)/);
    expect(r.stderr).not.toMatch(NO_CRASH);
    expect(r.status).not.toBe(0);
  });

  it.each(COMMANDS)('%s, on a full disk: says ENOSPC, no stack trace, not exit 0', async (_what, args) => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = await run(args, full);
      expect(r.stderr).toMatch(/stdout could not be written \(ENOSPC\)/);
      expect(r.stderr).not.toMatch(NO_CRASH);
      expect(r.status).not.toBe(0);
    } finally {
      fs.closeSync(full);
    }
  });

  it('a reader that takes the first chunk of a long report, then goes: said, exit 1', async () => {
    // ~6 MB of CSV: far more than a pipe holds, so the rest meets a reader gone, during the
    // command or, queued, after it has returned.
    const big = path.join(tmp, 'big');
    const store = openStore({ dataDir: big });
    try {
      fillYearLog(store, 60_000, Date.parse('2026-12-02T00:00:00Z'), 1);
    } finally {
      store.close();
    }
    const child = spawn(
      process.execPath,
      [CLI, 'report', '--date', '2026-12-01', '--format', 'csv', '--data-dir', big],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/stdout could not be written \(EPIPE: its reader went away\)/);
    expect(stderr).not.toMatch(NO_CRASH);
    expect(status).toBe(1);
  });

  it('a command that succeeded exits 1; a refusal keeps its own status (3)', async () => {
    expect((await run(['trust', 'status', '--root', DEV_ROOT_PEM, ...at], 'pipe')).status).toBe(1);
    expect(
      (await run(['trust', 'verify', path.join(tmp, 'missing.bmettrust'), '--root', DEV_ROOT_PEM], 'pipe'))
        .status,
    ).toBe(3);
  });
});
