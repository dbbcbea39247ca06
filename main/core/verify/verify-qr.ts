/**
 * The scan path: QR text to verdict. Decoding stages run in the order of qr-format.md
 * and the first failure ends it with that one code; after a good signature every
 * remaining check runs and every failure is reported.
 */
import type { Reason } from '../../contract/codes.ts';
import { statusOfCode, worse, type Status, type DecodeCode } from '../../contract/codes.ts';
import type { Verdict } from '../../contract/verdict.ts';
import { verifyStrict } from '../crypto/ed25519.ts';
import type { PreparedTrust } from '../trust/prepared-trust.ts';
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

export function verifyQr(raw: unknown, ctx: VerifyContext): Verdict {
  if (typeof raw !== 'string') return rejected('FORMAT_UNKNOWN');
  const body = textStage(raw);
  if (!body.ok) return rejected(body.code);
  const compressed = decodeBase45(body.value);
  if (!compressed.ok) return rejected(compressed.code);
  const cose = inflateBounded(compressed.value);
  if (!cose.ok) return rejected(cose.code);
  const sign1 = parseCoseSign1(cose.value);
  if (!sign1.ok) return rejected(sign1.code);

  const { protectedBytes, payload, signature } = sign1.value;
  const kid = sign1.value.kid.toString('base64url');
  const key = ctx.trust.keys.get(kid);
  if (!key) return rejected('KID_UNKNOWN', kid);
  if (!verifyStrict(key.verifyKey, sigStructure(protectedBytes, payload), signature))
    return rejected('SIGNATURE_INVALID', kid);

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
