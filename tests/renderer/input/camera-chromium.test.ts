// The camera fallback in real Chromium: a fake camera (Chromium's file-backed capture
// device) shows two cards in turn; the page's camera scanner reads each, exactly, and
// hands a card on once per appearance, not once per frame.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeQrRgba } from '../../../decode/barcode.ts';
import { RepeatFilter, scanFrame } from '../../../renderer/input/camera-scanner.ts';
import { buildAndServe, launchChromium, type Served } from '../../helpers/page-harness.ts';
import { qrImage, rotate } from '../../native-bridge/image/degrade.ts';
import { fakeCameraArgs, frameOf, recordStreams, trackStates, y4m } from './fake-camera.ts';

/** What the harness page (./harness/harness.ts) puts on window. */
interface HarnessWindow {
  __bridge: {
    scans: { text: string; source: string }[];
    errors: unknown[];
    startCamera(): Promise<void>;
    mountCameraPanel(timeoutMs: number): void;
  };
}

const cards: string[] = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).qr as string);

describe('camera fallback', () => {
  it('scanFrame decodes ImageData-like RGBA and passes a card once while it stays in view', () => {
    const img = rotate(qrImage(cards[0]!, 4), 3);
    const frame = { data: new Uint8ClampedArray(img.data), width: img.width, height: img.height };
    expect(decodeQrRgba(frame)).toBe(cards[0]);
    const filter = new RepeatFilter(1000);
    expect(scanFrame(frame, filter, 0)).toMatchObject({
      type: 'scan',
      source: 'camera',
      scanner: 'camera',
      text: cards[0],
    });
    expect(scanFrame(frame, filter, 200)).toBeNull(); // still in view
    expect(scanFrame(frame, filter, 900)).toBeNull();
    const blankFrame = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
    expect(scanFrame(blankFrame, filter, 1000)).toBeNull();
    expect(scanFrame(frame, filter, 2500)).not.toBeNull(); // out of view long enough: a new scan
    // a camera told to read boarding passes only does not hand on a card's QR
    expect(scanFrame(frame, new RepeatFilter(1000), 0, ['pdf417', 'aztec'])).toBeNull();
  });

  describe('in Chromium with a fake camera', () => {
    let served: Served | undefined;
    let browser: Browser | undefined;
    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });

    it('reads two cards shown in turn, each exactly, once per appearance', async () => {
      const a = cards[0]!,
        b = cards[3]!;
      served = await buildAndServe(path.join(import.meta.dirname, 'harness'));
      browser = await launchChromium(
        fakeCameraArgs(y4m([frameOf(qrImage(a, 5)), frameOf(rotate(qrImage(b, 5), 4))], 15)),
      );
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.evaluate(() => (window as unknown as HarnessWindow).__bridge.startCamera());
      await page.waitForFunction(
        ([x, y]) => {
          const t = (window as unknown as HarnessWindow).__bridge.scans.map((s: { text: string }) => s.text);
          return t.includes(x!) && t.includes(y!);
        },
        [a, b],
        { timeout: 30_000 },
      );
      const got = await page.evaluate(
        () =>
          (window as unknown as HarnessWindow).__bridge.scans.map((s: { text: string; source: string }) => [
            s.source,
            s.text,
          ]) as [string, string][],
      );
      expect(got.every(([src, t]) => src === 'camera' && (t === a || t === b))).toBe(true);
      for (let i = 1; i < got.length; i++) expect(got[i]![1]).not.toBe(got[i - 1]![1]); // never the same card twice in a row
      expect(await page.evaluate(() => (window as unknown as HarnessWindow).__bridge.errors)).toEqual([]);
    });
  });

  describe("the desk's camera panel, with a camera that sees no card", () => {
    let served: Served | undefined;
    let browser: Browser | undefined;
    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });

    async function openPanel(timeoutMs: number): Promise<Page> {
      served ??= await buildAndServe(path.join(import.meta.dirname, 'harness'));
      browser ??= await launchChromium(fakeCameraArgs(y4m([frameOf(null)], 5)));
      const page = await browser.newPage();
      await page.addInitScript(recordStreams);
      await page.goto(served.url);
      await page.evaluate(
        (t) => (window as unknown as HarnessWindow).__bridge.mountCameraPanel(t),
        timeoutMs,
      );
      await page.getByTestId('camera-start').click();
      await page.locator('[data-testid=camera-panel][data-camera=on]').waitFor();
      // video only: no microphone track was ever asked for. (Live or already ended: with a short
      // timeout the panel may have stopped it by the time a loaded machine gets here.)
      expect((await page.evaluate(trackStates)).map((t) => t.split(':')[0])).toEqual(['video']);
      return page;
    }

    it('turns the camera off (every track ended) when nothing is read in time', async () => {
      const page = await openPanel(500);
      await page.locator('[data-testid=camera-panel][data-camera=off]').waitFor();
      expect(await page.getByTestId('camera-note').getAttribute('data-code')).toBe('CAMERA_TIMEOUT');
      expect(await page.evaluate(trackStates)).toEqual(['video:ended']);
      expect(await page.getByTestId('camera-start').isVisible()).toBe(true);
    });

    it('turns the camera off when its screen is left, and by its stop button', async () => {
      const page = await openPanel(600_000);
      expect(await page.evaluate(trackStates)).toEqual(['video:live']);
      await page.evaluate(() => (document.getElementById('camera-screen')!.hidden = true));
      await page.locator('[data-testid=camera-panel][data-camera=off]').waitFor({ state: 'attached' });
      expect(await page.evaluate(trackStates)).toEqual(['video:ended']);

      await page.evaluate(() => (document.getElementById('camera-screen')!.hidden = false));
      await page.getByTestId('camera-start').click();
      await page.locator('[data-testid=camera-panel][data-camera=on]').waitFor();
      await page.getByTestId('camera-stop').click();
      await page.locator('[data-testid=camera-panel][data-camera=off]').waitFor();
      expect(await page.evaluate(trackStates)).toEqual(['video:ended', 'video:ended']);
    });
  });
});
