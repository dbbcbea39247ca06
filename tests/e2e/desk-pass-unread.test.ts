// A boarding pass that cannot be read while no card is paired (none scanned yet, or its pairing
// ended), on the real kiosk and its desk in Chromium: the desk says, Bangla first, that the pass
// was not read and to scan the card first, never "ready for the next card" as if the scan had
// done nothing; no verdict colour for a card nobody scanned; nothing logged; and the message
// clears as a verdict does, after the desk time (Playwright's clock) or at the next card.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_WORDS, TRIP_LABELS, TRIP_OUTCOME_WORDS } from '../../main/contract/words.ts';
import { runCli } from '../helpers/cli.ts';
import {
  ARTIFACTS,
  hasChromium,
  launchChromium,
  nextTrip,
  nextVerdict,
  startKiosk,
  tripId,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const cards = vectorCards();
const card = (name: string) => cards.get(name)!.qr.replace(/\n$/, '');
/** Starts like a pass (M1 and a letter), so it goes the pass's way, but is no BCBP pass: PASS_MALFORMED. */
const DAMAGED_PASS = 'M1GARBAGE PASS TEXT';
const TODAY = '2026-11-22'; // the Dhaka date of VECTORS_NOW

describe.skipIf(!hasChromium)('a boarding pass not read with no card paired (Chromium)', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pass-unread-'));
    kiosk = await startKiosk(
      [
        '--root',
        path.join(VECTORS, 'root.pem'),
        '--bundle',
        path.join(VECTORS, 'bundle.bmettrust'),
        '--now',
        VECTORS_NOW,
      ],
      dataDir,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.clock.install();
    await page.goto(kiosk.url);
    await page.getByTestId('trust-cell').filter({ hasText: 'version 7' }).waitFor();
    // The page's time stands still from here: only runFor moves it, however slow the machine.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  /** Pasted into the manual field, then Enter, as trip-check.test.ts feeds its damaged passes. */
  async function paste(text: string): Promise<void> {
    await page.getByTestId('manual-input').fill(text);
    await page.getByTestId('manual-input').press('Enter');
  }

  /** Pastes the damaged pass and waits for its trip result (the panel beside the verdict, a new id). */
  async function scanDamagedPass(): Promise<void> {
    const before = await tripId(page);
    await paste(DAMAGED_PASS);
    await nextTrip(page, before);
    expect(await page.getByTestId('trip').getAttribute('data-state')).toBe('unread');
  }

  /** The desk says the pass was not read and what to do, in both languages, and shows no card. */
  async function expectPassNotRead(): Promise<void> {
    const verdict = page.getByTestId('verdict');
    const text = await verdict.innerText();
    expect(text).not.toContain(DESK_WORDS.ready.en);
    expect(text).not.toContain(DESK_WORDS.ready.bn);
    expect(await verdict.getAttribute('data-status')).toBe('pass-unread');
    for (const words of [TRIP_OUTCOME_WORDS.unread, TRIP_LABELS.cardFirst]) {
      expect(text).toContain(words.bn);
      expect(text).toContain(words.en);
      // Bangla first.
      expect(text.indexOf(words.bn)).toBeLessThan(text.indexOf(words.en));
    }
    // No verdict: no result, no coloured banner or sign, no card's facts; the panel keeps the calm white of "ready".
    expect(await verdict.getAttribute('data-result-id')).toBeNull();
    expect(await page.getByTestId('verdict-banner').count()).toBe(0);
    expect(await verdict.locator('svg').count()).toBe(0);
    expect(await page.getByTestId('fact-name').count()).toBe(0);
    expect(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  }

  it('no card scanned yet: says the pass was not read and to scan the card first; nothing logged; clears after the desk time', async () => {
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('ready');
    await scanDamagedPass();
    await expectPassNotRead();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-pass-unread-1366.png') });

    // Not a card verdict and not a trip check: the log and the day's report have neither.
    const r = runCli(['report', '--data-dir', kiosk.dataDir, '--date', TODAY, '--no-log']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { total: number; tripChecks: Record<string, number> };
    expect(report.total).toBe(0);
    expect(report.tripChecks).toEqual({ match: 0, warning: 0, mismatch: 0 });
    expect(await page.getByTestId('recent-item').count()).toBe(0);

    // It stays for the desk time (60 s by default) as a verdict does, then the desk is ready again.
    await page.clock.runFor(59_000);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('pass-unread');
    await page.clock.runFor(1_500);
    await page.locator('[data-testid=verdict][data-status=ready]').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toContain(DESK_WORDS.ready.en);
    expect(await page.getByTestId('trip').count()).toBe(0);
  });

  it('the next card takes its place; after a forged card ended the pairing, the same message, showing no card', async () => {
    await scanDamagedPass();
    await expectPassNotRead();
    // A card scanned now is shown at once, and the pass's panel goes with the message.
    await paste(card('valid-kuwait-employment'));
    await nextVerdict(page, null);
    expect(['valid', 'warning']).toContain(await page.getByTestId('verdict').getAttribute('data-status'));
    expect(await page.getByTestId('trip').count()).toBe(0);

    // A forged card ends the pairing: a damaged pass after it has no card to wait beside.
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await paste(card('tampered-signature'));
    await nextVerdict(page, before);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('invalid');
    await scanDamagedPass();
    await expectPassNotRead();
    expect(await page.getByTestId('trip-waiting').count()).toBe(0);
  });
});
