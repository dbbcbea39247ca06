/** The technician's card of the trust bundle in force: version, dates, who installed it, counts, and its keys. */
import {
  API_ERROR_WORDS,
  KEY_STATUS_WORDS,
  TECH_WORDS as T,
  wordsForCode,
} from '../../main/contract/words.ts';
import { bi, h, num, when } from '../dom.ts';
import { row, type TechState } from './common.ts';

export function renderTrust(box: HTMLElement, st: TechState): void {
  const t = st.trust;
  if (!t) {
    const code = st.status?.trustProblem?.code ?? st.trustError ?? 'NO_TRUST';
    box.replaceChildren(
      h('h2', {}, bi(T.trustInForce)),
      h(
        'div',
        { class: 'tbad', 'data-code': code },
        bi(wordsForCode(code) ?? API_ERROR_WORDS.NO_TRUST),
        h('span', { class: 'code' }, code),
      ),
    );
    return;
  }
  const expired = st.status?.trust?.expired === true;
  const counts = (n: number) => bi(num(n));
  box.replaceChildren(
    h('h2', {}, bi(T.trustInForce)),
    h(
      'dl',
      {},
      ...row(T.version, h('strong', { 'data-testid': 'tech-trust-version' }, String(t.version))),
      ...row(T.issued, bi(when(t.issuedAt))),
      ...row(
        T.expires,
        h(
          'span',
          { class: expired ? 'tbad' : '' },
          bi(when(t.expiresAt)),
          expired ? h('span', { class: 'code' }, 'TRUST_BUNDLE_EXPIRED') : '',
        ),
      ),
      ...row({ bn: 'SHA-256', en: 'SHA-256' }, h('span', { class: 'mono' }, t.sha256.slice(0, 16) + '…')),
      ...(t.installed
        ? row(
            T.installedBy,
            bi({
              bn: `${t.installed.actor} · ${when(t.installed.at).bn}`,
              en: `${t.installed.actor} · ${when(t.installed.at).en}`,
            }),
            'tech-trust-installed',
          )
        : row(T.installedBy, bi(t.source === 'file' ? T.fromFile : T.none))),
      ...row(T.revokedKeys, counts(t.revokedKids)),
      ...row(T.revokedClearances, counts(t.revokedClearances)),
      ...row(T.rules, counts(t.rules)),
    ),
    h(
      'table',
      { class: 'ttable keys', 'data-testid': 'tech-kids' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, bi(T.keys)),
          h('th', {}, bi(T.keyStatus)),
          h('th', {}, bi(T.validFrom)),
          h('th', {}, bi(T.validUntil)),
          h('th', {}, bi(T.label)),
        ),
      ),
      h(
        'tbody',
        {},
        ...t.keys.map((k) =>
          h(
            'tr',
            { class: `key-${k.status}`, 'data-kid': k.kid, 'data-status': k.status },
            h('td', { class: 'mono' }, k.kid),
            h('td', {}, bi(KEY_STATUS_WORDS[k.status])),
            h('td', { class: 'date' }, when(k.nbf, 'date').en),
            h('td', { class: 'date' }, when(k.exp, 'date').en),
            h('td', {}, k.label ?? ''),
          ),
        ),
      ),
    ),
  );
}
