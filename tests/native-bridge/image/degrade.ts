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
  // Fast deflate: these files live for one test run.
  const png = new PNG({ width: img.width, height: img.height });
  img.data.copy(png.data);
  return PNG.sync.write(png, { deflateLevel: 1 });
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

/** A seeded PRNG (mulberry32): the same seed makes the same images on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Grey noise: a normal deviate of `sigma` grey levels added to every pixel (Box-Muller). */
export function noise(img: Img, sigma: number, rand: () => number): Img {
  const out = blank(img.width, img.height);
  for (let i = 0; i < img.width * img.height; i++) {
    const n = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const v = Math.max(0, Math.min(255, Math.round(img.data[i * 4]! + sigma * n)));
    out.data[i * 4] = out.data[i * 4 + 1] = out.data[i * 4 + 2] = v;
  }
  return out;
}

/** Light modules on dark, as a phone in dark mode shows a code. */
export function invert(img: Img): Img {
  const out = blank(img.width, img.height);
  for (let i = 0; i < img.width * img.height; i++)
    out.data[i * 4] = out.data[i * 4 + 1] = out.data[i * 4 + 2] = 255 - img.data[i * 4]!;
  return out;
}

/** Solves the 8 unknowns of the homography taking `from[i]` to `to[i]` (four point pairs). */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!,
      [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, i) => row[8]! / row[i]!);
}

/**
 * Perspective: the image's corners moved inwards by up to `amount` of its size each (a card
 * held at an angle to the camera), on a canvas of the same size, paper around it.
 */
export function perspective(img: Img, amount: number, rand: () => number): Img {
  const { width: w, height: h } = img;
  const d = () => rand() * amount;
  const corners: [number, number][] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const moved: [number, number][] = [
    [d() * w, d() * h],
    [w - d() * w, d() * h],
    [w - d() * w, h - d() * h],
    [d() * w, h - d() * h],
  ];
  // Maps each output pixel back to where it came from.
  const [a, b, c, e, f, g, p, q] = homography(moved, corners) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const out = blank(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const z = p * x + q * y + 1;
      set(out, x, y, Math.round(sample(img, (a * x + b * y + c) / z - 0.5, (e * x + f * y + g) / z - 0.5)));
    }
  }
  return out;
}

/** The JPEG standard's luminance quantization table (ITU T.81, Annex K), row by row. */
const JPEG_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/**
 * What JPEG compression at `quality` (1–100, IJG scaling) does to a grey image: each 8×8
 * block's DCT coefficients rounded to the quantization table, then transformed back. The
 * lossy step of a JPEG codec (the entropy coding after it is lossless), so the ringing and
 * blocking are a real encoder's, written out as PNG.
 */
export function jpeg(img: Img, quality: number): Img {
  const s = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  const qt = JPEG_LUMA.map((v) => Math.max(1, Math.min(255, Math.floor((v * s + 50) / 100))));
  // The orthonormal 8-point DCT-II as a matrix, M[u][x]; the 2-D transform is rows then columns.
  const M = Array.from({ length: 64 }, (_, i) => {
    const u = i >> 3,
      x = i & 7;
    return (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  });
  const out = blank(img.width, img.height);
  const a = new Float64Array(64),
    t = new Float64Array(64);
  // b = A·a·Bᵀ over 8×8 blocks, with A, B either M (forward) or Mᵀ (inverse)
  const transform = (inverse: boolean) => {
    const m = (r: number, c: number) => (inverse ? M[c * 8 + r]! : M[r * 8 + c]!);
    for (let y = 0; y < 8; y++)
      for (let u = 0; u < 8; u++) {
        let acc = 0;
        for (let x = 0; x < 8; x++) acc += a[y * 8 + x]! * m(u, x);
        t[y * 8 + u] = acc;
      }
    for (let v = 0; v < 8; v++)
      for (let u = 0; u < 8; u++) {
        let acc = 0;
        for (let y = 0; y < 8; y++) acc += t[y * 8 + u]! * m(v, y);
        a[v * 8 + u] = acc;
      }
  };
  for (let by = 0; by < img.height; by += 8) {
    for (let bx = 0; bx < img.width; bx += 8) {
      for (let i = 0; i < 64; i++) {
        // edge blocks repeat their last row and column, as encoders pad
        const x = Math.min(img.width - 1, bx + (i & 7)),
          y = Math.min(img.height - 1, by + (i >> 3));
        a[i] = img.data[(y * img.width + x) * 4]! - 128;
      }
      transform(false);
      for (let i = 0; i < 64; i++) a[i] = Math.round(a[i]! / qt[i]!) * qt[i]!;
      transform(true);
      for (let i = 0; i < 64; i++) {
        const x = bx + (i & 7),
          y = by + (i >> 3);
        if (x < img.width && y < img.height)
          set(out, x, y, Math.max(0, Math.min(255, Math.round(a[i]! + 128))));
      }
    }
  }
  return out;
}

/** A Gaussian blur of standard deviation `sigma` pixels (separable kernel, edges extended). */
export function gaussian(img: Img, sigma: number): Img {
  const r = Math.ceil(sigma * 3);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  const { width: w, height: h } = img;
  const tmp = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++)
        acc += k[i + r]! * img.data[(y * w + Math.max(0, Math.min(w - 1, x + i))) * 4]!;
      tmp[y * w + x] = acc / sum;
    }
  const out = blank(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r]! * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x]!;
      set(out, x, y, Math.round(acc / sum));
    }
  return out;
}
