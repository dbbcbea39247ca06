/** Starts the real kiosk (`start --no-window --port 0`) as a child process, and a real Chromium for its screens. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { CLI, PROJECT_ROOT } from './cli.ts';

export const VECTORS = path.resolve(PROJECT_ROOT, '../shared/vectors');
export const VECTORS_NOW = '2026-11-22T06:00:00Z';
export const CHROMIUM = '/usr/bin/chromium';

export interface VectorCard {
  name: string;
  now: string;
  qr: string;
  expect: { status: string; codes: string[] };
  rule?: string;
}
export function vectorCards(): Map<string, VectorCard> {
  const lines = fs.readFileSync(path.join(VECTORS, 'cards.jsonl'), 'utf8').trim().split('\n');
  return new Map(lines.map((l) => JSON.parse(l) as VectorCard).map((c) => [c.name, c]));
}

export interface RunningKiosk {
  url: string;
  origin: string;
  child: ChildProcess;
  stderr: () => string;
  dataDir: string;
  stop(): Promise<number | null>;
}

/** Runs `start --no-window --port 0 …args` and resolves with the address from its first stdout line. */
export async function startKiosk(
  args: string[],
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-')),
): Promise<RunningKiosk> {
  const child = spawn(
    process.execPath,
    [CLI, 'start', '--no-window', '--port', '0', '--data-dir', dataDir, ...args],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => resolve(l));
    void exited.then((code) =>
      reject(new Error(`kiosk exited (${code}) before printing its address:\n${err}`)),
    );
  });
  return {
    url: first,
    origin: new URL(first).origin,
    child,
    stderr: () => err,
    dataDir,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export const hasChromium = fs.existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Where tests leave screenshots for a person to look at (dist/ is not committed). */
export const ARTIFACTS = path.join(PROJECT_ROOT, 'dist/test-artifacts');
