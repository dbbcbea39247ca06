// Log before show, under SIGKILL: a child `verify` streams verdicts (each printed only after
// its record is committed) and is killed at a random moment, several times. Every verdict
// it printed is in the database afterwards, in order, and the chain verifies.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { CLI, PROJECT_ROOT } from '../helpers/cli.ts';
import { at, installedDataDir, vectorCards } from '../helpers/kiosk-data.ts';

const RUNS = 5;
const cards = vectorCards();

/** Runs verify over an endless stream of cards and SIGKILLs it `afterLines` verdict lines in, plus a random delay. */
function runAndKill(dir: string, afterLines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'verify', ...at(dir), '--officer', 'OF-CRASH'], {
      cwd: PROJECT_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let killing = false;
    let i = 0;
    const feed = () => {
      // Keep the pipe full without unbounded buffering.
      while (!killing && child.stdin.writable) {
        const ok = child.stdin.write(cards[i++ % cards.length]!.qr + '\n');
        if (!ok) return child.stdin.once('drain', feed);
      }
    };
    child.stdin.on('error', () => {}); // EPIPE once it is dead
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (!killing && out.split('\n').length > afterLines) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 30));
      }
    });
    child.on('error', reject);
    // 'close', not 'exit': the exit can come before the last of stdout has been read, and every printed line counts.
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`verify ended by itself (${signal ?? _code})`));
      // A line cut off by the kill was never fully shown: only complete lines count.
      const lines = out.split('\n');
      lines.pop();
      resolve(lines);
    });
    feed();
  });
}

describe('crash safety', () => {
  it(`every verdict printed before SIGKILL is in the database (${RUNS} kills)`, async () => {
    const dir = installedDataDir();
    let printedTotal = 0;
    for (let run = 0; run < RUNS; run++) {
      let store = openStore({ dataDir: dir });
      const base = store.verifyChain().records; // this run's first record will be base + 1
      store.close();
      const lines = await runAndKill(dir, 20 + Math.floor(Math.random() * 400));
      expect(lines.length).toBeGreaterThan(0);
      printedTotal += lines.length;
      store = openStore({ dataDir: dir });
      const chain = store.verifyChain();
      expect(chain.ok).toBe(true);
      // Printed lines are exactly records base+1.. in order; one more may have been committed, not printed.
      expect(chain.records - base).toBeGreaterThanOrEqual(lines.length);
      const records = store.recordsFrom(base + 1, lines.length);
      store.close();
      lines.forEach((l, k) => {
        const v = JSON.parse(l) as {
          status: string;
          reasons: { code: string; rule?: string; firstSeenAt?: string }[];
          kid: string | null;
          clearance: { cid: string; pp: string } | null;
          logged?: boolean;
        };
        expect(v.logged).toBeUndefined(); // nothing was shown as NOT LOGGED
        expect(records[k], `verdict ${k + 1} of run ${run + 1}`).toMatchObject({
          seq: base + k + 1,
          officerId: 'OF-CRASH',
          status: v.status,
          reasons: v.reasons,
          kid: v.kid,
          clearanceId: v.clearance?.cid ?? null,
          passport: v.clearance?.pp ?? null,
        });
      });
    }
    expect(printedTotal).toBeGreaterThanOrEqual(RUNS * 20);
  });
});
