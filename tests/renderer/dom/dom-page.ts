// The page the dom.ts tests run in: renderer/dom.ts's helpers on window.__dom (the harness),
// built, served and opened in Chromium once for the file that calls this.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildAndServe, launchChromium, type Served } from '../../helpers/page-harness.ts';

export interface DomHarness {
  h: typeof import('../../../renderer/dom.ts').h;
  onTap: typeof import('../../../renderer/dom.ts').onTap;
  patchChildren: typeof import('../../../renderer/dom.ts').patchChildren;
  placeChildren: typeof import('../../../renderer/dom.ts').placeChildren;
  /** The buttons clicked, by id, in order. */
  clicks: string[];
}

/** Opens the harness before the file's tests and closes it after; the returned function gives its page. */
export function useDomPage(): () => Page {
  let served: Served;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    served = await buildAndServe(path.join(import.meta.dirname, 'harness'));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => typeof (window as { __dom?: unknown }).__dom === 'object');
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return () => page;
}
