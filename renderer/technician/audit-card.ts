/**
 * The technician's audit card: the latest administrative acts as a table a person reads —
 * the time in Dhaka, who, what in words (both languages), and the details as labelled
 * values (codes with their words, hashes shortened); the raw action stays as data-action.
 */
import {
  AUDIT_ACTION_WORDS,
  AUDIT_DETAIL_WORDS,
  TECH_WORDS as T,
  wordsForCode,
  type Words,
} from '../../main/contract/words.ts';
import { bi, h, when } from '../dom.ts';
import { once, words, type TechState } from './common.ts';

const SHOWN_KEYS_FIRST = [
  'version',
  'previousVersion',
  'code',
  'source',
  'date',
  'format',
  'rows',
  'role',
  'id',
  'name',
];

function value(key: string, v: unknown): Node | string {
  if (v === null || v === undefined) return '—';
  if (key === 'code' && typeof v === 'string') {
    const w = wordsForCode(v);
    return h('span', {}, w ? bi(w) : '', h('span', { class: 'code' }, v));
  }
  if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v))
    return h('span', { class: 'mono' }, `${v.slice(0, 12)}…`);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return when(v).en;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return h('span', { class: 'mono' }, JSON.stringify(v).slice(0, 120));
}

/** One entry's details: each field labelled in both languages, known ones first. */
export function auditDetails(detail: Record<string, unknown>): HTMLElement {
  const keys = Object.keys(detail).sort((a, b) => {
    const ia = SHOWN_KEYS_FIRST.indexOf(a);
    const ib = SHOWN_KEYS_FIRST.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return h(
    'span',
    { class: 'audit-detail' },
    ...keys.map((k) => {
      const label: Words = AUDIT_DETAIL_WORDS[k] ?? words(k);
      return h(
        'span',
        { class: 'kv', 'data-key': k },
        h('span', { class: 'k' }, once(label)),
        ' ',
        h('span', { class: 'v' }, value(k, detail[k])),
      );
    }),
  );
}

export function renderAudit(box: HTMLElement, st: TechState, canRead: boolean): void {
  if (!canRead || !st.audit) {
    box.replaceChildren(h('h2', {}, bi(T.audit)), h('p', { class: 'muted' }, bi(T.auditNeedsSignIn)));
    return;
  }
  box.replaceChildren(
    h('h2', {}, bi(T.audit)),
    h(
      'table',
      { class: 'ttable audit', 'data-testid': 'tech-audit-lines' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, bi(T.auditTime)),
          h('th', {}, bi(T.auditWho)),
          h('th', {}, bi(T.auditWhat)),
          h('th', {}, bi(T.auditDetails)),
        ),
      ),
      h(
        'tbody',
        {},
        ...st.audit.map((a) =>
          h(
            'tr',
            { 'data-action': a.action, 'data-seq': String(a.seq) },
            h('td', { class: 'when' }, bi(when(a.at))),
            h('td', { class: 'mono' }, a.actor),
            h('td', { class: 'what' }, bi(AUDIT_ACTION_WORDS[a.action] ?? words(a.action))),
            h('td', {}, auditDetails(a.detail)),
          ),
        ),
      ),
    ),
  );
}
