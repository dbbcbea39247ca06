// The desk's camera fallback end to end: the real kiosk (`start --no-window`) with the
// shared vectors' trust, its desk in Chromium whose fake camera shows a valid card. The
// officer presses "use the camera": the card is read, verified through the same scan call
// as every other input (the verdict says it came from the camera), and the camera's
// track is stopped once it has read. A second page without camera permission shows the
// refusal (NotAllowedError) in words instead.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_ERROR_WORDS, CAMERA_WORDS } from '../../../main/contract/words.ts';
import {
  hasChromium,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  type RunningKiosk,
} from '../../helpers/kiosk.ts';
import { launchChromium } from '../../helpers/page-harness.ts';
import { qrImage } from '../../native-bridge/image/degrade.ts';
import { fakeCameraArgs, frameOf, recordStreams, trackStates, y4m } from './fake-camera.ts';

const card = vectorCards().get('valid-kuwait-employment')!.qr.replace(/\n$/, '');

describe.skipIf(!hasChromium)('desk: the camera fallback', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;

  beforeAll(async () => {
    kiosk = await startKiosk([
      '--root',
      path.join(VECTORS, 'root.pem'),
      '--bundle',
      path.join(VECTORS, 'bundle.bmettrust'),
      '--now',
      VECTORS_NOW,
    ]);
    browser = await launchChromium(fakeCameraArgs(y4m([frameOf(qrImage(card, 5))], 10)));
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  it('reads a card with the camera, shows its verdict, and stops the camera', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(recordStreams);
    await page.goto(kiosk.url);
    const start = page.getByTestId('camera-start');
    expect(await start.innerText()).toContain(CAMERA_WORDS.use.bn);
    expect(await start.innerText()).toContain(CAMERA_WORDS.use.en);
    await start.click();
    await page.locator('[data-testid=verdict][data-source=camera]').waitFor();
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('valid');
    // one read, then off: the panel says so and the one video track has ended
    await page.locator('[data-testid=camera-panel][data-camera=off]').waitFor({ state: 'attached' });
    expect(await page.evaluate(trackStates)).toEqual(['video:ended']);
    await page.close();
  });

  it('says so in both languages when the camera may not be used', async () => {
    // This browser's fake UI grants every request, so the page's getUserMedia is made to
    // answer as a refused permission does (NotAllowedError) before the desk's scripts run.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await page.goto(kiosk.url);
    await page.getByTestId('camera-start').click();
    const note = page.locator('[data-testid=camera-note][data-code=CAMERA_DENIED]');
    await note.waitFor();
    expect(await note.innerText()).toContain(BRIDGE_ERROR_WORDS.CAMERA_DENIED.bn);
    expect(await note.innerText()).toContain(BRIDGE_ERROR_WORDS.CAMERA_DENIED.en);
    expect(await page.getByTestId('camera-panel').getAttribute('data-camera')).toBe('off');
    await context.close();
  });
});
