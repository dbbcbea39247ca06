/** Starts the real kiosk (`start --no-window --port 0`) as a child process, and a real Chromium for its screens. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
  type Response,
} from 'playwright-core';
import { afterEach, vi } from 'vitest';
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

/**
 * Runs `start --no-window --port 0 …args` and resolves with the address from its first stdout line.
 * `env`: the child's environment in place of this process's (e.g. a PATH without udevadm).
 */
export async function startKiosk(
  args: string[],
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-')),
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningKiosk> {
  const child = spawn(
    process.execPath,
    [CLI, 'start', '--no-window', '--port', '0', '--data-dir', dataDir, ...args],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => resolve(l));
    exited
      .then((code) => reject(new Error(`kiosk exited (${code}) before printing its address:\n${err}`)))
      .catch(reject);
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

/**
 * Console errors and uncaught page errors seen on any page of a browser launched here, not yet
 * reported. Every screen must load and run with none (a CSP refusal, a failed request,
 * an exception all count); the afterEach below fails the test during which one appeared.
 */
const consoleErrors: string[] = [];

function record(where: string, text: string): void {
  consoleErrors.push(`${where}: ${text}`);
}

function watchPage(page: Page): void {
  // Waits end on what the page does, never on a clock: one guard, the test's own timeout (below).
  page.setDefaultTimeout(0);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location();
    record(page.url(), `console error: ${m.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (e) => record(page.url(), `page error: ${e.stack ?? e.message}`));
}

function watchContext(ctx: BrowserContext): BrowserContext {
  ctx.setDefaultTimeout(0);
  for (const p of ctx.pages()) watchPage(p);
  ctx.on('page', watchPage);
  return ctx;
}

/** Throws (and forgets) the console errors recorded so far; a test may call it at a point of its own. */
export function assertNoConsoleErrors(): void {
  const errors = consoleErrors.splice(0);
  if (errors.length) throw new Error(`the page logged ${errors.length} error(s):\n${errors.join('\n')}`);
}

// Every test file that launches Chromium through this helper gets the check after each test.
afterEach(() => assertNoConsoleErrors());

/**
 * The one guard on an end-to-end test: a kiosk child, Chromium and socat on a busy 2-core machine
 * can take minutes where they take a second alone. It stops a hang; it measures nothing.
 */
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

/** The desk's verdict id now (null before the first verdict). */
export const verdictId = (page: Page): Promise<string | null> =>
  page.getByTestId('verdict').getAttribute('data-result-id');

/** Waits until the desk shows a verdict other than `before` (a new scan's result arrived and is drawn). */
export async function nextVerdict(page: Page, before: string | null): Promise<void> {
  const other = before === null ? '' : `:not([data-result-id="${before}"])`;
  await page.locator(`[data-testid=verdict][data-result-id]${other}`).waitFor();
}

/** The boarding pass's result the desk shows now, or null (with no pass on show the trip panel is out of the page). */
export async function tripId(page: Page): Promise<string | null> {
  const trip = page.locator('[data-testid=trip][data-result-id]');
  return (await trip.count()) ? trip.getAttribute('data-result-id') : null;
}

/** Waits until the desk shows a boarding pass's result other than `before` (its trip panel drawn). */
export async function nextTrip(page: Page, before: string | null): Promise<void> {
  const other = before === null ? '' : `:not([data-result-id="${before}"])`;
  await page.locator(`[data-testid=trip][data-result-id]${other}`).waitFor();
}

/**
 * A test's own steps and the page's API traffic (request, answer with status, failure), with ms
 * since the trace began: printed when a test fails, so a rare hang says how far it got.
 */
export function stepTrace(page: Page): { step(s: string): void; lines(): string; stop(): void } {
  const t0 = Date.now();
  const out: string[] = [];
  const step = (s: string) => void out.push(`${Date.now() - t0} ms  ${s}`);
  const api = (u: string) => new URL(u).pathname.match(/\/api\/.*/)?.[0];
  const onRequest = (r: Request) => api(r.url()) && step(`→ ${api(r.url())}`);
  const onResponse = (r: Response) => api(r.url()) && step(`← ${api(r.url())} ${r.status()}`);
  const onFailed = (r: Request) => api(r.url()) && step(`✗ ${api(r.url())} ${r.failure()?.errorText ?? ''}`);
  page.on('request', onRequest).on('response', onResponse).on('requestfailed', onFailed);
  return {
    step,
    lines: () => out.join('\n'),
    stop: () =>
      void page.off('request', onRequest).off('response', onResponse).off('requestfailed', onFailed),
  };
}

/** Debian's Chromium, headless; every page opened in it is watched for console and page errors. */
export async function launchChromium(): Promise<Browser> {
  const browser = await launchRawChromium();
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (...a) => watchContext(await newContext(...a));
  browser.newPage = async (...a) => {
    const page = await newPage(...a);
    watchPage(page);
    return page;
  };
  return browser;
}

function launchRawChromium(): Promise<Browser> {
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
