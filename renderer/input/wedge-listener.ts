/**
 * `listenForWedgeScans(onScan)`: watches every keydown on the page (capture phase, so it
 * works whichever element has focus) and hands each keyboard-wedge scan on as a ScanEvent.
 * Keys of a confirmed burst and its terminator are kept from the page. The few keys that
 * reached a text field before the burst was recognised are taken back: the field is put
 * back exactly as it was before the burst's first key (value and caret), whatever the
 * keyboard layout made of those keys — so no scanner keystroke is ever left in a field.
 */
import type { ScanEvent } from '../../main/contract/bridge-events.ts';
import { wedgeKeyOf, WedgeDecoder, type WedgeOptions, type WedgeScan } from './wedge-decoder.ts';
import { MODIFIER_CODES } from './wedge-keymap.ts';

export interface WedgeListener {
  stop(): void;
  readonly decoder: WedgeDecoder;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;
const isEditable = (t: EventTarget | null): t is Editable =>
  !!t && (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement);

/** A text field as it was before the first key of a possible burst reached it. */
interface Snapshot {
  el: Editable;
  value: string;
  start: number | null;
  end: number | null;
}

export function listenForWedgeScans(
  onScan: (e: ScanEvent) => void,
  opts: Partial<WedgeOptions> = {},
  target: Window = window,
): WedgeListener {
  const decoder = new WedgeDecoder(opts);
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let snap: Snapshot | null = null;
  // When the latest key arrived, on the page's own clock: silence is measured on it, because key
  // timestamps may come from another clock (the platform's, or a test's chosen ones).
  let lastArrival = 0;

  /** Takes back whatever the burst's early keys typed into the field they reached. */
  const restore = () => {
    const s = snap;
    if (!s || s.el.value === s.value) return;
    s.el.value = s.value;
    if (s.start !== null && s.end !== null) s.el.setSelectionRange(s.start, s.end);
    s.el.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const emit = (scan: WedgeScan) => {
    restore();
    snap = null;
    onScan({
      type: 'scan',
      scanner: 'wedge',
      source: 'wedge',
      text: scan.text,
      ...(scan.overlong ? { overlong: true } : {}),
      at: Date.now(),
    });
  };

  const armSilence = () => {
    clearTimeout(silenceTimer);
    const ms = decoder.silenceMs;
    if (ms === null) return;
    silenceTimer = setTimeout(() => {
      const scan = decoder.idle(decoder.lastKeyAt + (performance.now() - lastArrival));
      if (scan) emit(scan);
      else armSilence();
    }, ms + 5);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    lastArrival = performance.now();
    // A card's burst that went silent too long ended before this key (should its timer be late).
    const ended = decoder.idle(e.timeStamp);
    if (ended) emit(ended);
    const r = decoder.key(wedgeKeyOf(e));
    if (!MODIFIER_CODES.has(e.code)) {
      if (decoder.pending === 0) snap = r.scan ? snap : null;
      else if (decoder.pending === 1 && !r.consumed)
        // The first key of a possible burst: remember the field before its character lands.
        snap = isEditable(e.target)
          ? {
              el: e.target,
              value: e.target.value,
              start: e.target.selectionStart,
              end: e.target.selectionEnd,
            }
          : null;
    }
    if (r.consumed) {
      e.preventDefault();
      e.stopImmediatePropagation();
      restore();
    }
    if (r.scan) emit(r.scan);
    armSilence();
  };

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return {
    decoder,
    stop() {
      clearTimeout(silenceTimer);
      target.removeEventListener('keydown', onKeyDown, { capture: true });
    },
  };
}
