/**
 * `readQrMatrix(bitMatrix)`: the QR text in one binarized image, or null. The QR step of
 * `decodeLuminance` (barcode.ts); environment-neutral (no DOM, no Node).
 *
 * zxing-js (0.23) stops its finder-pattern search once it has three confirmed centres and
 * then keeps the three whose module sizes agree best. In a clean code a stretch of data
 * modules that happens to look like a finder pattern (1:1:3:1:1) is found before the real
 * bottom-left corner, and the search ends without it: a clean code at 6 px a module fails
 * while zbar reads it. So this scans the whole image for candidates, ranks every triple
 * by how close it is to the isosceles right triangle three real corners make (the measure
 * zxing-Java uses since 3.4), and tries the best few until one decodes; a false triple
 * fails Reed-Solomon, it does not decode to another text. It imports zxing's internals
 * (not its public API), so a zxing upgrade needs this re-checked (tests/decode/).
 */
import {
  DecodeHintType,
  NotFoundException,
  QRCodeVersion,
  ResultPoint,
  type BitMatrix,
  type PerspectiveTransform,
} from '@zxing/library';
import * as DecoderModule from '@zxing/library/cjs/core/qrcode/decoder/Decoder.js';
import * as DetectorModule from '@zxing/library/cjs/core/qrcode/detector/Detector.js';
import * as FinderModule from '@zxing/library/cjs/core/qrcode/detector/FinderPatternFinder.js';

/** The class a CJS module exports as `default`, however the loader (Node, Vite) interops it. */
function cls<T>(ns: unknown): T {
  const d = (ns as { default?: { default?: T } & T }).default;
  return (d && typeof d === 'object' && 'default' in d ? d.default : d) as T;
}

interface Candidate extends ResultPoint {
  getCount(): number;
  getEstimatedModuleSize(): number;
}
type Ctor<T> = new (...args: unknown[]) => T;

const FinderBase =
  cls<Ctor<{ find(hints: Map<DecodeHintType, unknown>): unknown; getPossibleCenters(): Candidate[] }>>(
    FinderModule,
  );
interface DetectorInstance {
  calculateModuleSize(tl: ResultPoint, tr: ResultPoint, bl: ResultPoint): number;
  findAlignmentInRegion(moduleSize: number, x: number, y: number, allowance: number): ResultPoint;
}
const Detector = cls<
  Ctor<DetectorInstance> & {
    createTransform(
      tl: ResultPoint,
      tr: ResultPoint,
      bl: ResultPoint,
      alignment: ResultPoint | null,
      dimension: number,
    ): PerspectiveTransform;
    sampleGrid(image: BitMatrix, transform: PerspectiveTransform, dimension: number): BitMatrix;
  }
>(DetectorModule);
const Decoder =
  cls<Ctor<{ decodeBitMatrix(bits: unknown, hints: Map<DecodeHintType, unknown>): { getText(): string } }>>(
    DecoderModule,
  );

/** zxing's finder with its early stops taken out: every candidate in the image is collected. */
class WholeImageFinder extends FinderBase {
  // Never "done": the row loop runs to the bottom of the image.
  haveMultiplyConfirmedCenters(): boolean {
    return false;
  }
  // Never jump rows on a guess where the third corner must be (the guess comes from a false pair).
  findRowSkip(): number {
    return 0;
  }
  // find() ends by choosing three; the choice is made by `rankTriples` instead, so any three do.
  selectBestPatterns(): Candidate[] {
    const all = this.getPossibleCenters();
    if (all.length < 3) throw new NotFoundException();
    return all.slice(0, 3);
  }
}

/** Candidates considered (by hits, most first): bounds the triple search at ~10,000 triples. */
const MAX_CANDIDATES = 40;
/** Triples tried, best first, before the image counts as having no code in it. */
const MAX_TRIPLES = 6;

const sq = (a: ResultPoint, b: ResultPoint) => (a.getX() - b.getX()) ** 2 + (a.getY() - b.getY()) ** 2;

