/** The bundle in a form the scan path reads without further work: KeyObjects built once, revocations indexed. */
import { fromBase64url } from '../crypto/base64url.ts';
import { kidOf } from '../crypto/kid.ts';
import { prepareVerifyKey, type VerifyKey } from '../crypto/ed25519.ts';
import type { BundlePayload, KeyStatus, Rule } from './bundle-types.ts';
import { RevocationSet } from './revocation-set.ts';

export interface TrustedKey {
  kid: string;
  verifyKey: VerifyKey;
  /** Key validity window, epoch seconds, inclusive. */
  nbf: number;
  exp: number;
  /** The bundle's status, or 'revoked' when the kid is also listed under revoked.kids. */
  status: KeyStatus;
  label?: string;
}

export interface PreparedTrust {
  version: number;
  issuedAt: string;
  expiresAt: string;
  expiresAtMs: number;
  sha256: string;
  keys: Map<string, TrustedKey>;
  revokedKids: Set<string>;
  revokedClearances: RevocationSet;
  rules: Rule[];
}

export type PrepareResult = { ok: true; trust: PreparedTrust } | { ok: false; why: string };

export function prepareTrust(payload: BundlePayload, sha256: string): PrepareResult {
  const keys = new Map<string, TrustedKey>();
  const revokedKids = new Set(payload.revoked.kids);
  for (const [i, k] of payload.keys.entries()) {
    const raw = fromBase64url(k.x);
    if (!raw || raw.length !== 32) return { ok: false, why: `keys.${i}.x is not a 32-byte key` };
    if (kidOf(raw) !== k.kid) return { ok: false, why: `keys.${i}.kid does not match its key` };
    if (keys.has(k.kid)) return { ok: false, why: `keys.${i}: kid ${k.kid} listed twice` };
    const prepared = prepareVerifyKey(raw);
    if (!prepared.ok) return { ok: false, why: `keys.${i}: ${prepared.why}` };
    keys.set(k.kid, {
      kid: k.kid,
      verifyKey: prepared.key,
      nbf: Math.floor(Date.parse(k.nbf) / 1000),
      exp: Math.floor(Date.parse(k.exp) / 1000),
      status: revokedKids.has(k.kid) ? 'revoked' : k.status,
      ...(k.label !== undefined ? { label: k.label } : {}),
    });
  }
  return {
    ok: true,
    trust: {
      version: payload.version,
      issuedAt: payload.issuedAt,
      expiresAt: payload.expiresAt,
      expiresAtMs: Date.parse(payload.expiresAt),
      sha256,
      keys,
      revokedKids,
      revokedClearances: new RevocationSet(payload.revoked.clearances),
      rules: payload.rules,
    },
  };
}
