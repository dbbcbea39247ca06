/**
 * `reasonList`: each reason as the officer needs it — what is wrong and, in bold, what to
 * do next (Bangla first); the codes are for technicians, in the verdict's codes toggle. A failed
 * destination rule says the rule's own words, and the action its kind calls for (a
 * passport rule: ask for the passport).
 */
import type { Reason } from '../../main/contract/codes.ts';
import {
  REASON_ACTIONS,
  REASON_WORDS,
  RULE_KIND_ACTIONS,
  UI_WORDS as W,
  type Words,
} from '../../main/contract/words.ts';
import { bi, h, when } from '../dom.ts';

/** What the officer does for this reason; `ruleKinds` maps a failed rule's id to its kind. */
export function actionFor(r: Reason, ruleKinds: Record<string, string> = {}): Words {
  const kind = r.rule ? ruleKinds[r.rule] : undefined;
  return (kind && RULE_KIND_ACTIONS[kind]) || REASON_ACTIONS[r.code];
}

function reasonItem(r: Reason, ruleKinds: Record<string, string> | undefined): HTMLElement {
  return h(
    'li',
    { class: 'reason', 'data-code': r.code, ...(r.rule ? { 'data-rule': r.rule } : {}) },
    // The code itself (and the rule id) is for technicians: in the verdict's codes toggle, not here.
    h(
      'div',
      { class: 'reason-what' },
      r.text ? bi(r.text, 'rule-text') : bi(REASON_WORDS[r.code], 'reason-text'),
    ),
    r.firstSeenAt ? h('div', { class: 'first-seen' }, bi(W.firstSeenAt), ' ', bi(when(r.firstSeenAt))) : null,
    h('div', { class: 'reason-action', 'data-testid': 'reason-action' }, bi(actionFor(r, ruleKinds))),
  );
}

export function reasonList(reasons: readonly Reason[], ruleKinds?: Record<string, string>): HTMLElement {
  return h(
    'div',
    { class: 'reasons' },
    h('h3', {}, bi(W.reasons)),
    h('ul', { 'data-testid': 'reasons' }, ...reasons.map((r) => reasonItem(r, ruleKinds))),
  );
}
