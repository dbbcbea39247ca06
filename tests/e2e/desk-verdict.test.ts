// What the officer sees, at the two desk sizes (1920×1080 and 1366×768), on the real kiosk
// with the development fixtures: the verdict's sign and word fill a quarter of the screen;
// with three reasons the name, passport, destination and the reasons are all on screen
// without scrolling (bounding boxes); every reason says what to do, Bangla first, with the
// codes only in the technicians' toggle; an unreadable scan is its own neutral state, never
// the red of a forgery; the facts the rules use; recent scans in Bangla digits, tapped to
// show again; and the verdict clears to "ready" after the desk time (Playwright's clock).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_CLEAR_SETTING } from '../../main/contract/desk.ts';
import {
  DESK_WORDS,
  REASON_ACTIONS,
  REASON_WORDS,
  RULE_KIND_ACTIONS,
  STATUS_WORDS,
  UNREADABLE_WORDS,
} from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import {
  cutCard,
  DESK_KIOSK_ARGS,
  fixtureCard,
  threeReasonCard,
} from '../../tools/screenshots/desk-cards.ts';
import { scanOnDesk } from '../../tools/screenshots/states.ts';
import { ARTIFACTS, hasChromium, launchChromium, startKiosk, type RunningKiosk } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
async function box(page: Page, testid: string): Promise<Box> {
  const b = await page.getByTestId(testid).first().boundingBox();
  expect(b, testid).not.toBeNull();
  return b!;
}
/** Entirely inside the window, and inside the verdict panel's visible area (nothing scrolled away). */
async function expectOnScreen(page: Page, b: Box, what: string): Promise<void> {
  const vp = page.viewportSize()!;
  const verdict = await box(page, 'verdict');
  expect(b.y, what).toBeGreaterThanOrEqual(0);
  expect(b.y + b.height, what).toBeLessThanOrEqual(Math.min(vp.height, verdict.y + verdict.height) + 0.5);
  expect(b.x + b.width, what).toBeLessThanOrEqual(vp.width + 0.5);
}

