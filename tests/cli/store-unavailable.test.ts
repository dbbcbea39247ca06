// When the store cannot open, `verify` and `listen` do what the kiosk does: every input still
// gets its verdict line, marked "logged": false, and the run exits 1. And a stored bundle that
// does not open under the run's roots is reported with its own code, not as a disk fault.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbFile } from '../../main/core/store/database.ts';
import { CLI, jsonLines, PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { at, installedDataDir, VBUNDLE, vectorCards, VNOW, VROOT } from '../helpers/kiosk-data.ts';
import { closePort, openScannerEnd, ptyPair, tempDir, writeAll } from '../helpers/pty.ts';
import { tempDataDir } from '../helpers/store.ts';

const cards = vectorCards();
const input = cards.map((c) => c.qr).join('\n') + '\n';
const withBundle = ['--root', VROOT, '--bundle', VBUNDLE, '--now', VNOW];

/** A data dir whose kiosk.db is a directory: no SQLite open, writable or read-only, can succeed. */
function dbIsADirectory(): string {
  const dir = tempDataDir('cli-dbdir');
  fs.mkdirSync(dbFile(dir));
  return dir;
}

const expected = jsonLines(runCli(['verify', '--no-log', ...withBundle], input).stdout);

describe('verify with a store that cannot open', () => {
  it('kiosk.db a directory, --bundle given: every card gets its verdict, marked not logged; exit 1', () => {
    const dir = dbIsADirectory();
    const r = runCli(['verify', '--data-dir', dir, ...withBundle], input);
    expect(r.status).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(cards.length);
    expect(lines).toEqual(expected.map((v) => ({ ...v, logged: false })));
    expect(r.stderr).toMatch(/the verification log is unavailable: STORE_\w+: /);
    expect(r.stderr).toContain(`${cards.length} verdict(s) were shown but NOT LOGGED`);
    // One reason, said once: not a line of stderr per card.
    expect(r.stderr.match(/NOT LOGGED: /g)).toHaveLength(1);
    expect(fs.statSync(dbFile(dir)).isDirectory()).toBe(true);
  });

  it('kiosk.db a directory and no --bundle: no trust can be read, so no verdicts; exit 1 saying why', () => {
    const dir = dbIsADirectory();
    const r = runCli(['verify', '--data-dir', dir, '--root', VROOT, '--now', VNOW], input);
    expect(r.status).toBe(1);
    // No verdict lines: only the refusal, with the store's code.
    expect(jsonLines(r.stdout)).toEqual([
      {
        ok: false,
        code: expect.stringMatching(/^STORE_/),
        message: expect.stringContaining('cannot read the installed trust bundle'),
      },
    ]);
    expect(r.stderr).toMatch(/the verification log is unavailable: STORE_\w+/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});

describe('listen with a store that cannot open', () => {
  const procs: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  });

  it('prints every scan as a verdict line marked not logged, and exits 1 when stopped', async () => {
    const pair = await ptyPair(tempDir());
    try {
      const dir = dbIsADirectory();
      const proc = spawn(
        process.execPath,
        [CLI, 'listen', '--serial', pair.host, '--data-dir', dir, ...withBundle],
        {
          cwd: PROJECT_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      procs.push(proc);
      let stdout = '';
      let stderr = '';
      const waiters = new Set<() => void>();
      proc.stdout.on('data', (d: Buffer) => ((stdout += d), waiters.forEach((w) => w())));
      proc.stderr.on('data', (d: Buffer) => ((stderr += d), waiters.forEach((w) => w())));
      // 'close', not 'exit': the exit can come before the last of stderr (the NOT LOGGED tally) has been read.
      const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
      /** Resolves once `test` holds, checked on each chunk of output (no polling); rejects if listen exits first. */
      const until = (test: () => boolean) =>
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (!test()) return;
            waiters.delete(check);
            resolve();
          };
          waiters.add(check);
          exited.then(
            () => (test() ? resolve() : reject(new Error(`listen exited; stderr:\n${stderr}`))),
            reject,
          );
          check();
        });
      await until(() => stderr.includes('connected'));
      expect(stderr).toMatch(/the verification log is unavailable: STORE_\w+/);
      const dev = await openScannerEnd(pair.scanner);
      const few = cards.slice(0, 5);
      await writeAll(dev, few.map((c) => `${c.qr}\r`).join(''));
      await until(() => stdout.split('\n').filter(Boolean).length === few.length);
      await closePort(dev);
      expect(jsonLines(stdout)).toEqual(expected.slice(0, few.length).map((v) => ({ ...v, logged: false })));
      proc.kill('SIGTERM');
      expect(await exited).toBe(1);
      expect(stderr).toContain(`${few.length} verdict(s) were shown but NOT LOGGED`);
    } finally {
      await pair.close();
    }
  });
});

describe("an installed bundle that does not open under the run's roots", () => {
  it('is reported with its own code (BUNDLE_SIGNATURE_INVALID), not STORE_IO', () => {
    const dir = installedDataDir();
    const other = path.join(PROJECT_ROOT, 'tests/cli/other-root.pem');
    const r = runCli(['verify', '--data-dir', dir, '--root', other, '--now', VNOW], input);
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)).toEqual([
      { ok: false, code: 'BUNDLE_SIGNATURE_INVALID', message: expect.stringContaining('does not open') },
    ]);
    expect(r.stderr).toMatch(/^bmet-kiosk: BUNDLE_SIGNATURE_INVALID: /m);
    expect(r.stderr).not.toContain('STORE_IO');
    // The data dir's own roots still open it: the disk was never at fault.
    expect(runCli(['verify', ...at(dir)], input).status).toBe(0);
  });
});
