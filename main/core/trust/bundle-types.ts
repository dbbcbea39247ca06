/** The trust bundle payload (trust-bundle.md) and destination rules (qr-format.md), as validated. */

export type KeyStatus = 'active' | 'retired' | 'revoked';

export interface BundleKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  nbf: string;
  exp: string;
  status: KeyStatus;
  label?: string;
}

export interface RuleText {
  en: string;
  bn: string;
}

interface RuleBase {
  id: string;
  countries: string[];
  visaTypes?: string[];
  from: string;
  until?: string;
  severity: 'block' | 'warn';
  text: RuleText;
}

export type Rule =
  | (RuleBase & { kind: 'passportMinValidity'; months: number })
  | (RuleBase & { kind: 'ageRange'; min: number; max: number })
  | (RuleBase & { kind: 'pdoRequired'; withinMonths?: number });

export type RuleKind = Rule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['passportMinValidity', 'ageRange', 'pdoRequired'];

export interface BundlePayload {
  typ: 'bmet-trust-bundle';
  version: number;
  issuedAt: string;
  expiresAt: string;
  keys: BundleKey[];
  revoked: { kids: string[]; clearances: string[] };
  /** Rules of kinds this kiosk knows; others are dropped (with a warning) when parsed. */
  rules: Rule[];
}
