/** Ed25519 signing keys for BMET's tools (tweetnacl): made from a 32-byte seed, with kid and public PEM. */
import nacl from 'tweetnacl';
import { pemFromRawKey } from '../main/core/crypto/ed25519.ts';
import { kidBytes, kidOf } from '../main/core/crypto/kid.ts';

export interface SigningKey {
  /** The 32-byte private seed: whoever holds it can sign as this key. */
  seed: Buffer;
  publicKey: Buffer;
  secretKey: Uint8Array;
  /** base64url kid (qr-format.md: first 8 bytes of SHA-256 of the raw public key). */
  kid: string;
  kidBytes: Buffer;
}

export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const pair = nacl.sign.keyPair.fromSeed(Uint8Array.from(seed));
  const publicKey = Buffer.from(pair.publicKey);
  return {
    seed: Buffer.from(seed),
    publicKey,
    secretKey: pair.secretKey,
    kid: kidOf(publicKey),
    kidBytes: kidBytes(publicKey),
  };
}

/** Detached Ed25519 signature (RFC 8032; deterministic, so fixtures reproduce). */
export function sign(key: SigningKey, message: Uint8Array): Buffer {
  return Buffer.from(nacl.sign.detached(Uint8Array.from(message), key.secretKey));
}

export function publicKeyPem(key: SigningKey): string {
  return pemFromRawKey(key.publicKey);
}
