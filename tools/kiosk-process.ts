/**
 * `startKioskProcess`: the real kiosk (`start --no-window --port 0`) on a fresh data dir, for
 * the benchmarks and the screenshots; resolves with its address (its first stdout line) and a
 * stop that ends it and removes the data dir. (The tests have their own, watched, in tests/helpers.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '..');

export async function startKioskProcess(args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-run-'));
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'main/cli/bin.mjs'),
      'start',
      '--no-window',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...args,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => reject(new Error(`kiosk exited before printing its address:\n${err}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
