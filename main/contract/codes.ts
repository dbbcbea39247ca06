/** Stable verdict statuses and reason codes shared by core, CLI and screens. */

export type Status = 'valid' | 'warning' | 'invalid';

/** Codes that end verification before the signature is known good (qr-format.md). */
export const DECODE_CODES = [
  'PAYLOAD_TOO_LARGE',
  'FORMAT_UNKNOWN',
  'BASE45_INVALID',
  'DECOMPRESS_FAILED',
  'COSE_MALFORMED',
  'ALG_UNSUPPORTED',
  'KID_UNKNOWN',
  'SIGNATURE_INVALID',
] as const;

/** Codes reported after a good signature; every one that applies is listed. */
export const CHECK_CODES = [
  'SCHEMA_INVALID',
  'ISSUER_UNKNOWN',
  'KEY_REVOKED',
  'KEY_NOT_VALID_AT_ISSUE',
  'NOT_YET_VALID',
  'CLEARANCE_EXPIRED',
  'CLEARANCE_REVOKED',
  'RULE_FAILED',
  'TRUST_BUNDLE_EXPIRED',
  'DUPLICATE_SCAN',
] as const;

/** Trust-bundle refusal codes (trust-bundle.md). */
export const BUNDLE_CODES = [
  'BUNDLE_MALFORMED',
  'BUNDLE_SIGNATURE_INVALID',
  'BUNDLE_ROLLBACK',
  'BUNDLE_NOT_YET_VALID',
  'BUNDLE_EXPIRED',
] as const;

/**
 * The kiosk's own reason, not a card's (not in qr-format.md): no trust bundle was in force, so
 * the scan could not be checked at all. Answered invalid ("call a technician") and logged, so
 * an attempt is never lost whichever scanner it came from.
 */
export const KIOSK_CODES = ['NO_TRUST'] as const;

/** A file named for the kiosk (a bundle, a key) that could not be read at all (missing, not a file, no permission). */
export const FILE_CODES = ['UNREADABLE'] as const;
export type FileCode = (typeof FILE_CODES)[number];
/**
 * A USB stick's file whose bytes are not the ones the technician was shown in the install's
 * preview (changed, or swapped, between the preview and the confirmation): nothing of it is
 * installed; the technician checks it again.
 */
export const STICK_FILE_CODES = ['FILE_CHANGED'] as const;
export type StickFileCode = (typeof STICK_FILE_CODES)[number];
/**
 * Why a trust install (or its preview) was refused: the file could not be read, or changed since
 * its preview, or a bundle check failed.
 */
export type TrustRefusalCode = BundleCode | FileCode | StickFileCode;

/**
 * A root key file named for a run (`--root FILE`) that was read but holds no usable root: not
 * one Ed25519 public key in PEM (SPKI), or too large to be one.
 */
export const ROOT_KEY_CODES = ['ROOT_KEY_INVALID'] as const;
export type RootKeyCode = (typeof ROOT_KEY_CODES)[number];
/**
 * Why a root key file was refused: it could not be read at all, or it is no root key. Apart
 * from TrustRefusalCode: a root is named for a run, never installed, so no install is refused for one.
 */
export type RootFileCode = FileCode | RootKeyCode;

export type DecodeCode = (typeof DECODE_CODES)[number];
export type CheckCode = (typeof CHECK_CODES)[number];
export type KioskCode = (typeof KIOSK_CODES)[number];
export type ReasonCode = DecodeCode | CheckCode | KioskCode;
export type BundleCode = (typeof BUNDLE_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** The rule id, on RULE_FAILED. */
  rule?: string;
  /** The rule's own words for the officer, on RULE_FAILED. */
  text?: { en: string; bn: string };
  /** When this clearance was first accepted on this kiosk, on DUPLICATE_SCAN. */
  firstSeenAt?: string;
}

/** The status a reason code forces; RULE_FAILED depends on the rule's severity. */
export function statusOfCode(code: ReasonCode, severity?: 'block' | 'warn'): Status {
  if (code === 'RULE_FAILED') return severity === 'warn' ? 'warning' : 'invalid';
  if (code === 'TRUST_BUNDLE_EXPIRED' || code === 'DUPLICATE_SCAN') return 'warning';
  return 'invalid';
}

const RANK: Record<Status, number> = { valid: 0, warning: 1, invalid: 2 };

/** The worst of two statuses (invalid > warning > valid). */
export function worse(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}
