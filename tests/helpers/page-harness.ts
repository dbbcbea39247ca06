/** Builds a test page with Vite, serves it on 127.0.0.1 and opens it in Debian's Chromium through playwright-core. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Builds `root` (an index.html with its scripts) into a temp folder and serves it. */
export async function buildAndServe(root: string): Promise<Served> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-harness-'));
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, minify: false },
  });
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.png': 'image/png',
  };
  const server = http.createServer((req, res) => {
    const rel =
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(outDir, rel);
    if (!file.startsWith(outDir + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(outDir, { recursive: true, force: true });
      }),
  };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * For the describe that calls it: builds and serves the harness page in `dir`, opens it in Chromium
 * (at `viewport`) once it has put `global` on window, before the tests, and closes both after them.
 * The returned function gives the page.
 */
export function useHarnessPage(
  dir: string,
  global: string,
  viewport?: { width: number; height: number },
): () => Page {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let page: Page;
  beforeAll(async () => {
    served = await buildAndServe(dir);
    browser = await launchChromium();
    page = await browser.newPage(viewport ? { viewport } : {});
    await page.goto(served.url);
    await page.waitForFunction((g) => typeof (globalThis as Record<string, unknown>)[g] === 'object', global);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return () => page;
}
