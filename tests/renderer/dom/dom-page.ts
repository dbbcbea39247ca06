// The page the dom.ts tests run in: renderer/dom.ts's helpers on window.__dom (the harness),
// built, served and opened in Chromium once for the file that calls this.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { useHarnessPage } from '../../helpers/page-harness.ts';

export interface DomHarness {
  h: typeof import('../../../renderer/dom.ts').h;
  onTap: typeof import('../../../renderer/dom.ts').onTap;
  patchChildren: typeof import('../../../renderer/dom.ts').patchChildren;
  placeChildren: typeof import('../../../renderer/dom.ts').placeChildren;
  /** The buttons clicked, by id, in order. */
  clicks: string[];
}

/** Opens the harness before the file's tests and closes it after; the returned function gives its page. */
export const useDomPage = (): (() => Page) =>
  useHarnessPage(path.join(import.meta.dirname, 'harness'), '__dom');
