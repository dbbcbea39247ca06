// QR images decoded in Node back to their exact text: made here from the shared vectors
// (zxing QRCodeWriter), and the fixtures' PNGs when fixtures/qr exists; each also scaled,
// rotated a little and blurred (pixel operations of ./degrade.ts), written as PNG and read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeQrImage, decodeQrPng, MAX_IMAGE_PIXELS } from '../../../native-bridge/image/qr-image.ts';
import { DEGRADATIONS, fromPng, qrImage, toPng } from './degrade.ts';

const shared: { name: string; qr: string }[] = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

const FIX = path.resolve(import.meta.dirname, '../../../fixtures');
const manifestPath = path.join(FIX, 'qr/manifest.json');
const fixtures: { name: string; file: string; qr: string }[] = [];
if (fs.existsSync(manifestPath)) {
  const texts = new Map(
    fs
      .readFileSync(path.join(FIX, 'cards.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((c) => [c.name, c.qr]),
  );
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    cards: { name: string; png: string | null }[];
  };
  for (const c of manifest.cards)
    if (c.png && texts.has(c.name))
      fixtures.push({ name: c.name, file: path.join(FIX, c.png), qr: texts.get(c.name)! });
}

describe('decodeQrPng: shared vector texts, made here, degraded', () => {
  it.each(DEGRADATIONS)('%s', (_what, degrade) => {
    for (const card of shared) {
      const r = decodeQrPng(toPng(degrade(qrImage(card.qr))));
      expect(r, card.name).toEqual({ ok: true, text: card.qr });
    }
  });
});

describe.skipIf(fixtures.length === 0)('decodeQrImage: fixtures/qr/*.png', () => {
  it('decodes every fixture PNG to its card text exactly', () => {
    for (const f of fixtures) expect(decodeQrImage(f.file), f.name).toEqual({ ok: true, text: f.qr });
  });
  it.each(DEGRADATIONS.slice(1))('and %s', (_what, degrade) => {
    // every twelfth fixture, to keep the suite quick (all of them decode as made, above; every vector degraded, further up)
    for (const f of fixtures.filter((_, i) => i % 12 === 0)) {
      expect(decodeQrPng(toPng(degrade(fromPng(fs.readFileSync(f.file))))), f.name).toEqual({
        ok: true,
        text: f.qr,
      });
    }
  });
});

describe('decodeQrImage refusals', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-img-'));
  it('answers an image with no QR, a file that is not a PNG, and a huge declared size with codes', () => {
    const white = toPng({ width: 50, height: 50, data: Buffer.alloc(50 * 50 * 4, 255) });
    expect(decodeQrPng(white)).toMatchObject({ ok: false, code: 'QR_NOT_FOUND' });
    fs.writeFileSync(path.join(dir, 'not.png'), 'hello');
    expect(decodeQrImage(path.join(dir, 'not.png'))).toMatchObject({ ok: false, code: 'IMAGE_UNREADABLE' });
    expect(decodeQrImage(path.join(dir, 'missing.png'))).toMatchObject({
      ok: false,
      code: 'IMAGE_UNREADABLE',
    });
    expect(decodeQrImage(dir)).toMatchObject({ ok: false, code: 'IMAGE_UNREADABLE' });
    // a PNG header claiming 100000 x 100000 pixels is refused before anything is inflated
    const bomb = Buffer.from(toPng(qrImage('x', 1)));
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    expect(100_000 * 100_000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(decodeQrPng(bomb)).toMatchObject({ ok: false, code: 'IMAGE_TOO_LARGE' });
  });
});
