/**
 * The scan path: QR text to verdict. Decoding stages run in the order of qr-format.md
 * and the first failure ends it with that one code; after a good signature every
 * remaining check runs and every failure is reported.
 */
import type { Reason } from '../../contract/codes.ts';
import { statusOfCode, worse, type Status, type DecodeCode } from '../../contract/codes.ts';
import type { Verdict } from '../../contract/verdict.ts';
import { verifyStrict } from '../crypto/ed25519.ts';
import type { PreparedTrust, TrustedKey } from '../trust/prepared-trust.ts';
import { decodeBase45 } from './base45.ts';
import { EXPECTED_ISSUER, readClaims } from './claims.ts';
import { parseCoseSign1, sigStructure } from './cose.ts';
import { dhakaDate } from './dates.ts';
import { inflateBounded } from './inflate.ts';
import { failedRules } from './rules.ts';
import { textStage } from './text-stage.ts';

export const MAX_FUTURE_IAT_S = 300;

export interface VerifyContext {
  trust: PreparedTrust;
  nowMs: number;
  /**
   * When this clearance id last got a valid or warning verdict on this kiosk within 24 h
   * (ISO time), or null. Omitted when no log is kept (`--no-log`).
   */
  firstSeenAt?: (cid: string, nowMs: number) => string | null;
}

function rejected(code: DecodeCode, kid: string | null = null): Verdict {
  return { status: 'invalid', reasons: [{ code }], kid, clearance: null, claims: null };
}

/** The verdict for a scan its reader had to cut (longer than any card): nothing of it is decoded. */
export function overlongVerdict(): Verdict {
  return rejected('PAYLOAD_TOO_LARGE');
}

/** A card read and its signature checked: everything judging needs from the text. */
export type CheckedCard =
  | { kind: 'rejected'; code: DecodeCode; kid: string | null }
  | { kind: 'genuine'; kid: string; key: TrustedKey; payload: Buffer };

type TrustedKeys = PreparedTrust['keys'];

/** A card decoded up to its signature: the key its kid names, and what that key must have signed. */
export interface SignedCard {
  kind: 'signed';
  kid: string;
  key: TrustedKey;
  /** The Sig_structure (RFC 9052 §4.4) the signature is over. */
  message: Buffer;
  signature: Buffer;
  payload: Buffer;
}

/**
 * The decoding stages and the signature, in qr-format.md's order: the first failure ends it with
 * that one code; a card that passes them all is genuine (signed by a key of `keys`).
 */
export function checkCard(raw: unknown, keys: TrustedKeys): CheckedCard {
  const card = openCard(raw, keys);
  if (card.kind !== 'signed') return card;
  return signatureAnswered(card, verifyStrict(card.key.verifyKey, card.message, card.signature));
}

/** The decoding stages, up to the signature: a rejection, or the card whose signature is to be checked. */
export function openCard(raw: unknown, keys: TrustedKeys): CheckedCard | SignedCard {
  const no = (code: DecodeCode, kid: string | null = null): CheckedCard => ({ kind: 'rejected', code, kid });
  if (typeof raw !== 'string') return no('FORMAT_UNKNOWN');
  const body = textStage(raw);
  if (!body.ok) return no(body.code);
  const compressed = decodeBase45(body.value);
  if (!compressed.ok) return no(compressed.code);
  const cose = inflateBounded(compressed.value);
  if (!cose.ok) return no(cose.code);
  const sign1 = parseCoseSign1(cose.value);
  if (!sign1.ok) return no(sign1.code);

  const { protectedBytes, payload, signature } = sign1.value;
  const kid = sign1.value.kid.toString('base64url');
  const key = keys.get(kid);
  if (!key) return no('KID_UNKNOWN', kid);
  const message = sigStructure(protectedBytes, payload);
  return { kind: 'signed', kid, key, message, signature, payload };
}

/** The signature stage's end: `ok` is verifyStrict's answer for the card (here, or on a batch's worker). */
export function signatureAnswered(card: SignedCard, ok: boolean): CheckedCard {
  return ok
    ? { kind: 'genuine', kid: card.kid, key: card.key, payload: card.payload }
    : { kind: 'rejected', code: 'SIGNATURE_INVALID', kid: card.kid };
}

export function verifyQr(raw: unknown, ctx: VerifyContext): Verdict {
  return judgeCard(checkCard(raw, ctx.trust.keys), ctx);
}

/**
 * The verdict on a checked card: a rejected one keeps its one code; a genuine one gets every
 * remaining check against `ctx.trust` (whose keys it was checked with), every failure reported.
 */
export function judgeCard(card: CheckedCard, ctx: VerifyContext): Verdict {
  if (card.kind === 'rejected') return rejected(card.code, card.kid);
  const { kid, key, payload } = card;

  // Genuine from here on: collect every failing check.
  const reasons: Reason[] = [];
  let status: Status = 'valid';
  const add = (reason: Reason, s: Status = statusOfCode(reason.code)) => {
    reasons.push(reason);
    status = worse(status, s);
  };
  const nowS = Math.floor(ctx.nowMs / 1000);
  const claims = readClaims(payload);

  if (!claims.schemaValid) add({ code: 'SCHEMA_INVALID' });
  if (claims.iss !== undefined && claims.iss !== EXPECTED_ISSUER) add({ code: 'ISSUER_UNKNOWN' });
  // status already folds in revoked.kids (prepareTrust).
  if (key.status === 'revoked') add({ code: 'KEY_REVOKED' });
  if (claims.iat !== undefined) {
    if (claims.iat < key.nbf || claims.iat > key.exp) add({ code: 'KEY_NOT_VALID_AT_ISSUE' });
    if (claims.iat > nowS + MAX_FUTURE_IAT_S) add({ code: 'NOT_YET_VALID' });
  }
  if (claims.exp !== undefined && claims.exp * 1000 <= ctx.nowMs) add({ code: 'CLEARANCE_EXPIRED' });
  if (claims.cid !== undefined && ctx.trust.revokedClearances.has(claims.cid))
    add({ code: 'CLEARANCE_REVOKED' });
  const clearance = claims.clearance ?? null;
  if (clearance) {
    for (const f of failedRules(ctx.trust.rules, clearance, dhakaDate(ctx.nowMs)))
      add(f.reason, statusOfCode('RULE_FAILED', f.severity));
  }
  if (ctx.nowMs >= ctx.trust.expiresAtMs) add({ code: 'TRUST_BUNDLE_EXPIRED' });
  if (claims.cid !== undefined && ctx.firstSeenAt) {
    const firstSeenAt = ctx.firstSeenAt(claims.cid, ctx.nowMs);
    if (firstSeenAt) add({ code: 'DUPLICATE_SCAN', firstSeenAt });
  }

  const claimsOut =
    claims.iss !== undefined && claims.iat !== undefined && claims.exp !== undefined
      ? { iss: claims.iss, iat: claims.iat, exp: claims.exp }
      : null;
  return { status, reasons, kid, clearance, claims: claimsOut };
}
