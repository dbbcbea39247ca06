// For e2e tests: waiting on a screen's redraw in the page itself (a MutationObserver), not on a clock.
import type { Page } from 'playwright-core';

/**
 * Watches `selector` (an element the screen rewrites on each redraw) from now: the returned
 * function resolves once it has changed, so a test waits on the redraw itself, not on a clock.
 */
export async function watchRedraw(page: Page, selector: string): Promise<() => Promise<void>> {
  type Watched = Window & { __redrawn?: boolean };
  await page.evaluate((sel) => {
    const w = window as Watched;
    w.__redrawn = false;
    new MutationObserver((_, o) => {
      w.__redrawn = true;
      o.disconnect();
    }).observe(document.querySelector(sel)!, { childList: true, subtree: true });
  }, selector);
  return async () => void (await page.waitForFunction(() => (window as Watched).__redrawn === true));
}
