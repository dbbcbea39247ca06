/**
 * `manualEntry`: the field for pasting a QR's text when there is no scanner. It keeps the
 * focus (so a paste or keystrokes without a click still land), except from a field the
 * person chose (sign-in, marked data-own-focus) or while another screen is up.
 */
import { MAX_SCAN_TEXT } from '../../main/contract/api.ts';
import { UI_WORDS as W } from '../../main/contract/words.ts';
import { bi, h } from '../dom.ts';

export interface ManualEntry {
  readonly el: HTMLFormElement;
  readonly input: HTMLInputElement;
  /** Puts the focus back in the field, unless a person's own field or another screen has it. */
  keepFocus(): void;
}

export function manualEntry(screen: HTMLElement, onText: (text: string) => void): ManualEntry {
  const input = h('input', {
    type: 'text',
    class: 'manual-input',
    'data-testid': 'manual-input',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: String(MAX_SCAN_TEXT),
    'aria-label': `${W.manualLabel.bn} / ${W.manualLabel.en}`,
  });
  const el = h(
    'form',
    { class: 'manual', 'data-testid': 'manual-form' },
    h('label', {}, bi(W.manualLabel)),
    h('div', { class: 'manual-row' }, input, h('button', { type: 'submit' }, bi(W.manualCheck))),
  );
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    input.value = '';
    if (text.trim()) onText(text);
  });
  const keepFocus = () =>
    setTimeout(() => {
      if (screen.closest('[hidden]') || document.activeElement?.closest('[data-own-focus]')) return;
      if (document.activeElement !== input) input.focus();
    }, 0);
  document.addEventListener('click', keepFocus);
  input.addEventListener('blur', keepFocus);
  return { el, input, keepFocus };
}
