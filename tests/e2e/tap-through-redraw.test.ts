// A tap that lasts through a redraw, on the real kiosk in Chromium: a button pressed while an
// answer arrives and its screen redraws (the supervisor's session or report, the technician's
// cards) still gets its click when the finger comes up. Rebuilt buttons lost it: Chromium drops
// the click of a pressed node that leaves the document. Each answer is held until the button is
// pressed, so the redraw lands between down and up every run; nothing here waits on a clock.
// The technician's cards are drawn anew from state on each redraw: patched into the page, so a
// button they still show stays the same node (Install on a USB stick's file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { DESK_KIOSK_ARGS } from '../../tools/screenshots/desk-cards.ts';
import { PROJECT_ROOT } from '../helpers/cli.ts';
import { hasChromium, launchChromium, startKiosk, type RunningKiosk } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';
import { watchRedraw } from './watch-redraw.ts';

declare const window: Window & { __clicked: string[] };

describe.skipIf(!hasChromium)('a tap lasting through a redraw (real kiosk)', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;
  let sticks: string;
  let stick: string;
  let mountTable: string;

  beforeAll(async () => {
    const dir = tempDataDir('tap-redraw');
    // A USB stick (a folder, named in a mount table given to the kiosk) holding a trust file.
    sticks = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-tap-redraw-stick-'));
    stick = path.join(sticks, 'stick');
    mountTable = path.join(sticks, 'mountinfo');
    fs.mkdirSync(stick);
    fs.copyFileSync(
      path.join(PROJECT_ROOT, 'fixtures/dev-bundle.bmettrust'),
      path.join(stick, 'v10.bmettrust'),
    );
    fs.writeFileSync(mountTable, '');
    const store = openStore({ dataDir: dir });
    store.people.add({ id: 'SV-2001', name: 'Kamal Hossain', role: 'supervisor', pin: '222222' }, 'test');
    store.people.add({ id: 'TC-3001', name: 'Shirin Akter', role: 'technician', pin: '333333' }, 'test');
    store.close();
    kiosk = await startKiosk([...DESK_KIOSK_ARGS, '--mount-table', mountTable], dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(kiosk.url);
    await page.getByTestId('trust-cell').waitFor();
    // Which buttons got a click, by test id, in order.
    await page.evaluate(() => {
      window.__clicked = [];
      document.addEventListener(
        'click',
        (e) => {
          const b = (e.target as Element | null)?.closest('button');
          window.__clicked.push(b?.dataset.testid ?? '(no button)');
        },
        { capture: true },
      );
    });
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
    fs.rmSync(sticks, { recursive: true, force: true });
  });

  /**
   * Holds the answers to `method`, does `ask` (which makes the screen ask for one, then may do
   * more), presses `testid`, lets the answers in and waits for the screen to redraw `redrawn` (a
   * change under it), then lifts the finger: the buttons that got a click.
   */
  async function tapThroughRedraw(o: {
    method: string;
    ask: () => Promise<unknown>;
    testid: string;
    redrawn: string;
  }): Promise<string[]> {
    const pattern = `**/api/${o.method}`;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const asked = page.waitForRequest(pattern);
    await page.route(pattern, async (route) => {
      await released;
      await route.continue();
    });
    try {
      await o.ask();
      await asked;
      await page.evaluate(() => (window.__clicked.length = 0));
      const b = (await page.getByTestId(o.testid).boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      await page.mouse.down();
      const redraw = await watchRedraw(page, o.redrawn);
      release();
      await redraw();
      await page.mouse.up();
      return await page.evaluate(() => [...window.__clicked]);
    } finally {
      await page.unroute(pattern);
    }
  }

  /** Opens the technician screen and signs the technician in; done once `shown` shows. */
  async function technicianSignsIn(shown: Locator): Promise<void> {
    await page.getByTestId('open-technician').click();
    await page.getByTestId('tech-sign-in-id').fill('TC-3001');
    await page.getByTestId('tech-sign-in-pin').fill('333333');
    await page.getByTestId('tech-sign-in-submit').click();
    await shown.waitFor();
  }

  const supervisorRedraw = '[data-screen=supervisor] footer.strip';
  const deskShown = () => page.locator('[data-screen=desk]:not([hidden])').waitFor();

  it('Back on the supervisor screen, pressed as its session answer redraws it: the desk shows', async () => {
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('supervisor-sign-in').waitFor();
    await page.getByTestId('supervisor-back').click();
    await deskShown();
    const clicked = await tapThroughRedraw({
      method: 'session',
      ask: () => page.getByTestId('open-supervisor').click(),
      testid: 'supervisor-back',
      redrawn: supervisorRedraw,
    });
    expect(clicked).toEqual(['supervisor-back']);
    expect(await page.locator('[data-screen=supervisor]').isHidden()).toBe(true);
    await deskShown();
  });

  it('Sign in, pressed as the session answer redraws the screen: the supervisor is signed in', async () => {
    const clicked = await tapThroughRedraw({
      method: 'session',
      ask: async () => {
        await page.getByTestId('open-supervisor').click();
        await page.getByTestId('supervisor-sign-in-form-id').fill('SV-2001');
        await page.getByTestId('supervisor-sign-in-form-pin').fill('222222');
      },
      testid: 'supervisor-sign-in-form-submit',
      redrawn: supervisorRedraw,
    });
    expect(clicked).toEqual(['supervisor-sign-in-form-submit']);
    await page.getByTestId('supervisor-person').filter({ hasText: 'SV-2001' }).waitFor();
    await page.getByTestId('report').waitFor();
  });

  it('Sign out, pressed as a report arrives and redraws the screen: signed out', async () => {
    const clicked = await tapThroughRedraw({
      method: 'reportPage',
      ask: () => page.getByTestId('report-show').click(),
      testid: 'supervisor-sign-out',
      redrawn: supervisorRedraw,
    });
    expect(clicked).toEqual(['supervisor-sign-out']);
    await page.getByTestId('supervisor-sign-in').waitFor();
    await page.getByTestId('supervisor-back').click();
    await deskShown();
  });

  it('Sign out on the technician screen, pressed as its cards redraw: signed out', async () => {
    // Opened once first: its header's DEVELOPMENT / TEST ROOTS markers come with its first answers,
    // and would move Sign out under the finger if they first came in the held redraw.
    await page.getByTestId('open-technician').click();
    await page.locator('[data-screen=technician] [data-testid=test-roots-marker]').waitFor();
    await page.getByTestId('tech-back').click();
    await deskShown();
    const clicked = await tapThroughRedraw({
      method: 'diagnostics',
      ask: () => technicianSignsIn(page.getByTestId('tech-sign-out')),
      testid: 'tech-sign-out',
      redrawn: '[data-testid=tech-trust]',
    });
    expect(clicked).toEqual(['tech-sign-out']);
    await page.getByTestId('tech-sign-in').waitFor();
    await page.getByTestId('tech-back').click();
    await deskShown();
  });

  it('Install on a stick’s file, pressed as the technician cards redraw on signing in: its preview opens', async () => {
    // The stick goes in while the screen is open, so its file is drawn before anything is held.
    await page.getByTestId('open-technician').click();
    fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} rw,nosuid - vfat /dev/sdb1 rw\n`);
    const install = page.locator('[data-testid=install][data-relative="v10.bmettrust"]');
    await install.waitFor();
    await page.getByTestId('tech-back').click();
    await deskShown();
    const clicked = await tapThroughRedraw({
      method: 'diagnostics',
      // Signing in enables Install at once and asks main for every card again.
      ask: () => technicianSignsIn(install.and(page.locator(':not([disabled])'))),
      testid: 'install',
      // Rebuilt on every redraw, in the same call that draws the sticks card.
      redrawn: '[data-testid=tech-trust]',
    });
    expect(clicked).toEqual(['install']);
    await page.getByTestId('install-preview').waitFor();
    await page.getByTestId('cancel-install').click();
    await page.getByTestId('tech-sign-out').click();
    await page.getByTestId('tech-sign-in').waitFor();
    await page.getByTestId('tech-back').click();
    await deskShown();
  });
});
