// `verify … | head -1`: when whoever reads stdout goes away, verify stops reading and verifying,
// says so on stderr and exits 1; it does not die on an unhandled EPIPE with a stack trace, and
// the log it wrote stays whole (every scan shown was logged first).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { DEV_BUNDLE, DEV_ROOT_PEM, fixtureCards } from '../fixtures/load.ts';
import { CLI, PROJECT_ROOT, runCli } from '../helpers/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-verify-closed-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Far more verdict text than a pipe holds (64 KiB), so verify is still writing when the reader goes.
const cards = fixtureCards().map((c) => c.qr.replace(/\r?\n$/, ''));
const input = Array.from({ length: 6 }, () => cards.join('\n')).join('\n') + '\n';

describe('verify whose stdout reader goes away', () => {
  it('stops, says so on stderr and exits 1; the log stays whole', async () => {
    const dataDir = path.join(tmp, 'data');
    const child = spawn(
      process.execPath,
      [
        CLI,
        'verify',
        '--root',
        DEV_ROOT_PEM,
        '--bundle',
        DEV_BUNDLE,
        '--now',
        '2026-11-22T06:00:00Z',
        '--data-dir',
        dataDir,
      ],
      { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdin.on('error', () => undefined); // verify stops reading: our write may find it gone
    child.stdin.end(input);
    // The first verdicts arrive, then this reader goes, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/stdout was closed by its reader: verification stopped/);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(status).toBe(1);
    const store = openStore({ dataDir });
    try {
      const logged = store.recordsFrom(1, 100_000).length;
      expect(logged).toBeGreaterThan(0);
      expect(logged).toBeLessThan(6 * cards.length);
    } finally {
      store.close();
    }
    const chain = runCli(['log', 'verify', '--data-dir', dataDir]);
    expect(chain.status).toBe(0);
  });
});
