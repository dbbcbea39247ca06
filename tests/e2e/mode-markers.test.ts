// The DEVELOPMENT and TEST ROOTS markers on every screen, in a real Chromium: a development
// kiosk (`start --dev`) marks the desk, the supervisor's screen (and its print and PDF, which
// the report's own marker carries), the technician's screen and the first-boot setup screen
// DEVELOPMENT; a production kiosk run with test roots marks each TEST ROOTS and never
// DEVELOPMENT, on screen, in print or in its PDF.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_WORDS } from '../../main/contract/words.ts';
import { runCli } from '../helpers/cli.ts';
import {
  hasChromium,
  launchChromium,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const vectors = [
  '--root',
  path.join(VECTORS, 'root.pem'),
  '--bundle',
  path.join(VECTORS, 'bundle.bmettrust'),
];
const hasPdfText = fs.existsSync('/usr/bin/pdftotext');
const squash = (s: string) => s.replace(/\s+/g, '');

/** The markers on show: which of DEVELOPMENT and TEST ROOTS a person sees now. */
async function visibleMarkers(page: Page): Promise<{ development: number; testRoots: number }> {
  return {
    development: await page.locator('[data-testid=dev-marker]:visible').count(),
    testRoots: await page.locator('[data-testid=test-roots-marker]:visible').count(),
  };
}

/** Walks desk → supervisor (signed in: its day, print media, the PDF's words) → technician; what each shows. */
async function everyScreen(page: Page, supervisor: { id: string; pin: string }, pdfFile: string) {
  const seen: Record<string, unknown> = {};
  // The desk's markers are drawn with its status, as the strip's bundle version is.
  await page.getByTestId('trust-cell').filter({ hasText: 'version' }).waitFor();
  seen.desk = await visibleMarkers(page);
  await page.getByTestId('open-supervisor').click();
  await page.getByTestId('supervisor-sign-in-form-id').waitFor();
  seen.supervisorSignIn = await visibleMarkers(page);
  await page.getByTestId('supervisor-sign-in-form-id').fill(supervisor.id);
  await page.getByTestId('supervisor-sign-in-form-pin').fill(supervisor.pin);
  await page.getByTestId('supervisor-sign-in-form-submit').click();
  await page.getByTestId('report').waitFor();
  seen.supervisor = await visibleMarkers(page);
  seen.reportMarker = await page.locator('[data-testid=report-dev-marker]:visible').count();
  await page.emulateMedia({ media: 'print' });
  seen.print = {
    ...(await visibleMarkers(page)),
    report: await page.locator('[data-testid=report-dev-marker]:visible').count(),
  };
  await page.emulateMedia({ media: 'screen' });
  if (hasPdfText) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-pdf').click(),
    ]);
    await download.saveAs(pdfFile);
    const text = squash(spawnSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).stdout);
    seen.pdf = {
      bn: text.includes(squash(UI_WORDS.development.bn)),
      en: text.includes(squash(UI_WORDS.development.en)),
    };
  }
  await page.getByTestId('supervisor-back').click();
  await page.getByTestId('open-technician').click();
  // The technician screen's header is drawn with the status it asks for when shown, as its trust card is.
  await page.getByTestId('tech-trust-version').waitFor();
  seen.technician = await visibleMarkers(page);
  return seen;
}

/** Starts a kiosk waiting for first-boot setup and returns the markers its setup screen shows. */
async function setupScreenMarkers(browser: Browser, args: string[]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-markers-setup-'));
  const codeFile = path.join(tmp, 'setup-code');
  fs.writeFileSync(codeFile, '4821-0937-5512\n', { mode: 0o600 });
  const kiosk = await startKiosk(args, path.join(tmp, 'data'), {
    ...process.env,
    BMET_SETUP_CODE_FILE: codeFile,
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await page.goto(kiosk.url);
    await page.getByTestId('setup-open').waitFor();
    return {
      development: await page.locator('.setup [data-testid=dev-marker]:visible').count(),
      testRoots: await page.locator('.setup [data-testid=test-roots-marker]:visible').count(),
    };
  } finally {
    await page.close();
    expect(await kiosk.stop()).toBe(0);
  }
}

describe.skipIf(!hasChromium)('DEVELOPMENT and TEST ROOTS markers on every screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  const devFixtures = ['fixtures/dev-bundle.bmettrust', 'fixtures/keys/dev-root.pem'].every((f) =>
    fs.existsSync(path.resolve(import.meta.dirname, '../..', f)),
  );

  it.skipIf(!devFixtures)(
    'a development kiosk: DEVELOPMENT on the desk, supervisor (screen, print, PDF), technician and setup screens',
    async () => {
      const kiosk: RunningKiosk = await startKiosk(['--dev']);
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
      try {
        await page.goto(kiosk.url);
        // The demo supervisor of a development data dir (README).
        const seen = await everyScreen(
          page,
          { id: 'SV-2001', pin: '222222' },
          path.join(kiosk.dataDir, 'day.pdf'),
        );
        const one = { development: 1, testRoots: 0 };
        expect(seen).toEqual({
          desk: one,
          supervisorSignIn: one,
          supervisor: one,
          reportMarker: 1,
          // The screen's header is not printed; the report's own marker is.
          print: { development: 0, testRoots: 0, report: 1 },
          ...(hasPdfText ? { pdf: { bn: true, en: true } } : {}),
          technician: one,
        });
      } finally {
        // Closed before the kiosk stops: an open page would log its lost event socket.
        await page.close();
        expect(await kiosk.stop()).toBe(0);
      }
      expect(await setupScreenMarkers(browser, ['--dev'])).toEqual({ development: 1, testRoots: 0 });
    },
  );

  it('a production kiosk with test roots: TEST ROOTS on every screen, never DEVELOPMENT (screen, print, PDF, setup)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-markers-prod-'));
    const r = runCli([
      'people',
      'add',
      'SV-2001',
      '--name',
      'Nasrin Akter',
      '--role',
      'supervisor',
      '--pin',
      '975310',
      '--data-dir',
      dataDir,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const kiosk = await startKiosk([...vectors, '--now', VECTORS_NOW], dataDir);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    try {
      await page.goto(kiosk.url);
      const seen = await everyScreen(page, { id: 'SV-2001', pin: '975310' }, path.join(dataDir, 'day.pdf'));
      const testRoots = { development: 0, testRoots: 1 };
      expect(seen).toEqual({
        desk: testRoots,
        supervisorSignIn: testRoots,
        supervisor: testRoots,
        reportMarker: 0,
        print: { development: 0, testRoots: 0, report: 0 },
        ...(hasPdfText ? { pdf: { bn: false, en: false } } : {}),
        technician: testRoots,
      });
    } finally {
      await page.close();
      expect(await kiosk.stop()).toBe(0);
    }
    expect(await setupScreenMarkers(browser, vectors)).toEqual({ development: 0, testRoots: 1 });
  });
});
