// QR images decoded in Node back to their exact text: made here from the shared vectors
// (zxing QRCodeWriter), and the fixtures' PNGs when fixtures/qr exists; each also scaled,
// rotated a little and blurred (pixel operations of ./degrade.ts), written as PNG and read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeQrImage,
  decodeQrPng,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
} from '../../../native-bridge/image/qr-image.ts';
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

/** One PNG chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(td.length + 8);
  out.writeUInt32BE(data.length, 0);
  td.copy(out, 4);
  out.writeUInt32BE(zlib.crc32(td), td.length + 4);
  return out;
}

/** A valid 8-bit greyscale PNG of white pixels, each row filter byte 0: tiny however many rows it has. */
function whiteGreyPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit, greyscale, deflate, adaptive filtering, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 255)]);
  const raw = Buffer.alloc(row.length * height);
  for (let off = 0; off < raw.length; off += row.length) row.copy(raw, off);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodeQrImage: files it cannot read say why', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-img-'));
  const card = toPng(qrImage(shared[0]!.qr));
  const white = whiteGreyPng(50, 50);
  const cases: { name: string; bytes: () => Uint8Array; code: string; message: string }[] = [
    {
      name: 'a 1 x 40,000,000 PNG (exactly the pixel limit, 77 KB)',
      bytes: () => whiteGreyPng(1, MAX_IMAGE_PIXELS),
      code: 'IMAGE_TOO_LARGE',
      message: `1x${MAX_IMAGE_PIXELS} pixels (at most ${MAX_IMAGE_SIDE} a side`,
    },
    {
      name: 'a PNG one pixel wider than a side may be',
      bytes: () => whiteGreyPng(MAX_IMAGE_SIDE + 1, 1),
      code: 'IMAGE_TOO_LARGE',
      message: `${MAX_IMAGE_SIDE + 1}x1 pixels`,
    },
    {
      name: 'an empty file',
      bytes: () => Buffer.alloc(0),
      code: 'IMAGE_UNREADABLE',
      message: 'empty (0 bytes)',
    },
    {
      name: 'a text file',
      bytes: () => Buffer.from('hello'),
      code: 'IMAGE_UNREADABLE',
      message: 'not a PNG file',
    },
    {
      name: 'a JPEG',
      bytes: () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]),
      code: 'IMAGE_UNREADABLE',
      message: 'not a PNG file',
    },
    ...[4, 8, 20, 40, card.length - 40, card.length - 1].map((n) => ({
      name: `a PNG cut after ${n} bytes`,
      bytes: () => card.subarray(0, n),
      code: 'IMAGE_UNREADABLE',
      message: 'cut short (truncated)',
    })),
    {
      name: 'a PNG whose image data is damaged',
      bytes: () => {
        const b = Buffer.from(white);
        b.fill(0x55, 8 + 25 + 8, 8 + 25 + 8 + 10); // inside IDAT's deflate stream
        return b;
      },
      code: 'IMAGE_UNREADABLE',
      message: 'damaged: its image data cannot be decoded',
    },
  ];
  it.each(cases)('$name', (c) => {
    const file = path.join(dir, 'image.png');
    const bytes = c.bytes();
    expect(bytes.length).toBeLessThan(MAX_IMAGE_BYTES);
    fs.writeFileSync(file, bytes);
    const r = decodeQrImage(file);
    expect(r).toMatchObject({ ok: false, code: c.code });
    expect(r.ok || r.message).toContain(c.message);
  });

  it('still reads a greyscale PNG, and one with bytes after its end', () => {
    expect(decodeQrPng(white)).toMatchObject({ ok: false, code: 'QR_NOT_FOUND' });
    const file = path.join(dir, 'trailing.png');
    fs.writeFileSync(file, Buffer.concat([card, Buffer.from('trailing bytes')]));
    expect(decodeQrImage(file)).toEqual({ ok: true, text: shared[0]!.qr });
  });
});
