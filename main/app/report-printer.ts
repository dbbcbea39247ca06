/**
 * Prints the supervisor's day (`ReportPage`) as an A4 PDF from the screens' own print page
 * (dist/renderer/print.html, built with the screens: the same view and stylesheet the
 * supervisor prints, with the bundled Noto Sans Bengali). By default in headless Chromium
 * (Debian's /usr/bin/chromium, driven by playwright-core) for `report --format pdf` and the
 * loopback host; the Electron shell puts its own printer (webContents.printToPDF) in its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReportPage } from '../contract/report-page.ts';
import { RENDERER_OUT } from './paths.ts';

export type ReportPrinter = (page: ReportPage) => Promise<Uint8Array>;

/** The print page's entry, and the function it exposes for a printer to call with the page's data. */
export const PRINT_PAGE = 'print.html';
export const RENDER_FUNCTION = 'renderReportPage';
/** The print page is served to the headless browser from this origin, by request interception: nothing listens. */
const ORIGIN = 'http://report.invalid';
export const CHROMIUM = process.env.BMET_CHROMIUM ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export class PrintUnavailableError extends Error {}

/** Renders the page in headless Chromium and prints it (A4, backgrounds on, the page's own @page size). */
export async function printWithChromium(page: ReportPage, rendererDir = RENDERER_OUT): Promise<Uint8Array> {
  if (!fs.existsSync(path.join(rendererDir, PRINT_PAGE)))
    throw new PrintUnavailableError(
      `the screens are not built (${rendererDir}/${PRINT_PAGE}): run npm run build`,
    );
  if (!fs.existsSync(CHROMIUM))
    throw new PrintUnavailableError(`no Chromium at ${CHROMIUM} to print with (apt-get install chromium)`);
  // Loaded only here: printing is rare, and the kiosk's start must not pay for it.
  const { chromium } = await import('playwright-core');
  const root = path.resolve(rendererDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's sandbox refuses to run as root (a container, a test machine); as the kiosk user it stays on.
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const ctx = await browser.newContext({ offline: true });
    const tab = await ctx.newPage();
    await tab.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
      if (url.origin !== ORIGIN || !file.startsWith(root + path.sep) || !fs.existsSync(file))
        return route.fulfill({ status: 404, body: '' });
      return route.fulfill({
        status: 200,
        contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
        body: fs.readFileSync(file),
      });
    });
    await tab.goto(`${ORIGIN}/${PRINT_PAGE}`);
    await tab.waitForFunction(
      (fn) => typeof (globalThis as unknown as Record<string, unknown>)[fn] === 'function',
      RENDER_FUNCTION,
    );
    // The page renders, then resolves once its fonts are in: Bangla must be drawn in Noto Sans Bengali, not a fallback.
    await tab.evaluate(
      async ([fn, data]) => {
        await (globalThis as unknown as Record<string, (p: unknown) => Promise<void>>)[fn as string]!(data);
      },
      [RENDER_FUNCTION, page] as const,
    );
    return await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

let printer: ReportPrinter = (p) => printWithChromium(p);

/** The Electron shell prints with its own browser (webContents.printToPDF) instead of launching Chromium. */
export function setReportPrinter(p: ReportPrinter): void {
  printer = p;
}

export function printReport(page: ReportPage): Promise<Uint8Array> {
  return printer(page);
}
