/** Key ids: the first 8 bytes of SHA-256 over the raw 32-byte Ed25519 public key. */
import { createHash } from 'node:crypto';
import { toBase64url } from './base64url.ts';

export function kidBytes(rawPublicKey: Uint8Array): Buffer {
  return createHash('sha256').update(rawPublicKey).digest().subarray(0, 8);
}

export function kidOf(rawPublicKey: Uint8Array): string {
  return toBase64url(kidBytes(rawPublicKey));
}
