/**
 * `pinPad(pin)`: an on-screen number pad for touch screens, under a toggle beside the PIN
 * field: digits in Bangla and English, delete one, clear, and sign in. It types into the
 * same PIN field, so the form checks and sends the PIN as it does when typed.
 */
import { DESK_WORDS as D, SIGN_IN_WORDS as S } from '../../main/contract/words.ts';
import { bi, h, num } from '../dom.ts';
import { insertAtCaret } from './physical-keys.ts';

export function pinPad(
  pin: HTMLInputElement,
  form: HTMLFormElement,
  testid: string,
): { toggle: HTMLButtonElement; pad: HTMLElement } {
  const key = (digit: number) =>
    h(
      'button',
      { type: 'button', class: 'pad-key', 'data-digit': String(digit), 'data-testid': `${testid}-pad-key` },
      h('span', { class: 'bn', lang: 'bn' }, num(digit).bn),
      h('span', { class: 'en', lang: 'en' }, String(digit)),
    );
  const back = h(
    'button',
    {
      type: 'button',
      class: 'pad-key pad-back',
      'aria-label': `${D.pinBack.bn} / ${D.pinBack.en}`,
      'data-testid': `${testid}-pad-back`,
    },
    '⌫',
  );
  const clear = h(
    'button',
    { type: 'button', class: 'pad-key pad-clear', 'data-testid': `${testid}-pad-clear` },
    bi(D.pinClear),
  );
  const ok = h(
    'button',
    { type: 'submit', class: 'pad-ok', 'data-testid': `${testid}-pad-ok` },
    bi(S.signIn),
  );
  const pad = h(
    'div',
    { class: 'pin-pad', 'data-testid': `${testid}-pad`, hidden: '' },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(key),
    clear,
    key(0),
    back,
    ok,
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'pad-toggle',
      'aria-expanded': 'false',
      'data-testid': `${testid}-pad-toggle`,
    },
    bi(D.pinPad),
  );
  toggle.addEventListener('click', () => {
    pad.hidden = !pad.hidden;
    toggle.setAttribute('aria-expanded', String(!pad.hidden));
    if (!pad.hidden) pin.focus();
  });
  pad.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>('button');
    if (!b || b === ok) return;
    if (b.dataset.digit) insertAtCaret(pin, b.dataset.digit);
    else if (b === back) pin.value = pin.value.slice(0, -1);
    else if (b === clear) pin.value = '';
  });
  // The pad closes once the form is sent, whatever the answer.
  form.addEventListener('submit', () => {
    pad.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  });
  return { toggle, pad };
}