describe.skipIf(!hasChromium)('the verdict at the desk sizes (real kiosk, fixture cards)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(SIZES)('$width×$height', (size) => {
    let kiosk: RunningKiosk;
    let page: Page;
    beforeAll(async () => {
      kiosk = await startKiosk(DESK_KIOSK_ARGS);
      page = await browser.newPage({ viewport: size });
      await page.goto(kiosk.url);
      await page.getByTestId('trust-cell').waitFor();
    });
    afterAll(async () => {
      await page?.close();
      expect(await kiosk?.stop()).toBe(0);
    });

    it('a valid card: sign and word over a quarter of the screen height; facts the rules use', async () => {
      await scanOnDesk(page, fixtureCard('valid-kuwait-employment').qr);
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('valid');
      const icon = (await page.locator('[data-testid=verdict-banner] svg.icon').boundingBox())!;
      const word = await box(page, 'verdict-word');
      const top = Math.min(icon.y, word.y);
      const bottom = Math.max(icon.y + icon.height, word.y + word.height);
      expect(bottom - top).toBeGreaterThanOrEqual(size.height / 4);
      expect(icon.height).toBeGreaterThanOrEqual(size.height / 4);
      expect(await page.getByTestId('verdict-word').innerText()).toContain(STATUS_WORDS.valid.word.bn);
      // Date of birth 12 Mar 1994 is age 32 on the Dhaka date of the scan (22 Nov 2026), in both languages.
      const dob = await page.getByTestId('fact-dob').innerText();
      expect(dob).toContain('age 32 years');
      expect(dob).toContain(`${DESK_WORDS.age.bn} ৩২ ${DESK_WORDS.years.bn}`);
      expect(await page.getByTestId('fact-passport-expiry').innerText()).toContain('30 May 2031');
      expect(await page.getByTestId('fact-pdo').innerText()).toContain('2 Oct 2026');
      for (const f of ['fact-name', 'fact-passport', 'fact-destination', 'fact-dob'])
        await expectOnScreen(page, await box(page, f), f);
    });

    it('three reasons: name, passport, destination and every reason on screen without scrolling; each says what to do, Bangla first', async () => {
      await scanOnDesk(page, threeReasonCard());
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('invalid');
      const reasons = page.getByTestId('reasons').locator('li');
      expect(await reasons.evaluateAll((l) => l.map((e) => e.getAttribute('data-code')))).toEqual([
        'CLEARANCE_EXPIRED',
        'RULE_FAILED',
        'RULE_FAILED',
      ]);
      for (const f of ['fact-name', 'fact-passport', 'fact-destination'])
        await expectOnScreen(page, await box(page, f), f);
      for (let i = 0; i < 3; i++)
        await expectOnScreen(page, (await reasons.nth(i).boundingBox())!, `reason ${i}`);
      expect(await page.getByTestId('verdict').evaluate((v) => v.scrollTop)).toBe(0);

      const actions = page.getByTestId('reason-action');
      expect(await actions.nth(0).innerText()).toContain(REASON_ACTIONS.CLEARANCE_EXPIRED.bn);
      // The passport rule asks for the passport; the age rule its own action.
      expect(await actions.nth(1).innerText()).toContain(RULE_KIND_ACTIONS.passportMinValidity!.en);
      expect(await actions.nth(2).innerText()).toContain(RULE_KIND_ACTIONS.ageRange!.bn);
      // Bangla first in every action, and no code in the officer's text: codes are in the technicians' toggle.
      expect(
        await actions.evaluateAll((l) => l.map((e) => e.querySelector('[lang]')?.getAttribute('lang'))),
      ).toEqual(['bn', 'bn', 'bn']);
      expect(await page.getByTestId('reasons').innerText()).not.toMatch(/RULE_FAILED|CLEARANCE_EXPIRED|KW-/);
      expect(await page.getByTestId('tech-details').textContent()).toContain('RULE_FAILED:KW-PASSPORT-6M');
    });

    it('a scan cut off halfway is "could not read, scan again": not the red of a forged card', async () => {
      await scanOnDesk(page, fixtureCard('tampered-signature-s').qr);
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('invalid');
      const red = await page
        .getByTestId('verdict-banner')
        .evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(await page.getByTestId('reason-action').first().innerText()).toContain(
        REASON_ACTIONS.SIGNATURE_INVALID.en,
      );

      await scanOnDesk(page, cutCard());
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('unreadable');
      const text = await page.getByTestId('verdict').innerText();
      expect(text).toContain(UNREADABLE_WORDS.word.bn);
      expect(text).toContain(UNREADABLE_WORDS.action.en);
      expect(text).not.toContain(STATUS_WORDS.invalid.word.en);
      expect(text).not.toContain(STATUS_WORDS.invalid.action.en);
      const slate = await page
        .getByTestId('verdict-banner')
        .evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(slate).not.toBe(red);
      expect(await page.getByTestId('no-facts').count()).toBe(0);
      expect(await page.getByTestId('verdict').getAttribute('data-tone')).toBe('unreadable:2');
      expect(await page.getByTestId('recent-item').first().locator('..').getAttribute('data-status')).toBe(
        'unreadable',
      );
    });

    it('a card signed with a key the kiosk does not know: call a technician', async () => {
      expect(fixtureCard('signed-by-unknown-key').expect.codes).toEqual(['KID_UNKNOWN']);
      await scanOnDesk(page, fixtureCard('signed-by-unknown-key').qr);
      expect(await page.getByTestId('reason-action').first().innerText()).toContain(
        REASON_ACTIONS.KID_UNKNOWN.en,
      );
    });

    it('recent scans: Bangla digits and words; tapping one shows that verdict again, marked, without its tone', async () => {
      const items = page.getByTestId('recent-item');
      // Newest first: the unknown key's card, then the cut scan.
      const cut = await items.nth(1).innerText();
      expect(cut).toMatch(/[০-৯]{2}:[০-৯]{2}:[০-৯]{2}/);
      expect(cut).toContain(UNREADABLE_WORDS.word.bn);
      expect(cut).not.toMatch(/\d{2}:\d{2}:\d{2}/); // the time once, in Bangla digits
      // The oldest shown: the valid card.
      const oldest = items.last();
      const id = await oldest.getAttribute('data-recent-id');
      await oldest.click();
      await page.locator(`[data-testid=verdict][data-result-id="${id}"][data-again]`).waitFor();
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('valid');
      expect(await page.getByTestId('shown-again').innerText()).toContain(DESK_WORDS.shownAgain.bn);
      expect(await page.getByTestId('fact-name').innerText()).toBe('MD RAHIM UDDIN');
    });

    it('recent scans: every word of every kind of item, Bangla and English, inside its item and the panel', async () => {
      // Eight scans fill the list: valid (a clearance id of its own, so never a repeat), check, a
      // repeat of that clearance id with a 64-letter name and no space in it (check), invalid with the
      // card's facts (a long name) and without (the reason instead), and two that could not be read.
      const scans = [
        fixtureCard('revoked-clearance-lookalike').qr,
        fixtureCard('no-pdo-warns').qr,
        fixtureCard('valid-name-64-chars').qr,
        threeReasonCard(),
        fixtureCard('tampered-signature-s').qr,
        fixtureCard('signed-by-unknown-key').qr,
        cutCard(),
        fixtureCard('zlib-truncated').qr,
      ];
      for (const s of scans) await scanOnDesk(page, s);
      const items = page.getByTestId('recent').locator('li');
      expect(await items.evaluateAll((l) => l.map((e) => e.getAttribute('data-status')))).toEqual([
        'unreadable',
        'unreadable',
        'invalid',
        'invalid',
        'invalid',
        'warning',
        'warning',
        'valid',
      ]);
      // Each text's own boxes (a Range's, so a clipped or cut-off word still counts at its full
      // width) against the panel's inside, its item's box, and every box between that clips.
      const outside = await page.getByTestId('recent').evaluate((panel) => {
        const inside = (r: DOMRect, b: { left: number; right: number; top: number; bottom: number }) =>
          r.left >= b.left - 0.5 &&
          r.right <= b.right + 0.5 &&
          r.top >= b.top - 0.5 &&
          r.bottom <= b.bottom + 0.5;
        const clientBox = (e: Element) => {
          const b = e.getBoundingClientRect();
          const left = b.left + e.clientLeft;
          const top = b.top + e.clientTop;
          return { left, right: left + e.clientWidth, top, bottom: top + e.clientHeight };
        };
        const p = clientBox(panel);
        const found: string[] = [];
        for (const [i, item] of [...panel.querySelectorAll('li')].entries()) {
          const walk = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (!n.textContent!.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            const clips: Element[] = [item];
            for (let e = n.parentElement; e && e !== item; e = e.parentElement)
              if (getComputedStyle(e).overflowX !== 'visible') clips.push(e);
            for (const r of range.getClientRects()) {
              const what = `item ${i} (${item.getAttribute('data-status')}) "${n.textContent}"`;
              if (r.left < p.left - 0.5 || r.right > p.right + 0.5)
                found.push(`${what}: x ${r.left}–${r.right} outside the panel's ${p.left}–${p.right}`);
              for (const c of clips)
                if (!inside(r, c === item ? c.getBoundingClientRect() : clientBox(c)))
                  found.push(`${what}: outside its ${c.className || c.tagName}`);
            }
          }
        }
        if (panel.scrollWidth > panel.clientWidth)
          found.push(`the panel scrolls sideways (${panel.scrollWidth})`);
        return found;
      });
      expect(outside).toEqual([]);
      // The English words are there to be read, not only the Bangla.
      const all = await page.getByTestId('recent').innerText();
      expect(all).toContain(UNREADABLE_WORDS.word.en);
      expect(all).toContain(REASON_WORDS.SIGNATURE_INVALID.en);
      expect(all).toContain('A'.repeat(64));
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `desk-recent-${size.width}.png`) });
    });
  });

  it('the verdict clears to "ready for the next card" after the desk time (default 60 s; a setting)', async () => {
    // Default: 60 s on the page's own clock.
    const kiosk = await startKiosk(DESK_KIOSK_ARGS);
    const page = await browser.newPage({ viewport: SIZES[1] });
    try {
      await page.clock.install();
      await page.goto(kiosk.url);
      await page.getByTestId('trust-cell').waitFor();
      // The page's time stands still from here: only runFor moves it, however slow the machine.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      await scanOnDesk(page, fixtureCard('valid-kuwait-employment').qr, false); // the page's clock is paused
      await page.clock.runFor(59_000);
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('valid');
      await page.clock.runFor(1_500);
      await page.locator('[data-testid=verdict][data-status=ready]').waitFor();
      expect(await page.getByTestId('verdict').innerText()).toContain(DESK_WORDS.ready.en);
      expect(await page.getByTestId('fact-name').count()).toBe(0);
    } finally {
      await page.close();
      await kiosk.stop();
    }

    // The data dir's desk.clearSeconds: 5 s.
    const dir = tempDataDir('desk-clear');
    const store = openStore({ dataDir: dir });
    store.setSetting(DESK_CLEAR_SETTING, '5', 'test');
    store.close();
    const short = await startKiosk(DESK_KIOSK_ARGS, dir);
    const p2 = await browser.newPage({ viewport: SIZES[0] });
    try {
      await p2.clock.install();
      await p2.goto(short.url);
      await p2.getByTestId('trust-cell').waitFor();
      await p2.clock.pauseAt((await p2.evaluate(() => Date.now())) + 1000);
      await scanOnDesk(p2, fixtureCard('no-pdo-warns').qr, false);
      await p2.clock.runFor(4_000);
      expect(await p2.getByTestId('verdict').getAttribute('data-status')).toBe('warning');
      await p2.clock.runFor(1_500);
      await p2.locator('[data-testid=verdict][data-status=ready]').waitFor();
    } finally {
      await p2.close();
      await short.stop();
    }
  });
});