/** Candidate triples, best first: near an isosceles right triangle, alike in module size, a plausible size. */
export function rankTriples(found: Candidate[]): Candidate[][] {
  // A real corner is crossed by several scan rows; one hit is usually a speck. Small codes
  // may give their corners only one hit each, so singles count when there are too few.
  const seen = found.filter((p) => p.getCount() >= 2);
  const pool = (seen.length >= 3 ? seen : found)
    .slice()
    .sort((a, b) => b.getCount() - a.getCount())
    .slice(0, MAX_CANDIDATES);
  const scored: { t: Candidate[]; d: number }[] = [];
  for (let i = 0; i < pool.length - 2; i++) {
    for (let j = i + 1; j < pool.length - 1; j++) {
      const ij = sq(pool[i]!, pool[j]!);
      for (let k = j + 1; k < pool.length; k++) {
        const t = [pool[i]!, pool[j]!, pool[k]!];
        const sizes = t.map((p) => p.getEstimatedModuleSize());
        const lo = Math.min(...sizes),
          hi = Math.max(...sizes);
        if (hi > lo * 1.4) continue;
        const [a, b, c] = [ij, sq(pool[j]!, pool[k]!), sq(pool[i]!, pool[k]!)].sort((x, y) => x - y) as [
          number,
          number,
          number,
        ];
        // Corner centres of a version-1 code are 14 modules apart, of version 40, 170.
        const legModules = Math.sqrt(a) / ((lo + hi) / 2);
        if (legModules < 10 || legModules > 190) continue;
        // An isosceles right triangle has c = 2a = 2b (squared sides); scaled by c, so size does not count.
        const shape = (Math.abs(c - 2 * b) + Math.abs(c - 2 * a)) / c;
        scored.push({ t, d: shape + (hi / lo - 1) });
      }
    }
  }
  scored.sort((x, y) => x.d - y.d);
  return scored.slice(0, MAX_TRIPLES).map((s) => s.t);
}

/**
 * Sizes (modules a side) to sample the code at, likeliest first. zxing takes one: the
 * corners' distance over a module size measured on the finder patterns, which at 1–2 pixels
 * a module is a few percent off, enough to land between two QR sizes ("dimension not
 * found") or on the wrong one. Here: the three valid sizes (4k + 1) nearest that estimate.
 */
export function likelyDimensions(legs: number[], moduleSize: number): number[] {
  const est = legs.reduce((a, b) => a + b, 0) / legs.length / moduleSize + 7;
  const out: number[] = [];
  for (let d = 21; d <= 177; d += 4) out.push(d);
  return out.sort((a, b) => Math.abs(a - est) - Math.abs(b - est)).slice(0, 3);
}

/** The code's modules sampled from the image, given its corners and its size (zxing's Detector, dimension chosen here). */
function sampleAt(
  image: BitMatrix,
  det: DetectorInstance,
  [bl, tl, tr]: [ResultPoint, ResultPoint, ResultPoint],
  moduleSize: number,
  dimension: number,
): BitMatrix {
  const version = QRCodeVersion.getProvisionalVersionForDimension(dimension);
  let alignment: ResultPoint | null = null;
  if (version.getAlignmentPatternCenters().length > 0) {
    // Where the bottom-right alignment pattern should be: three modules in from the missing fourth corner.
    const brX = tr.getX() - tl.getX() + bl.getX(),
      brY = tr.getY() - tl.getY() + bl.getY();
    const toward = 1 - 3 / (version.getDimensionForVersion() - 7);
    const x = Math.floor(tl.getX() + toward * (brX - tl.getX())),
      y = Math.floor(tl.getY() + toward * (brY - tl.getY()));
    for (let allowance = 4; allowance <= 16 && !alignment; allowance <<= 1) {
      try {
        alignment = det.findAlignmentInRegion(moduleSize, x, y, allowance);
      } catch {
        // none this close: look wider, or sample without it
      }
    }
  }
  const transform = Detector.createTransform(tl, tr, bl, alignment, dimension);
  return Detector.sampleGrid(image, transform, dimension);
}

const QR_HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);

/** The QR text in a binarized image (black = set), or null. */
export function readQrMatrix(matrix: BitMatrix): string | null {
  const finder = new WholeImageFinder(matrix, undefined);
  try {
    finder.find(QR_HINTS);
  } catch {
    return null; // fewer than three candidates
  }
  const det = new Detector(matrix);
  const decoder = new Decoder();
  for (const triple of rankTriples(finder.getPossibleCenters())) {
    // zxing's order: bottom-left, top-left (the right angle), top-right
    const corners: ResultPoint[] = triple.slice();
    ResultPoint.orderBestPatterns(corners);
    const [bl, tl, tr] = corners as [ResultPoint, ResultPoint, ResultPoint];
    const moduleSize = det.calculateModuleSize(tl, tr, bl);
    if (!(moduleSize >= 1)) continue;
    const legs = [ResultPoint.distance(tl, tr), ResultPoint.distance(tl, bl)];
    for (const dimension of likelyDimensions(legs, moduleSize)) {
      try {
        const bits = sampleAt(matrix, det, [bl, tl, tr], moduleSize, dimension);
        return decoder.decodeBitMatrix(bits, QR_HINTS).getText();
      } catch {
        // not a code at these corners and this size (format bits, Reed-Solomon): the next size or triple
      }
    }
  }
  return null;
}
