/**
 * `decodeQrLuminance` / `decodeQrRgba`: the QR text in a grey or RGBA image (a camera
 * frame's ImageData, a decoded PNG), with @zxing/library. Environment-neutral: no DOM, no
 * Node, so the desk screen's camera and native-bridge's image files share it.
 *
 * zxing-js (0.23) still picks the three finder patterns by module size alone, so a dense
 * or resampled code, whose data area looks like finder patterns here and there, is often
 * "not found". This module swaps in the choice zxing (Java) makes since 3.4: of all
 * candidate triples, the one closest to an isosceles right triangle. It also retries the
 * image enlarged (blurred or small codes need more pixels a module) and halved.
 */
import {
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  RGBLuminanceSource,
  type Binarizer,
  type LuminanceSource,
} from '@zxing/library';
import * as DecoderModule from '@zxing/library/cjs/core/qrcode/decoder/Decoder.js';
import * as DetectorModule from '@zxing/library/cjs/core/qrcode/detector/Detector.js';
import * as FinderModule from '@zxing/library/cjs/core/qrcode/detector/FinderPatternFinder.js';

/** The class a CJS module exports as `default`, however the loader (Node, Vite) interops it. */
function cls<T>(ns: unknown): T {
  const d = (ns as { default?: { default?: T } & T }).default;
  return (d && typeof d === 'object' && 'default' in d ? d.default : d) as T;
}

interface Point {
  getX(): number;
  getY(): number;
}
interface Candidate extends Point {
  getCount(): number;
  getEstimatedModuleSize(): number;
}
type Ctor<T> = new (...args: any[]) => T;

const FinderBase = cls<Ctor<{ find(hints: Map<DecodeHintType, unknown>): unknown }>>(FinderModule);
const DetectorBase =
  cls<Ctor<{ processFinderPatternInfo(info: unknown): { getBits(): unknown } }>>(DetectorModule);
const Decoder =
  cls<Ctor<{ decodeBitMatrix(bits: unknown, hints: Map<DecodeHintType, unknown>): { getText(): string } }>>(
    DecoderModule,
  );

const sq = (a: Point, b: Point) => (a.getX() - b.getX()) ** 2 + (a.getY() - b.getY()) ** 2;

class TriangleFinder extends FinderBase {
  // zxing (Java) FinderPatternFinder.selectBestPatterns, 3.4 and later.
  selectBestPatterns(): Candidate[] {
    const all = (this as unknown as { getPossibleCenters(): Candidate[] }).getPossibleCenters();
    const c = all
      .filter((p) => p.getCount() >= 2)
      .sort((a, b) => a.getEstimatedModuleSize() - b.getEstimatedModuleSize());
    let best: Candidate[] | null = null;
    let distortion = Infinity;
    for (let i = 0; i < c.length - 2; i++) {
      const min = c[i]!.getEstimatedModuleSize();
      for (let j = i + 1; j < c.length - 1; j++) {
        const ij = sq(c[i]!, c[j]!);
        for (let k = j + 1; k < c.length; k++) {
          if (c[k]!.getEstimatedModuleSize() > min * 1.4) continue;
          const [a, b, h] = [ij, sq(c[j]!, c[k]!), sq(c[i]!, c[k]!)].sort((x, y) => x - y) as [
            number,
            number,
            number,
          ];
          // a right isosceles triangle has h = 2a = 2b
          const d = Math.abs(h - 2 * b) + Math.abs(h - 2 * a);
          if (d < distortion) {
            distortion = d;
            best = [c[i]!, c[j]!, c[k]!];
          }
        }
      }
    }
    if (!best) throw new Error('no three finder patterns');
    return best;
  }
}

class TriangleDetector extends DetectorBase {
  detectWith(image: unknown, hints: Map<DecodeHintType, unknown>) {
    return this.processFinderPatternInfo(new TriangleFinder(image, undefined).find(hints));
  }
}

const HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
const BINARIZERS: ((s: LuminanceSource) => Binarizer)[] = [
  (s) => new HybridBinarizer(s),
  (s) => new GlobalHistogramBinarizer(s),
];

function decodeOnce(lum: Uint8ClampedArray, w: number, h: number): string | null {
  const source = new RGBLuminanceSource(lum, w, h);
  for (const make of BINARIZERS) {
    try {
      const matrix = new BinaryBitmap(make(source)).getBlackMatrix();
      const detected = new TriangleDetector(matrix).detectWith(matrix, HINTS);
      return new Decoder().decodeBitMatrix(detected.getBits(), HINTS).getText();
    } catch {
      // not found / checksum / format: the next binarizer or size may read it
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
  /** Sizes to try after the image as it is; a camera loop may want fewer (speed), files more. */
  scales?: number[];
  /** Skip a rescale that would make the image larger than this many pixels. */
  maxPixels?: number;
}

/** The QR text in a grey image (one byte a pixel), or null. */
export function decodeQrLuminance(
  lum: Uint8ClampedArray,
  width: number,
  height: number,
  opts: DecodeOptions = {},
): string | null {
  const scales = opts.scales ?? [1.5, 2, 0.75, 0.5, 2.5, 3];
  const maxPixels = opts.maxPixels ?? 16_000_000;
  const first = decodeOnce(lum, width, height);
  if (first !== null) return first;
  for (const f of scales) {
    const W = Math.round(width * f),
      H = Math.round(height * f);
    if (W * H > maxPixels || W < 21 || H < 21) continue;
    const text = decodeOnce(...resample(lum, width, height, f));
    if (text !== null) return text;
  }
  return null;
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

/** The QR text in RGBA pixels (ImageData from a canvas, or a decoded PNG), or null. */
export function decodeQrRgba(img: RgbaImage, opts?: DecodeOptions): string | null {
  return decodeQrLuminance(luminanceOf(img), img.width, img.height, opts);
}
