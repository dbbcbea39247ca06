/** Schema of the bundle payload (trust-bundle.md), checked after the signatures hold. */
import { z } from 'zod';
import { CID_RE, VISA_TYPES } from '../../contract/clearance.ts';
import { isCalendarDate, isUtcInstant } from '../verify/dates.ts';
import {
  B64URL_RE,
  COUNTRY_RE,
  KEY_STATUSES,
  PAYLOAD_BOUNDS as MAX,
  RULE_KINDS,
  RULE_SEVERITIES,
  firstRepeatedId,
  type BundlePayload,
  type IgnoredRule,
  type Rule,
} from './bundle-types.ts';

// RFC 3339 in UTC ("Z"), with optional fractional seconds, naming a real moment (no hour 24, no leap second).
const instant = z.string().refine(isUtcInstant, 'not a real RFC 3339 UTC instant');
const date = z.string().refine(isCalendarDate, 'not a YYYY-MM-DD calendar date');
const b64url = z.string().regex(B64URL_RE);

/** One issuing key (its type: BundleKey in bundle-types.ts). */
export const bundleKeySchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: b64url,
  kid: b64url,
  nbf: instant,
  exp: instant,
  status: z.enum(KEY_STATUSES),
  label: z.string().max(MAX.keyLabelChars).optional(),
});

const ruleBase = {
  id: z.string().min(1).max(MAX.ruleIdChars),
  countries: z.array(z.string().regex(COUNTRY_RE)).min(1),
  visaTypes: z.array(z.enum(VISA_TYPES)).optional(),
  from: date,
  until: date.optional(),
  severity: z.enum(RULE_SEVERITIES),
  text: z.object({ en: z.string().min(1), bn: z.string().min(1) }),
};
const months = z.number().int().min(0).max(MAX.months);
/** A destination rule of a kind this kiosk knows (its type: Rule). */
export const knownRuleSchema = z.discriminatedUnion('kind', [
  z.object({ ...ruleBase, kind: z.literal('passportMinValidity'), months }),
  z
    .object({
      ...ruleBase,
      kind: z.literal('ageRange'),
      min: z.number().int().min(0).max(MAX.age),
      max: z.number().int().min(0).max(MAX.age),
    })
    .refine((r) => r.min <= r.max, 'min above max'),
  z.object({ ...ruleBase, kind: z.literal('pdoRequired'), withinMonths: months.optional() }),
]);
// A rule of a kind this kiosk does not know only needs to say what it is.
const anyRule = z
  .object({ id: z.string().min(1).max(MAX.ruleIdChars), kind: z.string().min(1).max(MAX.ruleKindChars) })
  .passthrough();

/** The payload as parsed, before unknown rules are dropped (BundlePayload is what validation returns). */
export const payloadSchema = z.object({
  typ: z.literal('bmet-trust-bundle'),
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  issuedAt: instant,
  expiresAt: instant,
  keys: z.array(bundleKeySchema).max(MAX.keys),
  revoked: z.object({
    kids: z.array(b64url).max(MAX.revokedKids),
    // Checked by hand below: a million entries through a per-element schema is slow.
    clearances: z.array(z.unknown()),
  }),
  // A rule id names one rule: RULE_FAILED's `rule` (qr-format.md) must say which one failed.
  rules: z
    .array(anyRule)
    .max(MAX.rules)
    .superRefine((rules, ctx) => {
      const i = firstRepeatedId(rules);
      if (i >= 0)
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule id '${rules[i]!.id}' repeated` });
    }),
});

export type PayloadResult =
  { ok: true; payload: BundlePayload; ignoredRules: IgnoredRule[] } | { ok: false; why: string };

/** Validates parsed payload JSON; rules of unknown kinds are dropped with a warning, never counted as passed. */
export function validatePayload(json: unknown): PayloadResult {
  const r = payloadSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, why: `payload ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
  }
  const clearances = r.data.revoked.clearances;
  const bad = firstNonCid(clearances);
  if (bad >= 0) return { ok: false, why: `payload revoked.clearances.${bad}: not a clearance id` };
  if (!allCids(clearances)) throw new Error('unreachable: every entry was checked');
  const ignoredRules: IgnoredRule[] = [];
  const rules: Rule[] = [];
  for (const [i, raw] of r.data.rules.entries()) {
    if (!(RULE_KINDS as readonly string[]).includes(raw.kind)) {
      ignoredRules.push({ id: raw.id, kind: raw.kind });
      continue;
    }
    const k = knownRuleSchema.safeParse(raw);
    if (!k.success) {
      const issue = k.error.issues[0];
      return {
        ok: false,
        why: `payload rules.${i}${issue ? `.${issue.path.join('.')}: ${issue.message}` : ''}`,
      };
    }
    rules.push(k.data);
  }
  const p = r.data;
  const checked: BundlePayload = { ...p, revoked: { kids: p.revoked.kids, clearances }, rules };
  return { ok: true, ignoredRules, payload: checked };
}

/** The index of the first entry that is not a clearance id, or -1. */
function firstNonCid(xs: readonly unknown[]): number {
  for (let i = 0; i < xs.length; i++) {
    const c = xs[i];
    if (typeof c !== 'string' || !CID_RE.test(c)) return i;
  }
  return -1;
}

const allCids = (xs: unknown[]): xs is string[] => firstNonCid(xs) < 0;
