// The wedge decoder with synthetic key events: scanner speed (<= 10 ms apart) against
// people (>= 80 ms), with a Bangla layout active (the `key` says Bangla; `code` decides).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charForKey } from '../../../renderer/input/wedge-keymap.ts';
import {
  DEFAULT_WEDGE,
  WedgeDecoder,
  wedgeKeyOf,
  type WedgeScan,
} from '../../../renderer/input/wedge-decoder.ts';
import { GAP_PATTERNS, gaps } from './wedge-gaps.ts';
import { encodePass } from '../../helpers/boarding-pass.ts';
import { strokesFor } from './bangla-layout.ts';

const cards: string[] = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l).qr as string).replace(/\r?\n$/, ''));

/** Feeds `text` then Enter as KeyboardEvent-like objects `gapMs` apart from `t0`; returns scans and consumed flags. */
function type(d: WedgeDecoder, text: string, gapMs: number, t0 = 1000, end = 'Enter') {
  const scans: WedgeScan[] = [];
  const consumed: boolean[] = [];
  let t = t0;
  const strokes = [...strokesFor(text), ...(end ? [{ code: end, shift: false, key: end }] : [])];
  for (const s of strokes) {
    const ev = {
      code: s.code,
      key: s.key,
      shiftKey: s.shift,
      timeStamp: t,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      repeat: false,
    };
    const r = d.key(wedgeKeyOf(ev));
    consumed.push(r.consumed);
    if (r.scan) scans.push(r.scan);
    t += gapMs;
  }
  return { scans, consumed, t };
}

describe('WedgeDecoder', () => {
  it('decodes every shared card typed at scanner speed with a Bangla layout active, exactly', () => {
    const d = new WedgeDecoder();
    for (const [i, card] of cards.entries()) {
      expect(strokesFor(card).some((s) => /[\u0980-\u09ff]/.test(s.key))).toBe(true); // the layout really is Bangla
      const { scans } = type(d, card, [1, 5, 10][i % 3]!, 10_000 * (i + 1));
      expect(scans.map((s) => s.text)).toEqual([card]);
    }
  });

  it('leaves a person typing alone (>= 80 ms between keys; card-like text at a person’s pace), Enter included', () => {
    const d = new WedgeDecoder();
    const { scans, consumed } = type(d, 'BMET1:NCFOXN%TSMAHO', 250);
    expect(scans).toEqual([]);
    expect(consumed.every((c) => !c)).toBe(true);
    expect(type(d, 'hello world 123', 80).scans).toEqual([]);
    expect(type(d, 'OF-1042', 120).scans).toEqual([]);
  });

  it('holds a burst back from the page once it is confirmed, and its Enter', () => {
    const d = new WedgeDecoder({ confirmAfter: 4 });
    const { consumed } = type(d, 'BMET1:ABCDEF', 5);
    expect(consumed.slice(0, 3)).toEqual([false, false, false]);
    expect(consumed.slice(3).every(Boolean)).toBe(true);
  });

  it('refuses a fast burst shorter than minLength (a rolled pair of keys) and a non-card burst broken by a pause', () => {
    const d = new WedgeDecoder({ minLength: 8 });
    expect(type(d, 'th', 8).scans).toEqual([]);
    // fast, then a human pause before the rest: neither half is a scan of the whole
    const a = type(d, 'M1RAHIM', 5, 1000, '');
    const b = type(d, 'CDEFGHIJ', 5, a.t + 200);
    expect(b.scans.map((s) => s.text)).toEqual(['CDEFGHIJ']);
  });

  it('a card (BMET1: by physical keys) is collected whole across pauses, until its Enter', () => {
    const d = new WedgeDecoder({ minLength: 8 });
    const a = type(d, 'BMET1:AB', 5, 1000, '');
    const b = type(d, 'CDEFGHIJ', 5, a.t + 200);
    expect(b.scans.map((s) => s.text)).toEqual(['BMET1:ABCDEFGHIJ']);
    expect(b.consumed.every(Boolean)).toBe(true);
  });

  it('a person typing just before a scan does not end up in it', () => {
    const d = new WedgeDecoder();
    const human = type(d, 'abc', 150, 1000, '');
    expect(type(d, 'BMET1:XYZ123', 4, human.t + 100).scans.map((s) => s.text)).toEqual(['BMET1:XYZ123']);
  });

  it('reads capitals from Shift + key whatever Caps Lock and the layout say', () => {
    expect(charForKey('KeyB', true)).toBe('B');
    expect(charForKey('KeyB', false)).toBe('b');
    expect(charForKey('Digit5', true)).toBe('%');
    expect(charForKey('Semicolon', true)).toBe(':');
    expect(charForKey('Numpad7', false)).toBe('7');
    expect(charForKey('ArrowLeft', false)).toBeNull();
  });

  it('breaks a burst on Ctrl/Alt/Meta chords, auto-repeat and non-typing keys', () => {
    const d = new WedgeDecoder({ minLength: 4 });
    type(d, 'ABCDE', 5, 1000, '');
    d.key({ code: 'KeyC', shift: false, timeStamp: 1030, ctrl: true });
    expect(d.pending).toBe(0);
    type(d, 'ABCDE', 5, 2000, '');
    d.key({ code: 'ArrowLeft', shift: false, timeStamp: 2030 });
    expect(d.pending).toBe(0);
    type(d, 'ABCDE', 5, 3000, '');
    d.key({ code: 'KeyE', shift: true, timeStamp: 3030, repeat: true });
    expect(d.pending).toBe(0);
  });

  it("ends a scan on silence with terminator 'none', and on Tab with 'tab'", () => {
    const none = new WedgeDecoder({ terminator: 'none', idleMs: 50 });
    const r = type(none, 'BMET1:QWERTY', 3, 1000, '');
    expect(none.idle(r.t + 10)).toBeNull();
    expect(none.idle(r.t + 60)?.text).toBe('BMET1:QWERTY');
    expect(none.pending).toBe(0);
    const tab = new WedgeDecoder({ terminator: 'tab' });
    expect(type(tab, 'BMET1:QWERTY', 3, 1000, 'Tab').scans.map((s) => s.text)).toEqual(['BMET1:QWERTY']);
    expect(type(tab, 'BMET1:QWERTY', 3, 5000, 'Enter').scans).toEqual([]);
  });

  it('marks a scan past maxLength overlong', () => {
    const d = new WedgeDecoder({ maxLength: 10 });
    const s = type(d, 'BMET1:ABCDEFGHIJ', 2).scans[0]!;
    expect(s).toMatchObject({ text: 'BMET1:ABCD', overlong: true });
  });

  it('ignores Shift presses between keys of a burst', () => {
    const d = new WedgeDecoder({ minLength: 3 });
    let t = 0;
    for (const [code, shift] of [
      ['ShiftLeft', true],
      ['KeyA', true],
      ['ShiftLeft', false],
      ['KeyB', false],
      ['KeyC', true],
      ['Enter', false],
    ] as const) {
      const r = d.key({ code, shift, timeStamp: (t += 3) });
      if (r.scan) expect(r.scan.text).toBe('AbC');
    }
  });
});

