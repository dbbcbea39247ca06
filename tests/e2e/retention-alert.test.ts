// A retention pass skipped for a jumped clock is shown where the clock is looked after: the
// technician screen's clock card says so in both languages, with what to do, and the alert goes
// once a start judges the clock trusted again. The kiosk runs on the real clock here (retention
// never runs under --now); the jump is made by what BMET last said about the time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_WORDS, TECH_WORDS } from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import { BMET_TIME_KEY, encodeAnchor, readBootClock } from '../../main/core/store/trusted-clock.ts';
import { installVectorsBundle } from '../helpers/kiosk-data.ts';
import { hasChromium, launchChromium, startKiosk, VECTORS, type RunningKiosk } from '../helpers/kiosk.ts';
import { fakeVerdict } from '../helpers/store.ts';

const DAY = 86_400_000;
const ROOTS = ['--root', path.join(VECTORS, 'root.pem')];

/**
 * Records what sync keeps on an acknowledgement: BMET's Date, the kiosk's wall clock then (here
 * equal: the clock was right), and this boot's clock now. A wall clock that has since moved far
 * more than the boot clock has is a jump.
 */
function bmetSaid(dataDir: string, serverMs: number): void {
  const store = openStore({ dataDir });
  try {
    store.syncState.set(BMET_TIME_KEY, encodeAnchor({ serverMs, localMs: serverMs, ...readBootClock() }));
  } finally {
    store.close();
  }
}

// Without a boot id (no /proc/sys/kernel/random/boot_id) a start cannot tell it is on the same
// boot as BMET's last answer, so the clock cannot be judged jumped: nothing here to show.
describe.skipIf(!hasChromium || readBootClock().bootId === null)(
  'the retention alert on the technician screen, in Chromium',
  () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-retention-'));
    const dataDir = path.join(tmp, 'data');
    let kiosk: RunningKiosk | null = null;
    let browser: Browser;
    let page: Page;

    /** The page leaves first: a kiosk stopped under an open page would make it log its reconnect attempts. */
    async function leave(): Promise<void> {
      await page.goto('about:blank');
      expect(await kiosk!.stop()).toBe(0);
    }

    async function openTechnician(): Promise<void> {
      kiosk = await startKiosk(ROOTS, dataDir);
      await page.goto(kiosk.url);
      await page.getByTestId('open-technician').click();
      await page.getByTestId('tech-trust-version').waitFor();
    }

    beforeAll(async () => {
      installVectorsBundle(dataDir);
      // One record BMET acknowledged long ago, so a pass has something it would clear.
      const store = openStore({ dataDir });
      try {
        store.logVerdict(fakeVerdict(1), 'Q1', Date.now() - 400 * DAY, 'OF-1');
        store.markSynced(1, 1, new Date(Date.now() - 399 * DAY).toISOString());
      } finally {
        store.close();
      }
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (e) => {
        throw e;
      });
    });
    afterAll(async () => {
      await browser?.close();
      await kiosk?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('the wall clock a year on since BMET last spoke, the boot clock seconds: the clock card says clearing is on hold, and why', async () => {
      bmetSaid(dataDir, Date.now() - 365 * DAY);
      await openTechnician();
      const alert = page.getByTestId('tech-retention-alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-code')).toBe('RETENTION_CLOCK_JUMPED');
      const text = await alert.innerText();
      for (const w of [
        RETENTION_WORDS.RETENTION_CLOCK_JUMPED,
        TECH_WORDS.retentionSkipped,
        TECH_WORDS.retentionAfter,
      ]) {
        expect(text).toContain(w.bn);
        expect(text).toContain(w.en);
      }
      // Nothing was cleared while the clock is in doubt.
      expect(kiosk!.stderr()).toContain('RETENTION_CLOCK_JUMPED');
      await leave();
      kiosk = null;
      const store = openStore({ dataDir, readonly: true });
      try {
        expect(
          store.db.prepare('SELECT name IS NOT NULL FROM verifications WHERE seq = 1').pluck().get(),
        ).toBe(1);
      } finally {
        store.close();
      }
    });

    it('once the clock agrees with BMET again, the next start clears the old record and the alert is gone', async () => {
      bmetSaid(dataDir, Date.now());
      await openTechnician();
      await page.getByTestId('tech-skew').or(page.getByText(TECH_WORDS.skewUnknown.en)).first().waitFor();
      expect(await page.getByTestId('tech-retention-alert').count()).toBe(0);
      await leave();
      kiosk = null;
      const store = openStore({ dataDir, readonly: true });
      try {
        expect(store.retentionAlert()).toBeNull();
        expect(store.db.prepare('SELECT name IS NULL FROM verifications WHERE seq = 1').pluck().get()).toBe(
          1,
        );
      } finally {
        store.close();
      }
    });
  },
);
