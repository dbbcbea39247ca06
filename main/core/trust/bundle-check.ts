/**
 * validatePayload: the bundle payload checked by hand, exactly as bundle-schema.ts's zod schema
 * checks it (same rules, same output), without loading zod's ~95 modules at every start.
 * bundle-schema.ts stays the definition (the types derive from it); tests/core/trust/bundle-check.test.ts
 * runs both on the same payloads and requires the same verdict and the same output.
 */
import { CID_RE, VISA_TYPES } from '../../contract/clearance.ts';
import { isCalendarDate, isUtcInstant } from '../verify/dates.ts';
import type { PayloadResult } from './bundle-schema.ts';
import {
  B64URL_RE,
  COUNTRY_RE,
  KEY_STATUSES,
  PAYLOAD_BOUNDS as MAX,
  RULE_KINDS,
  RULE_SEVERITIES,
  firstRepeatedId,
  type BundleKey,
  type IgnoredRule,
  type BundlePayload,
  type Rule,
} from './bundle-types.ts';

export type { PayloadResult };

/** Thrown inside this module only, caught by validatePayload: the path and what is wrong. */
class Bad {
  readonly path: string;
  readonly what: string;
  constructor(path: string, what: string) {
    this.path = path;
    this.what = what;
  }
}

type Obj = Record<string, unknown>;
const obj = (x: unknown, path: string): Obj => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new Bad(path, 'expected object');
  return x as Obj;
};
const str = (x: unknown, path: string, min = 0, max = Infinity, re?: RegExp): string => {
  if (typeof x !== 'string') throw new Bad(path, 'expected string');
  if (x.length < min) throw new Bad(path, `shorter than ${min}`);
  if (x.length > max) throw new Bad(path, `longer than ${max}`);
  if (re && !re.test(x)) throw new Bad(path, `does not match ${String(re)}`);
  return x;
};
const int = (x: unknown, path: string, min: number, max: number): number => {
  if (typeof x !== 'number' || !Number.isSafeInteger(x)) throw new Bad(path, 'expected integer');
  if (x < min || x > max) throw new Bad(path, `outside ${min}..${max}`);
  return x;
};
const oneOf = <T extends string>(x: unknown, values: readonly T[], path: string): T => {
  if (!(values as readonly unknown[]).includes(x)) throw new Bad(path, `expected one of ${values.join('|')}`);
  return x as T;
};
const literal = <T extends string>(x: unknown, value: T, path: string): T => oneOf(x, [value], path);
const arr = (x: unknown, path: string, min: number, max: number): unknown[] => {
  if (!Array.isArray(x)) throw new Bad(path, 'expected array');
  if (x.length < min) throw new Bad(path, `fewer than ${min} items`);
  if (x.length > max) throw new Bad(path, `more than ${max} items`);
  return x;
};
const instant = (x: unknown, path: string): string => {
  const s = str(x, path);
  if (!isUtcInstant(s)) throw new Bad(path, 'not a real RFC 3339 UTC instant');
  return s;
};
const date = (x: unknown, path: string): string => {
  const s = str(x, path);
  if (!isCalendarDate(s)) throw new Bad(path, 'not a YYYY-MM-DD calendar date');
  return s;
};
const b64url = (x: unknown, path: string): string => str(x, path, 0, Infinity, B64URL_RE);
// zod's optional(): an absent key (or undefined) stays absent in the output.
const opt = <T>(o: Obj, k: string, path: string, f: (x: unknown, path: string) => T): { [k: string]: T } =>
  o[k] === undefined ? {} : { [k]: f(o[k], `${path}${k}`) };

function bundleKey(x: unknown, p: string): BundleKey {
  const o = obj(x, p);
  return {
    kty: literal(o.kty, 'OKP', `${p}.kty`),
    crv: literal(o.crv, 'Ed25519', `${p}.crv`),
    x: b64url(o.x, `${p}.x`),
    kid: b64url(o.kid, `${p}.kid`),
    nbf: instant(o.nbf, `${p}.nbf`),
    exp: instant(o.exp, `${p}.exp`),
    status: oneOf(o.status, KEY_STATUSES, `${p}.status`),
    ...opt(o, 'label', `${p}.`, (v, q) => str(v, q, 0, MAX.keyLabelChars)),
  };
}

