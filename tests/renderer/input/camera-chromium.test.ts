// The camera fallback in real Chromium: a fake camera (Chromium's file-backed capture
// device) shows two cards in turn; the page's camera scanner reads each, exactly, and
// hands a card on once per appearance, not once per frame.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeQrRgba } from '../../../decode/barcode.ts';
import { RepeatFilter, scanFrame } from '../../../renderer/input/camera-scanner.ts';
import { buildAndServe, launchChromium, type Served } from '../../helpers/page-harness.ts';
import { qrImage, rotate, type Img } from '../../native-bridge/image/degrade.ts';

const cards: string[] = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).qr as string);

const W = 640,
  H = 480;

/** One 640x480 grey frame with `img` centred on white. */
function frameOf(img: Img): Uint8Array {
  const y = new Uint8Array(W * H).fill(255);
  const ox = (W - img.width) >> 1,
    oy = (H - img.height) >> 1;
  for (let r = 0; r < img.height; r++)
    for (let c = 0; c < img.width; c++) {
      const X = ox + c,
        Y = oy + r;
      if (X >= 0 && Y >= 0 && X < W && Y < H) y[Y * W + X] = img.data[(r * img.width + c) * 4]!;
    }
  return y;
}

/** A Y4M video (what Chromium's fake capture device plays, looping): each frame shown `repeat` times. */
function y4m(frames: Uint8Array[], repeat: number): Buffer {
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`)];
  for (const f of frames)
    for (let i = 0; i < repeat; i++) parts.push(Buffer.from('FRAME\n'), Buffer.from(f), chroma);
  return Buffer.concat(parts);
}

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
      const video = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-cam-')), 'cards.y4m');
      fs.writeFileSync(video, y4m([frameOf(qrImage(a, 5)), frameOf(rotate(qrImage(b, 5), 4))], 15));
      served = await buildAndServe(path.join(import.meta.dirname, 'harness'));
      browser = await launchChromium([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ]);
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.evaluate(() => (window as any).__bridge.startCamera());
      await page.waitForFunction(
        ([x, y]) => {
          const t = (window as any).__bridge.scans.map((s: { text: string }) => s.text);
          return t.includes(x) && t.includes(y);
        },
        [a, b],
        { timeout: 30_000 },
      );
      const got = await page.evaluate(
        () =>
          (window as any).__bridge.scans.map((s: { text: string; source: string }) => [s.source, s.text]) as [
            string,
            string,
          ][],
      );
      expect(got.every(([src, t]) => src === 'camera' && (t === a || t === b))).toBe(true);
      for (let i = 1; i < got.length; i++) expect(got[i]![1]).not.toBe(got[i - 1]![1]); // never the same card twice in a row
      expect(await page.evaluate(() => (window as any).__bridge.errors)).toEqual([]);
    });
  });
});
