/** Destination rules (qr-format.md): which apply to a card on a given Dhaka date, and which fail. */
import type { Clearance } from '../../contract/clearance.ts';
import type { Reason } from '../../contract/codes.ts';
import type { Rule } from '../trust/bundle-types.ts';
import { addMonths, ageOn } from './dates.ts';

export function ruleApplies(rule: Rule, c: Clearance, today: string): boolean {
  if (!(rule.countries.includes('*') || rule.countries.includes(c.dst))) return false;
  if (rule.visaTypes && !rule.visaTypes.includes(c.vt)) return false;
  return rule.from <= today && (rule.until === undefined || today < rule.until);
}

export function ruleFails(rule: Rule, c: Clearance, today: string): boolean {
  switch (rule.kind) {
    case 'passportMinValidity':
      return c.ppx < addMonths(today, rule.months);
    case 'ageRange': {
      const age = ageOn(c.dob, today);
      return age < rule.min || age > rule.max;
    }
    case 'pdoRequired':
      if (c.pdo === undefined) return true;
      return rule.withinMonths !== undefined && c.pdo < addMonths(today, -rule.withinMonths);
  }
}

/** One RULE_FAILED reason per applicable rule that fails, in bundle order. */
export function failedRules(
  rules: readonly Rule[],
  c: Clearance,
  today: string,
): { reason: Reason; severity: Rule['severity'] }[] {
  const out: { reason: Reason; severity: Rule['severity'] }[] = [];
  for (const rule of rules) {
    if (ruleApplies(rule, c, today) && ruleFails(rule, c, today)) {
      out.push({ reason: { code: 'RULE_FAILED', rule: rule.id, text: rule.text }, severity: rule.severity });
    }
  }
  return out;
}
