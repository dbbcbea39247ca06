/**
 * `listenForWedgeScans(onScan)`: watches every keydown on the page (capture phase, so it
 * works whichever element has focus) and hands each keyboard-wedge scan on as a ScanEvent.
 * Keys of a confirmed burst and its terminator are kept from the page; the few keys that
 * reached a text field before the burst was recognised are taken back out of it.
 */
import type { ScanEvent } from '../../main/contract/bridge-events.ts';
import { wedgeKeyOf, WedgeDecoder, type WedgeOptions } from './wedge-decoder.ts';
import { MODIFIER_CODES } from './wedge-keymap.ts';

export interface WedgeListener {
  stop(): void;
  readonly decoder: WedgeDecoder;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;
const isEditable = (t: EventTarget | null): t is Editable =>
  !!t && (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement);

export function listenForWedgeScans(
  onScan: (e: ScanEvent) => void,
  opts: Partial<WedgeOptions> = {},
  target: Window = window,
): WedgeListener {
  const decoder = new WedgeDecoder(opts);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  // What the layout typed into a field for keys of the burst that were let through.
  let leaked = '';
  let leakedInto: Editable | null = null;

  const emit = (scan: { text: string; overlong: boolean }) => {
    if (leakedInto && leaked && leakedInto.value.endsWith(leaked)) {
      leakedInto.value = leakedInto.value.slice(0, -leaked.length);
      leakedInto.dispatchEvent(new Event('input', { bubbles: true }));
    }
    leaked = '';
    leakedInto = null;
    onScan({
      type: 'scan',
      scanner: 'wedge',
      source: 'wedge',
      text: scan.text,
      ...(scan.overlong ? { overlong: true } : {}),
      at: Date.now(),
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const before = decoder.pending;
    const r = decoder.key(wedgeKeyOf(e));
    if (r.consumed) {
      e.preventDefault();
      e.stopImmediatePropagation();
    } else if (!MODIFIER_CODES.has(e.code)) {
      // Let through, but remember what the layout typed in case this turns out to be a scan.
      const after = decoder.pending;
      if (after === 0 || (after === 1 && before > 0)) {
        leaked = '';
        leakedInto = null;
      }
      if (after > 0 && isEditable(e.target) && e.key.length <= 2) {
        if (leakedInto !== e.target) leaked = '';
        leakedInto = e.target;
        leaked += e.key;
      }
    }
    if (r.scan) emit(r.scan);
    if (decoder.opts.terminator === 'none') {
      clearTimeout(idleTimer);
      if (decoder.pending) {
        idleTimer = setTimeout(() => {
          const scan = decoder.idle(performance.now());
          if (scan) emit(scan);
        }, decoder.opts.idleMs + 5);
      }
    }
  };

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return {
    decoder,
    stop() {
      clearTimeout(idleTimer);
      target.removeEventListener('keydown', onKeyDown, { capture: true });
    },
  };
}
