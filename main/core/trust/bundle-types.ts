/**
 * The trust bundle payload (trust-bundle.md) and destination rules (qr-format.md), as
 * validated: the types are derived from the zod schema (bundle-schema.ts), never written twice.
 */
import type { z } from 'zod';
import type { bundleKeySchema, knownRuleSchema, payloadSchema } from './bundle-schema.ts';

export type BundleKey = z.infer<typeof bundleKeySchema>;
export type KeyStatus = BundleKey['status'];

export type Rule = z.infer<typeof knownRuleSchema>;
export type RuleText = Rule['text'];
export type RuleKind = Rule['kind'];
/** A rule of a kind this kiosk does not know: ignored (qr-format.md), and said so where a bundle is judged. */
export interface IgnoredRule {
  id: string;
  kind: string;
}

/** The log lines of a checked bundle or payload: one for each rule the kiosk ignores. */
export const bundleWarnings = (b: { ignoredRules: IgnoredRule[] }): string[] =>
  b.ignoredRules.map((r) => `rule ${r.id}: unknown kind '${r.kind}' ignored`);

/** The kinds the schema knows; a bundle's rule of any other kind is dropped with a warning. */
export const RULE_KINDS = [
  'passportMinValidity',
  'ageRange',
  'pdoRequired',
] as const satisfies readonly RuleKind[];

/**
 * The payload's value lists and bounds (trust-bundle.md), stated once for both payload checks:
 * the zod schema (bundle-schema.ts) and the one by hand that starts without zod (bundle-check.ts).
 */
export const B64URL_RE = /^[A-Za-z0-9_-]+$/;
/** A rule's country: ISO 3166-1 alpha-2, or * for every destination. */
export const COUNTRY_RE = /^([A-Z]{2}|\*)$/;
export const KEY_STATUSES = ['active', 'retired', 'revoked'] as const;
export const RULE_SEVERITIES = ['block', 'warn'] as const;
export const PAYLOAD_BOUNDS = {
  keys: 1000,
  keyLabelChars: 200,
  revokedKids: 100_000,
  rules: 10_000,
  ruleIdChars: 64,
  ruleKindChars: 64,
  months: 1200,
  age: 150,
} as const;

/**
 * The index of the first rule whose id an earlier rule (of any kind) has, or -1. A rule id names
 * one rule: RULE_FAILED's `rule` (qr-format.md) must say which rule failed, so a bundle repeating
 * one is malformed (both payload checks call this).
 */
export function firstRepeatedId(rules: readonly { id?: unknown }[]): number {
  const seen = new Set<unknown>();
  for (let i = 0; i < rules.length; i++) {
    if (seen.has(rules[i]!.id)) return i;
    seen.add(rules[i]!.id);
  }
  return -1;
}

type ParsedPayload = z.infer<typeof payloadSchema>;
export type BundlePayload = Omit<ParsedPayload, 'revoked' | 'rules'> & {
  revoked: { kids: string[]; clearances: string[] };
  /** Rules of kinds this kiosk knows; others are dropped (with a warning) when parsed. */
  rules: Rule[];
};