function knownRule(o: Obj, p: string): Rule {
  const months = (v: unknown, q: string) => int(v, q, 0, MAX.months);
  const text = obj(o.text, `${p}.text`);
  const base = {
    id: str(o.id, `${p}.id`, 1, MAX.ruleIdChars),
    countries: arr(o.countries, `${p}.countries`, 1, Infinity).map((c, i) =>
      str(c, `${p}.countries.${i}`, 0, Infinity, COUNTRY_RE),
    ),
    ...opt(o, 'visaTypes', `${p}.`, (v, q) =>
      arr(v, q, 0, Infinity).map((t, i) => oneOf(t, VISA_TYPES, `${q}.${i}`)),
    ),
    from: date(o.from, `${p}.from`),
    ...opt(o, 'until', `${p}.`, date),
    severity: oneOf(o.severity, RULE_SEVERITIES, `${p}.severity`),
    text: { en: str(text.en, `${p}.text.en`, 1), bn: str(text.bn, `${p}.text.bn`, 1) },
  };
  switch (o.kind) {
    case 'passportMinValidity':
      return { ...base, kind: 'passportMinValidity', months: months(o.months, `${p}.months`) } as Rule;
    case 'ageRange': {
      const min = int(o.min, `${p}.min`, 0, MAX.age);
      const max = int(o.max, `${p}.max`, 0, MAX.age);
      if (min > max) throw new Bad(p, 'min above max');
      return { ...base, kind: 'ageRange', min, max } as Rule;
    }
    case 'pdoRequired':
      return { ...base, kind: 'pdoRequired', ...opt(o, 'withinMonths', `${p}.`, months) } as Rule;
    default:
      throw new Bad(`${p}.kind`, 'not a known kind');
  }
}

/** Validates parsed payload JSON; rules of unknown kinds are dropped with a warning, never counted as passed. */
export function validatePayload(json: unknown): PayloadResult {
  try {
    const o = obj(json, '');
    const typ = literal(o.typ, 'bmet-trust-bundle', 'typ');
    const version = int(o.version, 'version', 1, Number.MAX_SAFE_INTEGER);
    const issuedAt = instant(o.issuedAt, 'issuedAt');
    const expiresAt = instant(o.expiresAt, 'expiresAt');
    const keys = arr(o.keys, 'keys', 0, MAX.keys).map((k, i) => bundleKey(k, `keys.${i}`));
    const revoked = obj(o.revoked, 'revoked');
    const kids = arr(revoked.kids, 'revoked.kids', 0, MAX.revokedKids).map((k, i) =>
      b64url(k, `revoked.kids.${i}`),
    );
    const clearances = arr(revoked.clearances, 'revoked.clearances', 0, Infinity);
    // Every rule must say what it is (id, kind) before its kind is looked at, as in the schema.
    const rawRules = arr(o.rules, 'rules', 0, MAX.rules).map((r, i) => {
      const ro = obj(r, `rules.${i}`);
      str(ro.id, `rules.${i}.id`, 1, MAX.ruleIdChars);
      str(ro.kind, `rules.${i}.kind`, 1, MAX.ruleKindChars);
      return ro;
    });
    const repeated = firstRepeatedId(rawRules);
    if (repeated >= 0)
      throw new Bad(`rules.${repeated}.id`, `rule id '${rawRules[repeated]!.id as string}' repeated`);
    for (let i = 0; i < clearances.length; i++) {
      const c = clearances[i];
      if (typeof c !== 'string' || !CID_RE.test(c))
        return { ok: false, why: `payload revoked.clearances.${i}: not a clearance id` };
    }
    const ignoredRules: IgnoredRule[] = [];
    const rules: Rule[] = [];
    for (const [i, raw] of rawRules.entries()) {
      if (!(RULE_KINDS as readonly unknown[]).includes(raw.kind)) {
        ignoredRules.push({ id: raw.id as string, kind: raw.kind as string });
        continue;
      }
      rules.push(knownRule(raw, `rules.${i}`));
    }
    const payload: BundlePayload = {
      typ,
      version,
      issuedAt,
      expiresAt,
      keys,
      revoked: { kids, clearances: clearances as string[] },
      rules,
    };
    return { ok: true, ignoredRules, payload };
  } catch (err) {
    if (!(err instanceof Bad)) throw err;
    return { ok: false, why: `payload ${err.path}: ${err.what}` };
  }
}
