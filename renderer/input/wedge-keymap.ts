/**
 * `charForKey(code, shift)`: the character a keyboard-wedge scanner meant by a physical key.
 * Scanners type as if on a US keyboard; reading `KeyboardEvent.code` (the key's position)
 * instead of `key` (what the active layout made of it) keeps scans right with a Bangla
 * layout (Bijoy, Avro) or Caps Lock on.
 */

const PAIRS: Record<string, [string, string]> = {
  Space: [' ', ' '],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
  NumpadDecimal: ['.', '.'],
  NumpadEqual: ['=', '='],
  NumpadComma: [',', ','],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** The US-layout character for a physical key and Shift, or null for a key that types none. */
export function charForKey(code: string, shift: boolean): string | null {
  if (code.length === 4 && code.startsWith('Key')) {
    const c = code[3]!;
    if (c < 'A' || c > 'Z') return null;
    return shift ? c : c.toLowerCase();
  }
  if (code.length === 6 && code.startsWith('Digit')) {
    const d = code.charCodeAt(5) - 48;
    if (d < 0 || d > 9) return null;
    return shift ? SHIFTED_DIGITS[d]! : String(d);
  }
  if (code.length === 7 && code.startsWith('Numpad')) {
    const d = code.charCodeAt(6) - 48;
    if (d >= 0 && d <= 9) return String(d);
  }
  const pair = PAIRS[code];
  return pair ? pair[shift ? 1 : 0] : null;
}

/** Keys that neither type nor break a burst (scanners press Shift around capitals). */
export const MODIFIER_CODES = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock', 'NumLock']);
