/**
 * A Bijoy-like Bangla layout for tests: the character each physical key produces when
 * that layout is active (what `KeyboardEvent.key` then says), and a US-text-to-keystrokes
 * helper, as a scanner "types" it.
 */
const BIJOY: Record<string, [string, string]> = {
  KeyA: ['ৃ', 'র্'],
  KeyB: ['ন', 'ণ'],
  KeyC: ['ে', 'ৈ'],
  KeyD: ['ি', 'ী'],
  KeyE: ['ঢ', 'ঠ'],
  KeyF: ['া', 'অ'],
  KeyG: ['্', '।'],
  KeyH: ['ব', 'ভ'],
  KeyI: ['হ', 'ঞ'],
  KeyJ: ['ক', 'খ'],
  KeyK: ['ত', 'থ'],
  KeyL: ['দ', 'ধ'],
  KeyM: ['ম', 'শ'],
  KeyN: ['স', 'ষ'],
  KeyO: ['গ', 'ঘ'],
  KeyP: ['ড়', 'ঢ়'],
  KeyQ: ['ঙ', 'ং'],
  KeyR: ['প', 'ফ'],
  KeyS: ['ু', 'ূ'],
  KeyT: ['ট', 'ঠ'],
  KeyU: ['জ', 'ঝ'],
  KeyV: ['র', 'ল'],
  KeyW: ['য', 'য়'],
  KeyX: ['ও', 'ৗ'],
  KeyY: ['চ', 'ছ'],
  KeyZ: ['্র', '্য'],
  Digit0: ['০', ')'],
  Digit1: ['১', '!'],
  Digit2: ['২', '@'],
  Digit3: ['৩', '#'],
  Digit4: ['৪', '৳'],
  Digit5: ['৫', '%'],
  Digit6: ['৬', '^'],
  Digit7: ['৭', 'ঁ'],
  Digit8: ['৮', '*'],
  Digit9: ['৯', '('],
};

export interface Stroke {
  code: string;
  shift: boolean;
  key: string;
}

const US: Record<string, [string, boolean]> = {};
for (let i = 0; i < 26; i++) {
  const L = String.fromCharCode(65 + i);
  US[L] = [`Key${L}`, true];
  US[L.toLowerCase()] = [`Key${L}`, false];
}
for (let d = 0; d < 10; d++) US[String(d)] = [`Digit${d}`, false];
')!@#$%^&*('.split('').forEach((c, d) => (US[c] = [`Digit${d}`, true]));
Object.assign(US, {
  ' ': ['Space', false],
  '-': ['Minus', false],
  _: ['Minus', true],
  '=': ['Equal', false],
  '+': ['Equal', true],
  ':': ['Semicolon', true],
  ';': ['Semicolon', false],
  '.': ['Period', false],
  '>': ['Period', true],
  ',': ['Comma', false],
  '<': ['Comma', true],
  '/': ['Slash', false],
  '~': ['Backquote', true],
  '#': ['Digit3', true],
});

/** The keystrokes a US-programmed scanner sends for `text`, and what the Bangla layout makes of each. */
export function strokesFor(text: string): Stroke[] {
  return [...text].map((c) => {
    const m = US[c];
    if (!m) throw new Error(`no key for ${JSON.stringify(c)}`);
    const [code, shift] = m;
    const bn = BIJOY[code]?.[shift ? 1 : 0];
    return { code, shift, key: bn ?? c };
  });
}
