/**
 * `decodeQrImage(file or PNG bytes)` and `decodeQrPixels(rgba)`: the QR text in an image,
 * read in Node with the shared decoder (decode/). Sizes are bounded; a missing or unreadable code is a
 * result with a code, never a throw.
 */
import fs from 'node:fs';
import { PNG } from 'pngjs';
// One decoder for camera frames (the desk screen) and files (here): decode/ is environment-neutral,
// a layer both the screens and native-bridge may import.
import { decodeQrRgba, type RgbaImage } from '../../decode/barcode.ts';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;

export type ImageDecodeResult =
  | { ok: true; text: string }
  | { ok: false; code: 'IMAGE_TOO_LARGE' | 'IMAGE_UNREADABLE' | 'QR_NOT_FOUND'; message: string };

/** The QR text in RGBA pixels, or null. */
export function decodeQrPixels(px: RgbaImage): string | null {
  return decodeQrRgba(px);
}

/** Decodes PNG bytes. */
export function decodeQrPng(bytes: Uint8Array): ImageDecodeResult {
  if (bytes.length > MAX_IMAGE_BYTES)
    return { ok: false, code: 'IMAGE_TOO_LARGE', message: `${bytes.length} bytes` };
  // The header alone says the size: refuse a decompression bomb before inflating it.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (
    buf.length >= 24 &&
    buf.readUInt32BE(12) === 0x49484452 &&
    buf.readUInt32BE(16) * buf.readUInt32BE(20) > MAX_IMAGE_PIXELS
  ) {
    return {
      ok: false,
      code: 'IMAGE_TOO_LARGE',
      message: `${buf.readUInt32BE(16)}x${buf.readUInt32BE(20)} pixels`,
    };
  }
  let png: PNG;
  try {
    png = PNG.sync.read(buf);
  } catch (err) {
    return { ok: false, code: 'IMAGE_UNREADABLE', message: (err as Error).message };
  }
  const text = decodeQrPixels(png);
  return text === null
    ? { ok: false, code: 'QR_NOT_FOUND', message: 'no readable QR code in the image' }
    : { ok: true, text };
}

/** Decodes a PNG file (size checked before it is read). */
export function decodeQrImage(file: string): ImageDecodeResult {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, code: 'IMAGE_UNREADABLE', message: 'not a regular file' };
    size = st.size;
  } catch (err) {
    return { ok: false, code: 'IMAGE_UNREADABLE', message: (err as Error).message };
  }
  if (size > MAX_IMAGE_BYTES) return { ok: false, code: 'IMAGE_TOO_LARGE', message: `${size} bytes` };
  return decodeQrPng(fs.readFileSync(file));
}
