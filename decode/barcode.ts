/**
 * `decodeLuminance` / `decodeRgba`: the first barcode of the asked formats (QR unless told)
 * in a grey or RGBA image (a camera frame's ImageData, a decoded PNG), as `{ format, text }`
 * or null; `decodeQrLuminance` / `decodeQrRgba` give a QR's text alone. Environment-neutral
 * (no DOM, no Node) so the desk's camera and native-bridge's image files share one decoder.
 *
 * Each image is binarized two ways (local and global thresholds), read dark-on-light and
 * inverted (a phone in dark mode shows light modules on dark), and when nothing reads it is
 * retried enlarged (blurred or small codes need more pixels a module) and shrunk.
 */
import {
  AztecCodeReader,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  PDF417Reader,
  RGBLuminanceSource,
  type Binarizer,
  type BitMatrix,
  type LuminanceSource,
} from '@zxing/library';
import { readQrMatrix } from './qr-decode.ts';

/**
 * The symbologies this decoder reads. QR is the clearance card; PDF417 and Aztec are the
 * boarding pass (IATA BCBP), read with zxing's stock readers.
 */
export type BarcodeFormat = 'qr' | 'pdf417' | 'aztec';

export interface Decoded {
  format: BarcodeFormat;
  text: string;
}

const HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);

/** Reads one format from one binarized image; the bitmap is there for readers that want zxing's own. */
type FormatReader = (matrix: BitMatrix, bitmap: BinaryBitmap) => string | null;

function stock(read: (bitmap: BinaryBitmap) => { getText(): string }): FormatReader {
  return (_matrix, bitmap) => {
    try {
      return read(bitmap).getText();
    } catch {
      return null;
    }
  };
}

const READERS: Record<BarcodeFormat, FormatReader> = {
  qr: (matrix) => readQrMatrix(matrix),
  pdf417: stock((b) => new PDF417Reader().decode(b, HINTS)),
  aztec: stock((b) => new AztecCodeReader().decode(b, HINTS)),
};

const BINARIZERS: ((s: LuminanceSource) => Binarizer)[] = [
  (s) => new HybridBinarizer(s),
  (s) => new GlobalHistogramBinarizer(s),
];

/** A binarizer that hands zxing a matrix already made (the inverted one). */
function bitmapOf(matrix: BitMatrix, source: LuminanceSource): BinaryBitmap {
  const b = new BinaryBitmap(new GlobalHistogramBinarizer(source));
  // BinaryBitmap caches its matrix on first use; seeding the cache is how zxing's own readers see this one.
  (b as unknown as { matrix: BitMatrix }).matrix = matrix;
  return b;
}

function inverted(m: BitMatrix): BitMatrix {
  const out = m.clone();
  for (let y = 0; y < out.getHeight(); y++) for (let x = 0; x < out.getWidth(); x++) out.flip(x, y);
  return out;
}

function decodeOnce(
  lum: Uint8ClampedArray,
  w: number,
  h: number,
  formats: readonly BarcodeFormat[],
  invert: boolean,
): Decoded | null {
  const source = new RGBLuminanceSource(lum, w, h);
  for (const make of BINARIZERS) {
    let matrix: BitMatrix;
    try {
      matrix = new BinaryBitmap(make(source)).getBlackMatrix();
    } catch {
      continue; // too small or flat for this binarizer
    }
    for (const m of invert ? [matrix, inverted(matrix)] : [matrix]) {
      const bitmap = bitmapOf(m, source);
      for (const format of formats) {
        const text = READERS[format](m, bitmap);
        if (text !== null) return { format, text };
      }
    }
  }
  return null;
}

/** Resamples a grey image by `f` (bilinear). */
export function resample(
  lum: Uint8ClampedArray,
  w: number,
  h: number,
  f: number,
): [Uint8ClampedArray, number, number] {
  const W = Math.max(1, Math.round(w * f)),
    H = Math.max(1, Math.round(h * f));
  const out = new Uint8ClampedArray(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(h - 1, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(sy),
      y1 = Math.min(h - 1, y0 + 1),
      fy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(w - 1, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(sx),
        x1 = Math.min(w - 1, x0 + 1),
        fx = sx - x0;
      out[y * W + x] =
        (lum[y0 * w + x0]! * (1 - fx) + lum[y0 * w + x1]! * fx) * (1 - fy) +
        (lum[y1 * w + x0]! * (1 - fx) + lum[y1 * w + x1]! * fx) * fy;
    }
  }
  return [out, W, H];
}

export interface DecodeOptions {
  /** What to look for, in this order; QR alone unless told. */
  formats?: readonly BarcodeFormat[];
  /** Sizes to try after the image as it is; a camera loop may want fewer (speed), files more. */
  scales?: number[];
  /** Skip a rescale that would make the image larger than this many pixels. */
  maxPixels?: number;
  /** Also read light-on-dark codes (default true). */
  inverted?: boolean;
}

/** The first barcode found in a grey image (one byte a pixel), or null. */
export function decodeLuminance(
  lum: Uint8ClampedArray,
  width: number,
  height: number,
  opts: DecodeOptions = {},
): Decoded | null {
  const formats = opts.formats ?? ['qr'];
  const scales = opts.scales ?? [1.5, 2, 0.75, 0.5, 2.5, 3];
  const maxPixels = opts.maxPixels ?? 16_000_000;
  const invert = opts.inverted ?? true;
  const first = decodeOnce(lum, width, height, formats, invert);
  if (first !== null) return first;
  for (const f of scales) {
    const W = Math.round(width * f),
      H = Math.round(height * f);
    if (W * H > maxPixels || W < 21 || H < 21) continue;
    const found = decodeOnce(...resample(lum, width, height, f), formats, invert);
    if (found !== null) return found;
  }
  return null;
}

/** The QR text in a grey image, or null. */
export function decodeQrLuminance(
  lum: Uint8ClampedArray,
  width: number,
  height: number,
  opts: Omit<DecodeOptions, 'formats'> = {},
): string | null {
  return decodeLuminance(lum, width, height, { ...opts, formats: ['qr'] })?.text ?? null;
}

export interface RgbaImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** Rec. 601 luma of RGBA pixels, alpha composited on white (a transparent background is paper). */
export function luminanceOf({ data, width, height }: RgbaImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    const a = data[p + 3]!;
    const y = (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114) / 1000;
    out[i] = (y * a + 255 * (255 - a)) / 255;
  }
  return out;
}

/** The first barcode found in RGBA pixels (ImageData from a canvas, or a decoded PNG), or null. */
export function decodeRgba(img: RgbaImage, opts?: DecodeOptions): Decoded | null {
  return decodeLuminance(luminanceOf(img), img.width, img.height, opts);
}

/** The QR text in RGBA pixels, or null. */
export function decodeQrRgba(img: RgbaImage, opts?: Omit<DecodeOptions, 'formats'>): string | null {
  return decodeRgba(img, { ...opts, formats: ['qr'] })?.text ?? null;
}
