/**
 * `banglaKeyboard(cdp)`: types text into Chromium as real key events (its input pipeline,
 * through CDP) from a keyboard in the Bangla layout — what a US-programmed wedge scanner
 * sends on a desk set to Bangla — each key stamped with its own time, so the page sees the
 * gaps asked for whatever the machine's load.
 */
import type { CDPSession } from 'playwright-core';
import { strokesFor } from './bangla-layout.ts';

export interface BanglaKeyboard {
  /** Types `text` with keys `gapMs` apart (or one gap a key), then Enter when asked; `pauseS` seconds pass after. */
  type(text: string, gapMs: number | readonly number[], enter: boolean, pauseS?: number): Promise<void>;
}

export function banglaKeyboard(cdp: CDPSession): BanglaKeyboard {
  let clock = Date.now() / 1000; // seconds, the keys' platform timestamps
  return {
    async type(text, gapMs, enter, pauseS = 2) {
      const strokes = [
        ...strokesFor(text),
        ...(enter ? [{ code: 'Enter', shift: false, key: 'Enter' }] : []),
      ];
      // Sent without waiting for each answer: CDP delivers them in order, the timestamps say when.
      const sent: Promise<unknown>[] = [];
      const send = (p: Record<string, unknown>) => sent.push(cdp.send('Input.dispatchKeyEvent', p as never));
      for (const [i, s] of strokes.entries()) {
        clock += (typeof gapMs === 'number' ? gapMs : (gapMs[i] ?? 45)) / 1000;
        const modifiers = s.shift ? 8 : 0;
        if (s.shift)
          send({ type: 'rawKeyDown', code: 'ShiftLeft', key: 'Shift', modifiers, timestamp: clock - 0.0005 });
        const typing = s.code === 'Enter' ? { text: '\r', windowsVirtualKeyCode: 13 } : { text: s.key };
        send({ type: 'keyDown', code: s.code, key: s.key, modifiers, timestamp: clock, ...typing });
        send({ type: 'keyUp', code: s.code, key: s.key, modifiers, timestamp: clock + 0.0002 });
        if (s.shift)
          send({ type: 'keyUp', code: 'ShiftLeft', key: 'Shift', modifiers: 0, timestamp: clock + 0.0003 });
      }
      await Promise.all(sent);
      clock += pauseS;
    },
  };
}
