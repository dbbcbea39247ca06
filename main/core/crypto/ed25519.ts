/**
 * Ed25519 verification on the fast path (OpenSSL through node:crypto), made strict so
 * that it accepts only what the tweetnacl reference also accepts: non-canonical S is
 * rejected here, and keys that the two libraries could treat differently (non-canonical
 * or small-order encodings) are refused when a key is prepared, once per bundle.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// SPKI DER prefix for an Ed25519 public key (RFC 8410): the raw key follows.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// The group order L, little-endian, for the S < L check (RFC 8032 §5.1.7).
const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');

// y-coordinates (sign bit cleared) of the eight points of small order: y = 0, 1, -1 and
// the two y of the order-8 points (the list libsodium uses).
const SMALL_ORDER_Y = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].map((h) => Buffer.from(h, 'hex'));

export interface VerifyKey {
  raw: Buffer;
  key: KeyObject;
}

export type PrepareKeyResult = { ok: true; key: VerifyKey } | { ok: false; why: string };

/** Little-endian comparison of two 32-byte numbers: a < b. */
function lessThanLE(a: Uint8Array, aOff: number, b: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const x = a[aOff + i]!;
    const y = b[i]!;
    if (x !== y) return x < y;
  }
  return false;
}

// p = 2^255 - 19, little-endian, without the sign bit: a canonical y is below it.
const P = Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');

/** Builds the KeyObject for a raw 32-byte public key, refusing encodings the two libraries could disagree on. */
export function prepareVerifyKey(raw: Uint8Array): PrepareKeyResult {
  if (!(raw instanceof Uint8Array) || raw.length !== 32)
    return { ok: false, why: 'public key must be 32 bytes' };
  const buf = Buffer.from(raw);
  const y = Buffer.from(buf);
  y[31]! &= 0x7f;
  if (!lessThanLE(y, 0, P)) return { ok: false, why: 'public key is not canonically encoded' };
  if (SMALL_ORDER_Y.some((s) => s.equals(y))) return { ok: false, why: 'public key has small order' };
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, buf]), format: 'der', type: 'spki' });
    return { ok: true, key: { raw: buf, key } };
  } catch {
    return { ok: false, why: 'public key is not a point on the curve' };
  }
}

/** What is checked before OpenSSL is asked: a 64-byte signature whose S is below L (canonical). */
export function canonicalSignature(signature: Uint8Array): boolean {
  return signature.length === 64 && lessThanLE(signature, 32, L);
}

/** Strict Ed25519 verify: 64-byte signature, S < L, then OpenSSL. */
export function verifyStrict(key: VerifyKey, message: Uint8Array, signature: Uint8Array): boolean {
  if (!canonicalSignature(signature)) return false;
  try {
    return verify(null, message, key.key, signature);
  } catch {
    return false;
  }
}

/** The raw 32-byte key inside an Ed25519 SPKI PEM; null for anything else. */
export function rawKeyFromPem(pem: string): Buffer | null {
  try {
    const k = createPublicKey(pem);
    if (k.asymmetricKeyType !== 'ed25519') return null;
    const der = k.export({ format: 'der', type: 'spki' });
    return der.length === 44 && der.subarray(0, 12).equals(SPKI_PREFIX) ? der.subarray(12) : null;
  } catch {
    return null;
  }
}

export function pemFromRawKey(raw: Uint8Array): string {
  const der = Buffer.concat([SPKI_PREFIX, Buffer.from(raw)]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}
