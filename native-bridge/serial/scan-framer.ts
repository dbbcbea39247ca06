/** `ScanFramer`: cuts a serial scanner's byte stream into scans (terminator or silence), dropping noise. */
import { MAX_SCAN_TEXT } from '../../main/contract/scan-limits.ts';

/** What ends a scan: CR, LF, CR LF, either of CR/LF ('any'), or only silence ('none'). */
export type Terminator = 'cr' | 'lf' | 'crlf' | 'any' | 'none';
export const TERMINATORS: readonly Terminator[] = ['cr', 'lf', 'crlf', 'any', 'none'];

export interface FramingOptions {
  terminator: Terminator;
  /** A scan also ends after this much silence; required with terminator 'none'. */
  interByteTimeoutMs?: number;
  /** Stripped from the start / end of a scan when present (scanner-programmed wrappers such as STX/ETX or `]Q1`). */
  prefix?: string;
  suffix?: string;
  /** Longest scan kept; past it the scan is marked overlong and the rest discarded until its end. */
  maxLength: number;
}

export const DEFAULT_FRAMING: FramingOptions = { terminator: 'any', maxLength: MAX_SCAN_TEXT };

export type FrameOutput =
  { kind: 'scan'; text: string; overlong: boolean } | { kind: 'noise'; bytes: number; hex: string };

const CR = 0x0d;
const LF = 0x0a;
const NOISE_HEX_BYTES = 32;

// BMET1 cards are base45 (printable ASCII); anything else on the line is noise: power-on
// garbage, a baud mismatch, a scanner's beep/ACK bytes.
const isPrintable = (b: number) => b >= 0x20 && b <= 0x7e;

export class ScanFramer {
  readonly opts: FramingOptions;
  private readonly buf: Buffer;
  private len = 0;
  private overlong = false;
  private pendingCr = false;
  private readonly wrapperBytes: Set<number>;
  private noiseCount = 0;
  private noiseHex: number[] = [];

  constructor(opts: Partial<FramingOptions> = {}) {
    this.opts = { ...DEFAULT_FRAMING, ...opts };
    const o = this.opts;
    if (!TERMINATORS.includes(o.terminator))
      throw new RangeError(`terminator must be one of ${TERMINATORS.join(', ')}`);
    if (!Number.isInteger(o.maxLength) || o.maxLength < 1 || o.maxLength > 1 << 20)
      throw new RangeError('maxLength must be 1..1048576');
    if (o.terminator === 'none' && !(o.interByteTimeoutMs! > 0))
      throw new RangeError("terminator 'none' needs interByteTimeoutMs");
    this.buf = Buffer.alloc(o.maxLength);
    // Non-printable bytes of a configured prefix/suffix (STX, ETX…) are kept until stripping.
    this.wrapperBytes = new Set(
      [...Buffer.from((o.prefix ?? '') + (o.suffix ?? ''), 'latin1')].filter((b) => !isPrintable(b)),
    );
  }

  /** True when part of a scan is waiting for its end (arm the inter-byte timer). */
  get hasPending(): boolean {
    return this.len > 0 || this.overlong || this.pendingCr;
  }

  /** Feeds one chunk as it came off the port; returns the scans and noise runs it completed, in order. */
  push(chunk: Uint8Array): FrameOutput[] {
    const out: FrameOutput[] = [];
    const t = this.opts.terminator;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (b === LF) {
          this.end(out);
          continue;
        }
        this.noise(CR); // a CR not followed by LF, in crlf mode
      }
      if (b === CR && (t === 'cr' || t === 'any')) this.end(out);
      else if (b === LF && (t === 'lf' || t === 'any')) this.end(out);
      else if (b === CR && t === 'crlf') this.pendingCr = true;
      else if (isPrintable(b) || this.wrapperBytes.has(b)) this.keep(b);
      else this.noise(b);
    }
    this.flushNoise(out);
    return out;
  }

  /** The inter-byte timeout fired: whatever is buffered is a complete scan. */
  idle(): FrameOutput[] {
    const out: FrameOutput[] = [];
    if (this.pendingCr) {
      this.pendingCr = false;
      this.noise(CR);
    }
    this.end(out);
    this.flushNoise(out);
    return out;
  }

  private keep(b: number): void {
    if (this.len < this.buf.length) this.buf[this.len++] = b;
    else this.overlong = true;
  }

  private noise(b: number): void {
    this.noiseCount++;
    if (this.noiseHex.length < NOISE_HEX_BYTES) this.noiseHex.push(b);
  }

  private flushNoise(out: FrameOutput[]): void {
    if (this.noiseCount === 0) return;
    out.push({ kind: 'noise', bytes: this.noiseCount, hex: Buffer.from(this.noiseHex).toString('hex') });
    this.noiseCount = 0;
    this.noiseHex = [];
  }

  private end(out: FrameOutput[]): void {
    if (this.len === 0 && !this.overlong) return; // the LF of a CR LF in 'any' mode, or a stray terminator
    let text = this.buf.toString('latin1', 0, this.len);
    const overlong = this.overlong;
    this.len = 0;
    this.overlong = false;
    const { prefix, suffix } = this.opts;
    if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
    if (suffix && !overlong && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
    // Wrapper bytes that were not part of a matching prefix/suffix are noise after all.
    for (let i = 0; i < text.length; i++) {
      if (!isPrintable(text.charCodeAt(i))) {
        const kept = [...text].filter((c) => isPrintable(c.charCodeAt(0)));
        for (const c of text) if (!isPrintable(c.charCodeAt(0))) this.noise(c.charCodeAt(0));
        text = kept.join('');
        break;
      }
    }
    this.flushNoise(out); // noise seen before this scan ended is reported before it
    if (text.length === 0 && !overlong) return;
    out.push({ kind: 'scan', text, overlong });
  }
}