describe('WedgeDecoder with recorded gap patterns (slow scanners, late key events)', () => {
  /** Types `text` + Enter with the pattern's gaps; returns the scans and which keys were held back. */
  function typeGaps(d: WedgeDecoder, text: string, g: number[], t0: number) {
    const strokes = [...strokesFor(text), { code: 'Enter', shift: false, key: 'Enter' }];
    const scans: WedgeScan[] = [];
    const consumed: boolean[] = [];
    let t = t0;
    strokes.forEach((s, i) => {
      t += i ? g[i]! : 0;
      const r = d.key({ code: s.code, shift: s.shift, timeStamp: t });
      consumed.push(r.consumed);
      if (r.scan) scans.push(r.scan);
    });
    return { scans, consumed, t };
  }
  // Short and long cards of the shared vectors (all that start like a card).
  const bmet = cards.filter((c) => c.startsWith('BMET1:')).sort((a, b) => a.length - b.length);
  const some = [bmet[0]!, bmet[Math.floor(bmet.length / 2)]!, bmet.at(-1)!];

  it.each(GAP_PATTERNS)(
    '%s: every card whole, and every key after the prefix held back from the page',
    (p) => {
      const d = new WedgeDecoder();
      let t = 1000;
      for (const [i, card] of some.entries()) {
        const g = gaps(p, card.length + 1, 45 + i);
        const r = typeGaps(d, card, g, t);
        expect(r.scans.map((s) => s.text)).toEqual([card]);
        expect(r.consumed.slice(6).every(Boolean)).toBe(true);
        t = r.t + 5000;
      }
    },
  );

  it('a card cut off before its Enter is handed on after the silence, marked cut, never left to the page', () => {
    const d = new WedgeDecoder();
    const card = cards[0]!;
    const r = type(d, card.slice(0, 200), 45, 1000, '');
    expect(r.consumed.slice(6).every(Boolean)).toBe(true);
    const last = r.t - 45;
    expect(d.idle(last + DEFAULT_WEDGE.cardSilenceMs - 1)).toBeNull();
    expect(d.idle(last + DEFAULT_WEDGE.cardSilenceMs)).toMatchObject({ text: card.slice(0, 200), cut: true });
    expect(d.pending).toBe(0);
  });

  it('the prefix too slow (a person typing BMET1: over seconds) is typing, not a card', () => {
    const d = new WedgeDecoder();
    const r = type(d, 'BMET1:', 300, 1000, '');
    expect(r.consumed.every((c) => !c)).toBe(true);
    expect(d.collectingCard).toBe(false);
  });

  // Boarding passes (independent encoder): one leg, a cut 20-character name, four legs.
  const passes = [
    encodePass('UDDIN/RAHIM MD', [['DAC', 'KWI', 'KU', '284', '2026-11-22']]),
    encodePass('CHOWDHURY/MOHAMMAD ABDUL KARIM MR', [['DAC', 'DXB', 'EK', '583', '2026-11-22']]),
    encodePass('BEGUM/AMENA MST', [
      ['CGP', 'DAC', 'BG', '122', '2026-11-22'],
      ['DAC', 'DXB', 'EK', '583', '2026-11-22'],
      ['DXB', 'KWI', 'EK', '853', '2026-11-23'],
      ['KWI', 'DMM', 'KU', '711', '2026-11-23'],
    ]),
  ];

  it.each(GAP_PATTERNS)('%s: every boarding pass whole, every key after its head held back', (p) => {
    const d = new WedgeDecoder();
    let t = 1000;
    for (const [i, pass] of passes.entries()) {
      expect(pass).toMatch(/^M[1-4]/);
      const g = gaps(p, pass.length + 1, 77 + i);
      const r = typeGaps(d, pass, g, t);
      expect(r.scans.map((s) => s.text)).toEqual([pass]);
      expect(r.consumed.slice(22).every(Boolean)).toBe(true);
      t = r.t + 5000;
    }
  });

  it('a person typing a pass-shaped text (>= 120 ms a key) is typing, not a pass; keys left to the page', () => {
    const d = new WedgeDecoder();
    const r = type(d, passes[0]!.slice(0, 30), 120, 1000, 'Enter');
    expect(r.scans).toEqual([]);
    expect(r.consumed.every((c) => !c)).toBe(true);
    expect(d.collectingCard).toBe(false);
  });

  it('a slow burst that stops being pass-shaped before its head is whole ends at the pause, as before', () => {
    const d = new WedgeDecoder();
    // 'M1UDDIN' at 45 ms a key, then a digit: not a name field; the next fast run stands alone.
    const a = type(d, 'M1UDDIN', 45, 1000, '');
    const b = type(d, '7ABCDEFGHJ', 5, a.t);
    expect(b.scans.map((s) => s.text)).toEqual(['7ABCDEFGHJ']);
  });

  it('with passHeadWithinMs 0 a slow pass is split as any slow burst is', () => {
    const d = new WedgeDecoder({ passHeadWithinMs: 0 });
    const r = type(d, passes[0]!, 45, 1000);
    expect(r.scans).toEqual([]);
    expect(r.consumed.every((c) => !c)).toBe(true);
  });

  it.each(['steady-45', 'busy-45', 'steady-4'] as const)(
    'a stray pass-like "M1" typed just before a card does not swallow it (%s): the card alone is the scan',
    (pattern) => {
      const d = new WedgeDecoder();
      const card = bmet[0]!;
      const person = type(d, 'M1', 200, 1000, '');
      expect(person.consumed).toEqual([false, false]);
      const g = gaps(pattern, card.length + 1, 31);
      g[0] = 0;
      const r = typeGaps(d, card, g, person.t + 150);
      expect(r.scans.map((s) => s.text)).toEqual([card]);
      expect(r.consumed.slice(6).every(Boolean)).toBe(true);
    },
  );

  it('a fast card with a stall, after a stray "M1": the whole card, not a fragment', () => {
    const d = new WedgeDecoder();
    const card = bmet[0]!;
    const person = type(d, 'M1', 200, 1000, '');
    const g = new Array<number>(card.length + 1).fill(4);
    g[10] = 200; // the machine stalls after BMET1:abcd
    const r = typeGaps(d, card, g, person.t + 150);
    expect(r.scans.map((s) => s.text)).toEqual([card]);
  });

  it('a stray "M1" before a slow pass: the pass alone is the scan', () => {
    const d = new WedgeDecoder();
    const pass = passes[0]!;
    const person = type(d, 'M1', 200, 1000, '');
    const r = typeGaps(d, pass, gaps('steady-45', pass.length + 1), person.t + 150);
    expect(r.scans.map((s) => s.text)).toEqual([pass]);
  });
});
