/**
 * BMET's trust-bundle signer (trust-bundle.md): payload JSON -> JWS General JSON
 * Serialization (RFC 7515 §7.2.1), Ed25519-signed by one or more root keys.
 */
import { toBase64url } from '../main/core/crypto/base64url.ts';
import type { BundleKey, KeyStatus } from '../main/core/trust/bundle-types.ts';
import { sign, type SigningKey } from './signing-key.ts';

export const JWS_TYP = 'bmet-trust+jws';

export interface BundleSignature {
  key: SigningKey;
  /** Header fields to override or add (alg, kid, typ); a value of undefined removes one. */
  header?: Record<string, unknown>;
}

export interface JwsSignature {
  protected: string;
  signature: string;
}
export interface Jws {
  payload: string;
  signatures: JwsSignature[];
}

/** The JWS object; `payload` is an object (serialized with JSON.stringify) or the exact bytes to sign. */
export function signBundleJws(payload: unknown, signers: readonly (SigningKey | BundleSignature)[]): Jws {
  const bytes =
    typeof payload === 'string' || Buffer.isBuffer(payload)
      ? Buffer.from(payload)
      : Buffer.from(JSON.stringify(payload), 'utf8');
  const payloadText = toBase64url(bytes);
  const signatures = signers.map((s) => {
    const { key, header } = 'key' in s ? s : { key: s, header: undefined };
    const h: Record<string, unknown> = { alg: 'EdDSA', kid: key.kid, typ: JWS_TYP, ...header };
    const protectedText = toBase64url(Buffer.from(JSON.stringify(h), 'utf8'));
    const signature = sign(key, Buffer.from(`${protectedText}.${payloadText}`, 'ascii'));
    return { protected: protectedText, signature: toBase64url(signature) };
  });
  return { payload: payloadText, signatures };
}

/** The .bmettrust file text. */
export function bundleFileText(jws: Jws): string {
  return JSON.stringify(jws, null, 1) + '\n';
}

export function signBundle(payload: unknown, signers: readonly (SigningKey | BundleSignature)[]): string {
  return bundleFileText(signBundleJws(payload, signers));
}

/** A payload `keys[]` entry for an issuing key. */
export function bundleKeyEntry(
  key: SigningKey,
  o: { nbf: string; exp: string; status: KeyStatus; label?: string },
): BundleKey {
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x: toBase64url(key.publicKey),
    kid: key.kid,
    nbf: o.nbf,
    exp: o.exp,
    status: o.status,
    ...(o.label !== undefined ? { label: o.label } : {}),
  };
}
