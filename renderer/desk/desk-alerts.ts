/**
 * `deskAlerts`: the bars under the header that must not be missed — no officer signed in
 * (scans logged UNSIGNED), the kiosk service unreachable, no trust bundle or an expired
 * one, the log failing or off.
 */
import type { KioskStatus } from '../../main/contract/api.ts';
import {
  API_ERROR_WORDS,
  LOG_PROBLEM_WORDS,
  REASON_WORDS,
  SIGN_IN_WORDS,
  UI_WORDS as W,
  wordsForCode,
} from '../../main/contract/words.ts';
import { bi, h } from '../dom.ts';

export function deskAlerts(): {
  el: HTMLElement;
  render(s: KioskStatus | null, connected: boolean, officerMissing: boolean): void;
} {
  const el = h('div', { class: 'alerts', 'data-testid': 'alerts' });
  return {
    el,
    render(s, connected, officerMissing) {
      const items: HTMLElement[] = [];
      if (officerMissing)
        items.push(
          h(
            'div',
            { class: 'alert amber', 'data-code': 'NOT_SIGNED_IN', 'data-testid': 'sign-in-prompt' },
            bi(SIGN_IN_WORDS.nobody),
          ),
        );
      if (!connected)
        items.push(
          h('div', { class: 'alert', 'data-code': 'HOST_UNREACHABLE' }, bi(API_ERROR_WORDS.HOST_UNREACHABLE)),
        );
      if (s && !s.trust && s.trustProblem)
        items.push(
          h(
            'div',
            { class: 'alert', 'data-code': s.trustProblem.code },
            bi(W.noTrust),
            bi(wordsForCode(s.trustProblem.code) ?? API_ERROR_WORDS.NO_TRUST),
          ),
        );
      if (s?.trust?.expired)
        items.push(
          h(
            'div',
            { class: 'alert', 'data-code': 'TRUST_BUNDLE_EXPIRED' },
            bi(REASON_WORDS.TRUST_BUNDLE_EXPIRED),
          ),
        );
      if (s && s.log.state !== 'ok' && s.log.code)
        items.push(
          h(
            'div',
            { class: `alert ${s.log.state === 'off' ? 'amber' : ''}`, 'data-code': s.log.code },
            bi(LOG_PROBLEM_WORDS[s.log.code]),
          ),
        );
      el.replaceChildren(...items);
    },
  };
}
