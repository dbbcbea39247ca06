/**
 * The technician's audit card: the latest administrative acts as a table a person reads —
 * the time in Dhaka, who, what in words (both languages), and the details as labelled
 * values (codes with their words, hashes shortened, lists joined, a batch as its labelled
 * fields: never JSON); the raw action stays as data-action.
 */
import type { AuditDetailKey, AuditValueCode } from '../../main/contract/audit.ts';
import type { Role } from '../../main/contract/staff.ts';
import type { TripOutcome } from '../../main/contract/trip.ts';
import {
  AUDIT_ACTION_WORDS,
  AUDIT_DETAIL_WORDS,
  AUDIT_VALUE_WORDS,
  ROLE_WORDS,
  TECH_WORDS as T,
  TRIP_OUTCOME_WORDS,
  wordsForCode,
  YES_NO_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { bi, h, when } from '../dom.ts';
import { once, words, type TechState } from './common.ts';

const SHOWN_KEYS_FIRST = [
  'version',
  'previousVersion',
  'code',
  'outcome',
  'cid',
  'codes',
  'reason',
  'phase',
  'type',
  'source',
  'date',
  'format',
  'rows',
  'role',
  'id',
  'name',
];

/** Details whose values are codes of the kiosk's code lists (their words: wordsForCode). */
const CODE_KEYS = new Set(['code', 'codes', 'alert']);
/** Details whose values are the audit's own coded values (AUDIT_VALUE_WORDS). */
const VALUE_KEYS = new Set(['reason', 'phase', 'why', 'next', 'type', 'via']);

const has = <T extends object>(table: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(table, k);

/** The words of a coded value, when it has some. */
function codeWords(key: string, v: string): Words | null {
  if (key === 'role') return has(ROLE_WORDS, v) ? ROLE_WORDS[v as Role] : null;
  if (key === 'outcome') return has(TRIP_OUTCOME_WORDS, v) ? TRIP_OUTCOME_WORDS[v as TripOutcome] : null;
  if (CODE_KEYS.has(key)) return wordsForCode(v);
  if (VALUE_KEYS.has(key) && has(AUDIT_VALUE_WORDS, v)) return AUDIT_VALUE_WORDS[v as AuditValueCode];
  return null;
}

/** A detail's label in both languages (a key no table knows, from an older line, shows as itself). */
const label = (k: string): Words =>
  has(AUDIT_DETAIL_WORDS, k) ? AUDIT_DETAIL_WORDS[k as AuditDetailKey] : words(k);

/** One value as words: codes with their words (the code beside them), lists joined, objects as labelled fields; never JSON. */
function value(key: string, v: unknown): Node | string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return bi(YES_NO_WORDS[v ? 'true' : 'false']);
  if (typeof v === 'string') {
    const w = codeWords(key, v);
    // A code of the kiosk's code lists keeps the code beside its words (support asks by it); the rest are words alone.
    if (w && CODE_KEYS.has(key))
      return h('span', { class: 'coded' }, bi(w), ' ', h('span', { class: 'code' }, v));
    if (w) return bi(w);
    if (/^[0-9a-f]{64}$/.test(v)) return h('span', { class: 'mono' }, `${v.slice(0, 12)}…`);
    // A certificate's SHA-256 fingerprint as Node gives it (AB:CD:…): its start tells certificates apart.
    if (/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(v)) return h('span', { class: 'mono' }, `${v.slice(0, 17)}…`);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return when(v).en;
    return v;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    const parts: (Node | string)[] = [];
    v.forEach((item: unknown, i) => parts.push(...(i ? ['; '] : []), value(key, item)));
    return h('span', { class: 'list' }, ...parts);
  }
  if (typeof v === 'object') return auditDetails(v as Record<string, unknown>);
  return String(v as bigint);
}

/** One entry's details (or a detail's own fields): each labelled in both languages, known ones first. */
export function auditDetails(detail: Record<string, unknown>): HTMLElement {
  const keys = Object.keys(detail).sort((a, b) => {
    const ia = SHOWN_KEYS_FIRST.indexOf(a);
    const ib = SHOWN_KEYS_FIRST.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return h(
    'span',
    { class: 'audit-detail' },
    ...keys.map((k) =>
      h(
        'span',
        { class: 'kv', 'data-key': k },
        h('span', { class: 'k' }, once(label(k))),
        ' ',
        h('span', { class: 'v' }, value(k, detail[k])),
      ),
    ),
  );
}

/** An action in words; an action no table knows (none today: the type ties them) shows as itself. */
const actionWords = (action: string): Words =>
  has(AUDIT_ACTION_WORDS, action) ? AUDIT_ACTION_WORDS[action] : words(action);

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
            h('td', { class: 'what' }, bi(actionWords(a.action))),
            h('td', {}, auditDetails(a.detail)),
          ),
        ),
      ),
    ),
  );
}
