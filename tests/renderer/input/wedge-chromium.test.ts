// The wedge listener in real Chromium: key events go in through the browser's input
// pipeline (CDP Input.dispatchKeyEvent, with a Bangla layout's characters as `key`/`text`
// and chosen event timestamps, so scanner and human speeds are exact, not raced).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, type Served } from '../../helpers/page-harness.ts';
import { banglaKeyboard, type BanglaKeyboard } from './bangla-keys.ts';
import { GAP_PATTERNS, gaps } from './wedge-gaps.ts';

const cards: string[] = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l).qr as string).replace(/\r?\n$/, ''));

describe('wedge listener in Chromium (Bangla layout active)', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let keyboard: BanglaKeyboard;

  beforeAll(async () => {
    served = await buildAndServe(path.join(import.meta.dirname, 'harness'));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(served.url);
    keyboard = banglaKeyboard(await page.context().newCDPSession(page));
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Types `text` (then Enter) as keystrokes `gapMs` apart (or one gap a key) from a Bangla-layout keyboard. */
  const typeKeys = (text: string, gapMs: number | number[], enter = true) =>
    keyboard.type(text, gapMs, enter, 0.5);
  const scans = () =>
    page.evaluate(() =>
      (window as unknown as { __bridge: { scans: { text: string }[] } }).__bridge.scans.map((s) => s.text),
    );

  it('decodes a scan typed into a focused text field, and takes its keys back out of the field', async () => {
    await page.focus('#field');
    await typeKeys('abc', 150, false); // the officer types a little (Bangla appears)
    const typed = await page.inputValue('#field');
    expect(typed).toMatch(/^[\u0980-\u09ff]+$/);
    await typeKeys(cards[0]!, 5);
    expect(await scans()).toEqual([cards[0]]);
    expect(await page.inputValue('#field')).toBe(typed); // the scan left no trace in the field
  });

  it('decodes scans whichever element has focus (a textarea, a button, nothing)', async () => {
    await page.focus('#notes');
    await typeKeys(cards[1]!, 3);
    await page.focus('#button');
    await typeKeys(cards[2]!, 8);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await typeKeys(cards[3]!, 1);
    expect((await scans()).slice(-3)).toEqual([cards[1], cards[2], cards[3]]);
    expect(await page.inputValue('#notes')).toBe('');
  });

  it('ignores a person typing at human speed (>= 80 ms between keys; card-like text at a person’s pace)', async () => {
    const before = (await scans()).length;
    await page.focus('#field');
    await typeKeys('hello world', 80);
    await typeKeys('BMET1:WORLD', 250);
    expect((await scans()).length).toBe(before);
  });

  it.each(GAP_PATTERNS)(
    '%s gaps: a card typed into a text field or a PIN field is one whole scan and leaves nothing in the field',
    async (pattern) => {
      const card = cards[2]!;
      for (const field of ['#field', '#pin']) {
        await page.fill(field, '');
        await page.focus(field);
        if (field === '#field') await typeKeys('ab', 150, false); // the officer had typed something
        const typed = await page.inputValue(field);
        const before = (await scans()).length;
        await typeKeys(card, gaps(pattern, card.length + 1, card.length));
        // Waits on the page itself (no timeout: the test's own is the guard), not on expect.poll's 1 s.
        await page.waitForFunction(
          (n) => (window as unknown as { __bridge: { scans: unknown[] } }).__bridge.scans.length >= n,
          before + 1,
          { timeout: 0 },
        );
        expect((await scans()).length).toBe(before + 1);
        expect((await scans()).at(-1)).toBe(card);
        expect(await page.inputValue(field)).toBe(typed);
      }
    },
  );

  it('keeps up with scans in a row, long and short (every card is in the decoder unit test; ~2 ms a key through the browser here)', async () => {
    const before = (await scans()).length;
    const some = [
      cards[4]!,
      cards.find((c) => c.length < 30)!,
      cards[5]!,
      cards.find((c) => c.length < 15)!,
      cards[6]!,
    ];
    for (const c of some) await typeKeys(c, 2);
    expect((await scans()).slice(before)).toEqual(some);
  });
});
