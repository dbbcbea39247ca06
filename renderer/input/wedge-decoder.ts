/**
 * `WedgeDecoder`: tells a keyboard-wedge scanner's burst of keystrokes from a person
 * typing, by the gaps between keys, a minimum length, the terminator key and — for BMET
 * cards — the card's prefix. Pure: it takes key facts with their timestamps, so it is
 * tested with synthetic events and recorded gap patterns.
 *
 * Two ways a burst becomes a scanner's:
 * - speed: `confirmAfter` keys each at most `maxInterKeyMs` apart (any code, e.g. a
 *   boarding pass); a pause longer than that ends it as typing.
 * - a card: the physical keys of `BMET1:` within `prefixWithinMs` of the first. From then
 *   on the burst is a card and is collected whole until its terminator, whatever the gaps
 *   (a 45 ms/key scanner, key events late on a busy machine): splitting it would turn one
 *   genuine card into two unreadable scans and leave its tail in a text field. Only
 *   `cardSilenceMs` without a key ends it early; it is then handed on as it is (cut off:
 *   the screen says "could not read, scan again"), never left for the page.
 * - a boarding pass: the same, once a BCBP head (`M`, legs 1–4, a 20-character name field:
 *   22 keys) has arrived within `passHeadWithinMs`; `M1` alone is too short to tell a scanner
 *   from a person, the whole shaped head in about two seconds is not.
 */
import { MAX_SCAN_TEXT } from '../../main/contract/scan-limits.ts';
import { PASS_HEAD_CHARS, passHead } from '../../main/contract/trip.ts';
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
  /** Longest gap between two keys of a burst recognised by speed; scanners type every 1–10 ms, people every 80+ ms. */
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
  /** A burst that begins with these characters (typed by physical key) is a card: collected whole. '' turns it off. */
  cardPrefix: string;
  /**
   * The prefix's six keys (four of them shifted) must all arrive within this many ms of its first: a 45 ms
   * scanner with a stall of up to ~1 s does; a person seldom does, and one who does only finds that what
   * they typed is checked as a scan, as Enter in the manual field would have done.
   */
  prefixWithinMs: number;
  /** A card's burst with no key for this long is over without its terminator (cut off). */
  cardSilenceMs: number;
  /**
   * A boarding pass's head (22 keys, shaped as BCBP's) arriving within this many ms of its first key
   * makes the burst a pass, collected whole like a card: a 45–80 ms/key scanner with a stall does, a
   * person typing that shape does not. 0 turns it off.
   */
  passHeadWithinMs: number;
}

/** The BMET card prefix (qr-format.md); the verifier's own constant lives in core, out of the renderer's reach. */
export const CARD_PREFIX = 'BMET1:';

export const DEFAULT_WEDGE: WedgeOptions = {
  maxInterKeyMs: 35,
  minLength: 8,
  terminator: 'enter',
  idleMs: 80,
  confirmAfter: 4,
  maxLength: MAX_SCAN_TEXT,
  cardPrefix: CARD_PREFIX,
  prefixWithinMs: 1200,
  cardSilenceMs: 1500,
  passHeadWithinMs: 2500,
};

