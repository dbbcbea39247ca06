/**
 * `typeByPhysicalKey(field, allow)`: a text field that takes the character of the physical
 * key (`KeyboardEvent.code` + Shift + Caps Lock, as a US keyboard would type it) instead of
 * what the active layout makes of it — so an ID and a PIN can be typed with a Bangla layout
 * (Bijoy, Avro) on, as the wedge reads scans. `allow` says which characters the field takes.
 */
import { charForKey } from '../input/wedge-keymap.ts';

/** Inserts `text` at the caret (replacing a selection), as typing would, and tells the field's listeners. */
export function insertAtCaret(field: HTMLInputElement, text: string): void {
  const max = field.maxLength > 0 ? field.maxLength : Infinity;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? field.value.length;
  if (field.value.length - (end - start) + text.length > max) return;
  field.setRangeText(text, start, end, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function typeByPhysicalKey(field: HTMLInputElement, allow: RegExp): void {
  field.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    let ch = charForKey(e.code, e.shiftKey);
    if (ch === null) return; // Enter, Backspace, arrows, Tab: the browser's own
    if (/^[a-z]$/i.test(ch) && e.getModifierState('CapsLock'))
      ch = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    e.preventDefault();
    if (allow.test(ch)) insertAtCaret(field, ch);
  });
}
