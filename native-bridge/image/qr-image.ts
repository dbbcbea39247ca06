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
/**
 * Each side too, not only the area: pngjs works row by row, so a 1 x 40,000,000 image (77 KB,
 * within the area) runs for minutes and exhausts the heap. 16,384 covers what a card image
 * needs with room to spare: a version-40 QR with its quiet zone is 185 modules, 3,700 px at
 * 20 px a module; a 4K camera frame is 3,840 px wide and a 200 MP phone photo 16,320. At the
 * area limit an image then has at most 16,384 rows of at least 2,442 pixels.
 */
export const MAX_IMAGE_SIDE = 16_384;

export type ImageDecodeResult =
  | { ok: true; text: string }
  | { ok: false; code: 'IMAGE_TOO_LARGE' | 'IMAGE_UNREADABLE' | 'QR_NOT_FOUND'; message: string };
type ImageRefusal = Extract<ImageDecodeResult, { ok: false }>;

/** The QR text in RGBA pixels, or null. */
export function decodeQrPixels(px: RgbaImage): string | null {
  return decodeQrRgba(px);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR = 0x49484452;
const IEND = 0x49454e44;
const unreadable = (message: string): ImageRefusal => ({ ok: false, code: 'IMAGE_UNREADABLE', message });
const TRUNCATED = unreadable('the PNG file is cut short (truncated): it ends before its last chunk');

/**
 * Walks the PNG's chunks without inflating anything: the size from the header (IHDR) is
 * judged first, so a decompression bomb is refused before pngjs sees it, and an empty, cut
 * short or non-PNG file gets a message saying so (pngjs's own are about its stream
 * internals). Returns the bytes up to the end of IEND (anything after it is ignored, as
 * other readers do; pngjs would refuse it).
 */
function pngFrame(buf: Buffer): Buffer | ImageRefusal {
  if (buf.length === 0) return unreadable('the file is empty (0 bytes)');
  const head = buf.subarray(0, PNG_SIGNATURE.length);
  if (!head.equals(PNG_SIGNATURE.subarray(0, head.length)))
    return unreadable('not a PNG file: it does not begin with the PNG signature (only PNG images are read)');
  let off = PNG_SIGNATURE.length;
  for (let first = true; ; first = false) {
    if (off + 8 > buf.length) return TRUNCATED;
    const len = buf.readUInt32BE(off);
    const type = buf.readUInt32BE(off + 4);
    if (len > 0x7fffffff) return unreadable('the PNG file is damaged: a chunk has an impossible length');
    const end = off + 12 + len;
    if (first) {
      if (type !== IHDR || len !== 13)
        return unreadable('the PNG file is damaged: it does not start with an image header (IHDR)');
      if (end > buf.length) return TRUNCATED;
      const w = buf.readUInt32BE(off + 8);
      const h = buf.readUInt32BE(off + 12);
      if (w === 0 || h === 0) return unreadable(`the PNG file is damaged: its header says ${w}x${h} pixels`);
      if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || w * h > MAX_IMAGE_PIXELS)
        return {
          ok: false,
          code: 'IMAGE_TOO_LARGE',
          message: `${w}x${h} pixels (at most ${MAX_IMAGE_SIDE} a side and ${MAX_IMAGE_PIXELS} in all)`,
        };
    }
    if (end > buf.length) return TRUNCATED;
    if (type === IEND) return buf.subarray(0, end);
    off = end;
  }
}

/** Decodes PNG bytes. */
export function decodeQrPng(bytes: Uint8Array): ImageDecodeResult {
  if (bytes.length > MAX_IMAGE_BYTES)
    return { ok: false, code: 'IMAGE_TOO_LARGE', message: `${bytes.length} bytes` };
  const frame = pngFrame(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  if (!Buffer.isBuffer(frame)) return frame;
  let png: PNG;
  try {
    png = PNG.sync.read(frame);
  } catch {
    // Its chunks are whole, so what pngjs refuses is their content (a bad CRC, image data that does not inflate).
    return unreadable('the PNG file is damaged: its image data cannot be decoded');
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
