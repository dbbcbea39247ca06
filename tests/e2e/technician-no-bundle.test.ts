// The technician screen where a new kiosk starts: no trust bundle installed, no kiosk id, no
// BMET address. That is a state to show, not an error: the screen loads and redraws with no
// console error (the helpers fail a test on any, and Chromium logs every HTTP 4xx as one), and
// says in both languages what is missing — main's own English messages only as details marked
// as such, never an instruction for a command line the packaged app does not have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_WORDS, SYNC_WORDS, TRUST_PROBLEM_WORDS, UI_WORDS } from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import {
  hasChromium,
  launchChromium,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const TECH = { id: 'TC-3101', name: 'Rafiq Islam', pin: '975310' };

describe.skipIf(!hasChromium)('the technician screen on a kiosk with no trust bundle, in Chromium', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-nobundle-'));
  const dataDir = path.join(tmp, 'data');
  const stick = path.join(tmp, 'stick');
  const mountTable = path.join(tmp, 'mountinfo');
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const store = openStore({ dataDir });
    try {
      store.people.add({ id: TECH.id, name: TECH.name, role: 'technician', pin: TECH.pin }, 'TC-SETUP');
    } finally {
      store.close();
    }
    // A stick whose one trust file is a link: not offered, and said why.
    fs.mkdirSync(path.join(stick, 'bmet'), { recursive: true });
    fs.symlinkSync(path.join(VECTORS, 'bundle.bmettrust'), path.join(stick, 'bmet', 'linked.bmettrust'));
    fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} ro,nosuid,nodev,noexec - vfat /dev/sdb1 ro\n`);
    kiosk = await startKiosk(
      ['--root', path.join(VECTORS, 'root.pem'), '--now', VECTORS_NOW, '--mount-table', mountTable],
      dataDir,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(kiosk.url);
  });
  afterAll(async () => {
    // The page leaves first: a kiosk stopped under an open page would make it log its reconnect attempts.
    await page?.goto('about:blank');
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Waits for the screen's next trustDetails answer to be drawn (its console message, if any, came first). */
  async function trustAnswered(act: () => Promise<void>): Promise<void> {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/trustDetails'));
    await act();
    await answered;
    await page.locator('[data-testid=tech-trust] [data-code=NO_TRUST_BUNDLE]').waitFor();
  }

  it('opens with no console error and says no bundle is installed, in both languages', async () => {
    await trustAnswered(() => page.getByTestId('open-technician').click());
    const text = await page.getByTestId('tech-trust').innerText();
    expect(text).toContain(TRUST_PROBLEM_WORDS.NO_TRUST_BUNDLE.en);
    expect(text).toContain(TRUST_PROBLEM_WORDS.NO_TRUST_BUNDLE.bn);
  });

  it('redraws after a technician signs in, still with no console error', async () => {
    await trustAnswered(async () => {
      await page.getByTestId('tech-sign-in-id').fill(TECH.id);
      await page.getByTestId('tech-sign-in-pin').fill(TECH.pin);
      await page.getByTestId('tech-sign-in-submit').click();
    });
    await page.getByTestId('tech-session').filter({ hasText: TECH.id }).waitFor();
  });

  it('the sync card says what is missing in both languages; the raw reason is a marked detail, no command line', async () => {
    const missing = page.locator('[data-testid=tech-sync-last-error] [data-code=SYNC_NOT_PROVISIONED]');
    await missing.waitFor();
    // The packaged app has no command line: nothing on the screen may send the technician to one.
    expect(await page.locator('main.tech').innerText()).not.toMatch(/provision|--[a-z]/);
    const text = await missing.innerText();
    expect(text).toContain(SYNC_WORDS.SYNC_NOT_PROVISIONED.en);
    expect(text).toContain(SYNC_WORDS.SYNC_NOT_PROVISIONED.bn);
    const detail = await page.getByTestId('tech-sync-error-detail').innerText();
    expect(detail).toContain(UI_WORDS.detail.en);
    expect(detail).toContain('no kiosk id');
    for (const line of await page.getByTestId('tech-sync').locator('[lang=bn]').allInnerTexts())
      expect(line).not.toContain('kiosk id');
  });

  it("says in both languages why a stick's file is not offered", async () => {
    const skipped = page.locator('[data-testid=tech-sticks] .skipped');
    await skipped.filter({ hasText: 'bmet/linked.bmettrust' }).waitFor();
    const text = await skipped.innerText();
    expect(text).toContain(SKIP_WORDS.link.en);
    expect(text).toContain(SKIP_WORDS.link.bn);
  });
});