export interface WedgeScan {
  text: string;
  overlong: boolean;
  at: number;
  /** Ended by silence before its terminator (a card's burst that stopped). */
  cut?: boolean;
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
  /** Timestamp of the latest key of the buffer, and of its first. */
  private last = -Infinity;
  private first = -Infinity;
  /** Every gap in the buffer so far was a scanner's. */
  private fast = true;
  /** Held back from the page: confirmed by speed, or a card. Once held, stays held until the burst ends. */
  private held = false;
  private card = false;
  /**
   * Where the latest run of fast keys began: a pause tolerated because a card prefix or pass head
   * was still arriving starts a new run. If no head completes, only that last run can be a scan
   * (as if the pause had ended the burst): an unfinished head never joins text across a pause.
   */
  private runStart = 0;
  /**
   * Where a card's prefix or a pass's head may have begun after a pause inside something pending
   * that looked like a pass head (a person's stray `M1`, say), and when: a card or pass there is
   * still recognised, and what came before it dropped. -1: none.
   */
  private headFrom = -1;
  private headAt = -Infinity;

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.opts = { ...DEFAULT_WEDGE, ...opts };
    const o = this.opts;
    if (
      !(o.maxInterKeyMs > 0) ||
      !(o.minLength >= 1) ||
      !(o.confirmAfter >= 1) ||
      !(o.maxLength >= o.minLength) ||
      !(o.prefixWithinMs >= 0) ||
      !(o.cardSilenceMs > 0) ||
      !(o.passHeadWithinMs >= 0)
    ) {
      throw new RangeError(
        'wedge options: need maxInterKeyMs > 0, minLength >= 1, confirmAfter >= 1, maxLength >= minLength, prefixWithinMs >= 0, cardSilenceMs > 0, passHeadWithinMs >= 0',
      );
    }
    if (!['enter', 'tab', 'none'].includes(o.terminator))
      throw new RangeError("terminator must be 'enter', 'tab' or 'none'");
  }

  /** How many characters of a possible scan are held now. */
  get pending(): number {
    return this.buf.length;
  }

  /** A card's or pass's burst is being collected (its head is in): keys go to it until its terminator or silence. */
  get collectingCard(): boolean {
    return this.card;
  }

  /** Timestamp of the latest key of the pending burst. */
  get lastKeyAt(): number {
    return this.last;
  }

  /** The silence after which `idle` ends the pending burst, or null when silence does not end it. */
  get silenceMs(): number | null {
    if (!this.buf.length) return null;
    if (this.card) return this.opts.terminator === 'none' ? this.opts.idleMs : this.opts.cardSilenceMs;
    return this.opts.terminator === 'none' ? this.opts.idleMs : null;
  }

  /** One keydown. */
  key(k: WedgeKey): KeyOutcome {
    if (MODIFIER_CODES.has(k.code)) return { consumed: this.held };
    if (k.ctrl || k.alt || k.meta || k.repeat) return this.reset();
    const gap = k.timeStamp - this.last;
    const t = this.opts.terminator;
    const isTerminator =
      (t === 'enter' && (k.code === 'Enter' || k.code === 'NumpadEnter')) ||
      (t === 'tab' && k.code === 'Tab');
    const ch = isTerminator ? null : charForKey(k.code, k.shift);

    if (this.buf.length && !this.card && gap > this.opts.maxInterKeyMs) {
      // A pause: typing, unless it falls inside a card's prefix that is still arriving in time.
      const next = ch === null ? null : this.buf + ch;
      // Only after a pending pass head: anything else pending ends at this pause as it always did.
      if (next !== null && this.headFrom < 0 && passHead(this.buf) === 'partial' && this.mayBeginHead(ch)) {
        this.headFrom = this.buf.length;
        this.headAt = k.timeStamp;
      }
      if (next !== null && this.inPrefix(next, k.timeStamp)) {
        this.fast = false;
        this.runStart = this.buf.length;
      } else this.reset();
    }
    if (isTerminator) {
      if (this.card) return { consumed: true, scan: this.take(k.timeStamp) };
      const scan = this.takeRun(k.timeStamp);
      return scan ? { consumed: true, scan } : NOT_MINE;
    }
    if (ch === null) return this.reset(); // arrows, Backspace, F-keys: a person
    if (!this.buf.length) {
      this.first = k.timeStamp;
      this.fast = true;
    }
    this.last = k.timeStamp;
    if (this.buf.length < this.opts.maxLength) this.buf += ch;
    else this.overlong = true;
    if (this.headFrom >= 0 && !this.headSoFar(this.buf.slice(this.headFrom), k.timeStamp - this.headAt))
      this.headFrom = -1;
    if (!this.card && this.headComplete(k.timeStamp)) {
      this.card = true;
      this.held = true;
    }
    if (this.fast && this.buf.length >= this.opts.confirmAfter) this.held = true;
    return { consumed: this.held };
  }

  /**
   * Call when no key came for a while (`now` on the keys' clock): ends a scan after `silenceMs`
   * of silence — with terminator 'none' always, otherwise a card's burst cut off before its terminator.
   */
  idle(now: number): WedgeScan | null {
    const silence = this.silenceMs;
    if (silence === null || now - this.last < silence) return null;
    if (this.card) return { ...this.take(this.last), cut: this.opts.terminator !== 'none' };
    return this.takeRun(this.last);
  }

  /** `c` could be the first character of a card prefix or of a pass head. */
  private mayBeginHead(c: string | null): boolean {
    return (
      c !== null && ((this.opts.cardPrefix !== '' && c === this.opts.cardPrefix[0]) || passHead(c) !== 'no')
    );
  }

  /** `t`, begun `sinceMs` ago, is (so far) a card prefix or a pass head arriving in time. */
  private headSoFar(t: string, sinceMs: number): boolean {
    const o = this.opts;
    if (
      o.cardPrefix !== '' &&
      t.length <= o.cardPrefix.length &&
      o.cardPrefix.startsWith(t) &&
      sinceMs <= o.prefixWithinMs
    )
      return true;
    return (
      o.passHeadWithinMs > 0 &&
      t.length <= PASS_HEAD_CHARS &&
      sinceMs <= o.passHeadWithinMs &&
      passHead(t) !== 'no'
    );
  }

  /** `t`, begun `sinceMs` ago, has just become a whole card prefix or pass head, in time. */
  private wholeHead(t: string, sinceMs: number): boolean {
    const o = this.opts;
    if (o.cardPrefix !== '' && t === o.cardPrefix && sinceMs <= o.prefixWithinMs) return true;
    return (
      o.passHeadWithinMs > 0 &&
      t.length === PASS_HEAD_CHARS &&
      sinceMs <= o.passHeadWithinMs &&
      passHead(t) === 'full'
    );
  }

  /** `s` is still a card's prefix or a pass's head arriving in time (from its start, or from a candidate after a pause). */
  private inPrefix(s: string, at: number): boolean {
    if (this.headSoFar(s, at - this.first)) return true;
    return this.headFrom > 0 && this.headSoFar(s.slice(this.headFrom), at - this.headAt);
  }

  /** The buffer has just become a whole card prefix or pass head, in time. */
  private headComplete(at: number): boolean {
    if (this.wholeHead(this.buf, at - this.first)) return true;
    if (this.headFrom > 0 && this.wholeHead(this.buf.slice(this.headFrom), at - this.headAt)) {
      // A card or pass after something pending that only looked like a pass head: it alone is the scan.
      this.buf = this.buf.slice(this.headFrom);
      this.first = this.headAt;
      this.runStart = 0;
      this.headFrom = -1;
      return true;
    }
    return false;
  }

  /** The burst's last run as a scan when it is one by itself (held, long enough), else null; the burst ends either way. */
  private takeRun(at: number): WedgeScan | null {
    const text = this.buf.slice(this.runStart);
    const confirmed = this.runStart === 0 ? this.held : text.length >= this.opts.confirmAfter;
    const scan =
      confirmed && text.length >= this.opts.minLength ? { text, overlong: this.overlong, at } : null;
    this.reset();
    return scan;
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
    this.first = -Infinity;
    this.fast = true;
    this.held = false;
    this.card = false;
    this.runStart = 0;
    this.headFrom = -1;
    this.headAt = -Infinity;
    return NOT_MINE;
  }
}
