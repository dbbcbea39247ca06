/**
 * `WedgeDecoder`: tells a keyboard-wedge scanner's burst of keystrokes from a person
 * typing, by the gaps between keys, a minimum length and the terminator key. Pure: it
 * takes key facts with their timestamps, so it is tested with synthetic events.
 */
import { charForKey, MODIFIER_CODES } from './wedge-keymap.ts';

export interface WedgeKey {
  /** `KeyboardEvent.code`: the physical key. */
  code: string;
  shift: boolean;
  /** ms, one clock for all keys (`KeyboardEvent.timeStamp`). */
  timeStamp: number;
  ctrl?: boolean;
  alt?: boolean;
  meta?: boolean;
  /** Auto-repeat from a held key: a person, never a scanner. */
  repeat?: boolean;
}

/** The facts the decoder reads from a DOM KeyboardEvent (never `key`: the layout's character). */
export function wedgeKeyOf(
  e: Pick<KeyboardEvent, 'code' | 'shiftKey' | 'timeStamp' | 'ctrlKey' | 'altKey' | 'metaKey' | 'repeat'>,
): WedgeKey {
  return {
    code: e.code,
    shift: e.shiftKey,
    timeStamp: e.timeStamp,
    ctrl: e.ctrlKey,
    alt: e.altKey,
    meta: e.metaKey,
    repeat: e.repeat,
  };
}

export interface WedgeOptions {
  /** Longest gap between two keys of one scan; scanners type every 1–10 ms, people every 80+ ms. */
  maxInterKeyMs: number;
  /** Shortest scan; shorter fast bursts (a rolled "th") are typing. */
  minLength: number;
  /** What ends a scan: Enter (also NumpadEnter), Tab, or only silence ('none', then idleMs). */
  terminator: 'enter' | 'tab' | 'none';
  /** With terminator 'none': the silence that ends a scan. */
  idleMs: number;
  /** After this many fast keys the burst counts as a scanner's and its keys are held back from the page. */
  confirmAfter: number;
  /** Longest scan kept; beyond it the scan is reported overlong. */
  maxLength: number;
}

export const DEFAULT_WEDGE: WedgeOptions = {
  maxInterKeyMs: 35,
  minLength: 8,
  terminator: 'enter',
  idleMs: 80,
  confirmAfter: 4,
  maxLength: 8192,
};

export interface WedgeScan {
  text: string;
  overlong: boolean;
  at: number;
}

export interface KeyOutcome {
  /** The key belongs to a scanner's burst: the page should not also type it. */
  consumed: boolean;
  /** Set when this key completed a scan. */
  scan?: WedgeScan;
}

const NOT_MINE: KeyOutcome = { consumed: false };

export class WedgeDecoder {
  readonly opts: WedgeOptions;
  private buf = '';
  private overlong = false;
  private last = -Infinity;

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.opts = { ...DEFAULT_WEDGE, ...opts };
    const o = this.opts;
    if (
      !(o.maxInterKeyMs > 0) ||
      !(o.minLength >= 1) ||
      !(o.confirmAfter >= 1) ||
      !(o.maxLength >= o.minLength)
    ) {
      throw new RangeError(
        'wedge options: need maxInterKeyMs > 0, minLength >= 1, confirmAfter >= 1, maxLength >= minLength',
      );
    }
    if (!['enter', 'tab', 'none'].includes(o.terminator))
      throw new RangeError("terminator must be 'enter', 'tab' or 'none'");
  }

  /** How many characters of a possible scan are held now. */
  get pending(): number {
    return this.buf.length;
  }

  /** One keydown. */
  key(k: WedgeKey): KeyOutcome {
    if (MODIFIER_CODES.has(k.code)) return { consumed: this.confirmed() };
    const gap = k.timeStamp - this.last;
    if (k.ctrl || k.alt || k.meta || k.repeat) return this.reset();
    if (this.buf.length && gap > this.opts.maxInterKeyMs) this.reset(); // a pause: what came before was typing
    const t = this.opts.terminator;
    if (
      (t === 'enter' && (k.code === 'Enter' || k.code === 'NumpadEnter')) ||
      (t === 'tab' && k.code === 'Tab')
    ) {
      if (this.buf.length >= this.opts.minLength) return { consumed: true, scan: this.take(k.timeStamp) };
      return this.reset();
    }
    const ch = charForKey(k.code, k.shift);
    if (ch === null) return this.reset(); // arrows, Backspace, F-keys: a person
    this.last = k.timeStamp;
    if (this.buf.length < this.opts.maxLength) this.buf += ch;
    else this.overlong = true;
    return { consumed: this.confirmed() };
  }

  /** Call when no key came for a while (terminator 'none'): ends a scan after idleMs of silence. */
  idle(now: number): WedgeScan | null {
    if (this.opts.terminator !== 'none' || now - this.last < this.opts.idleMs) return null;
    if (this.buf.length >= this.opts.minLength) return this.take(this.last);
    this.reset();
    return null;
  }

  private confirmed(): boolean {
    return this.buf.length >= this.opts.confirmAfter;
  }

  private take(at: number): WedgeScan {
    const scan = { text: this.buf, overlong: this.overlong, at };
    this.reset();
    return scan;
  }

  private reset(): KeyOutcome {
    this.buf = '';
    this.overlong = false;
    this.last = -Infinity;
    return NOT_MINE;
  }
}
