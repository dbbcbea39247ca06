/**
 * `npm run screenshots`: photographs every state of tools/screenshots/states.ts at
 * 1920×1080 and 1366×768 in Chromium, against the real kiosk (`start --no-window`), into
 * screenshots/<width>x<height>/<state>.png (git-ignored). `-- NAME…` photographs only
 * the states whose names contain one of the words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startKioskProcess } from '../kiosk-process.ts';
import { KIOSKS, STATES, type ShotState } from './states.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'screenshots');
export const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];

async function main(): Promise<void> {
  const words = process.argv.slice(2);
  const states = STATES.filter((s) => !words.length || words.some((w) => s.name.includes(w)));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const size of SIZES) {
      const dir = path.join(OUT, `${size.width}x${size.height}`);
      fs.mkdirSync(dir, { recursive: true });
      const byKiosk = new Map<string, ShotState[]>();
      for (const s of states) byKiosk.set(s.kiosk, [...(byKiosk.get(s.kiosk) ?? []), s]);
      for (const [name, list] of byKiosk) {
        const kiosk = await startKioskProcess(KIOSKS[name as keyof typeof KIOSKS]);
        try {
          for (const s of list) {
            const page = await browser.newPage({ viewport: size });
            page.on('pageerror', (e) => process.stderr.write(`${s.name}: page error: ${e.message}\n`));
            page.on('console', (m) => {
              if (m.type() === 'error') process.stderr.write(`${s.name}: console: ${m.text()}\n`);
            });
            await page.goto(kiosk.url);
            await page.getByTestId('status-strip').locator('[data-testid=trust-cell]').waitFor();
            await page.evaluate(() =>
              (
                globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }
              ).document.fonts.ready.then(() => true),
            );
            try {
              await s.setup(page);
            } catch (err) {
              // What the page showed when the state was not reached: the first thing to look at.
              await page.screenshot({ path: path.join(dir, `${s.name}-FAILED.png`) });
              throw err;
            }
            const file = path.join(dir, `${s.name}.png`);
            await page.screenshot({ path: file });
            process.stdout.write(`${path.relative(ROOT, file)}\n`);
            await page.close();
          }
        } finally {
          await kiosk.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
