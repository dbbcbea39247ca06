/**
 * BMET1 card encoder (qr-format.md): CWT claims -> COSE_Sign1 (Ed25519) -> zlib -> base45
 * -> "BMET1:" text, with options that make the deliberately broken variants tests need.
 * Each layer is exported on its own so a fixture can break exactly one of them.
 */
import { deflateSync } from 'node:zlib';
import { Encoder, Tag } from 'cbor-x';
import { encodeBase45 } from '../main/core/verify/base45.ts';
import { sign, type SigningKey } from './signing-key.ts';

export const QR_PREFIX = 'BMET1:';
export const COSE_SIGN1_TAG = 18;
export const ALG_EDDSA = -8;
const LABEL_ALG = 1,
  LABEL_KID = 4;
const CLAIM_ISS = 1,
  CLAIM_EXP = 4,
  CLAIM_IAT = 6,
  CLAIM_CLEARANCE = -1000;

// Definite-length maps with their real size, byte strings as bstr (not tag 64), no
// records or shared structures: plain RFC 8949 CBOR that any decoder reads.
const encoder = new Encoder({
  mapsAsObjects: false,
  useRecords: false,
  variableMapSize: true,
  tagUint8Array: false,
  pack: false,
  structuredClone: false,
} as ConstructorParameters<typeof Encoder>[0]);

/** CBOR bytes of a value; copied, because the encoder reuses its buffer. */
export function cbor(value: unknown): Buffer {
  return Buffer.from(encoder.encode(value));
}

/** A clearance record: the fields of qr-format.md, or anything else for schema tests. */
export type ClearanceFields = Record<string, unknown>;

export interface CardClaims {
  iss?: unknown;
  /** Epoch seconds. */
  iat?: unknown;
  exp?: unknown;
  /** Written as a CBOR map with text keys in the given order; a non-object is written as is. */
  clearance?: unknown;
  /** Further claims, appended after the four above. */
  extra?: [unknown, unknown][];
}

function asMap(x: unknown): unknown {
  return x !== null &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    !(x instanceof Map) &&
    !Buffer.isBuffer(x)
    ? new Map(Object.entries(x))
    : x;
}

/** The CWT claims map (RFC 8392); a claim left undefined is left out. */
export function claimsPayload(c: CardClaims): Buffer {
  const m = new Map<unknown, unknown>();
  if (c.iss !== undefined) m.set(CLAIM_ISS, c.iss);
  if (c.exp !== undefined) m.set(CLAIM_EXP, c.exp);
  if (c.iat !== undefined) m.set(CLAIM_IAT, c.iat);
  if (c.clearance !== undefined) m.set(CLAIM_CLEARANCE, asMap(c.clearance));
  for (const [k, v] of c.extra ?? []) m.set(k, v);
  return cbor(m);
}

export interface Sign1Options {
  /** Wrap in CBOR tag 18 (default true; the spec allows both). */
  tagged?: boolean;
  /** Where label 4 (kid) goes (default protected). */
  kidIn?: 'protected' | 'unprotected' | 'both' | 'none';
  /** The kid bytes written (default the signer's): another key's kid makes a forgery attempt. */
  kid?: Uint8Array;
  /** Label 1 (alg), default -8 (EdDSA); null leaves it out. */
  alg?: number | null;
  /** Where alg goes (default protected). */
  algIn?: 'protected' | 'unprotected';
  /** Applied to the 64-byte signature after signing (tampering, non-canonical S, ...). */
  signatureTransform?: (sig: Buffer) => Buffer;
  /** Replaces the payload after signing: content the signature does not cover. */
  payloadAfterSigning?: Buffer;
  /** Replaces the protected bytes after signing. */
  protectedAfterSigning?: Buffer;
}

/** CBOR of Sig_structure ["Signature1", protected, h'', payload] (RFC 9052 §4.4). */
export function sigStructureOf(protectedBytes: Buffer, payload: Buffer): Buffer {
  return cbor(['Signature1', protectedBytes, Buffer.alloc(0), payload]);
}

/** COSE_Sign1 over `payload` with `key`. */
export function signSign1(payload: Buffer, key: SigningKey, o: Sign1Options = {}): Buffer {
  const kid = Buffer.from(o.kid ?? key.kidBytes);
  const kidIn = o.kidIn ?? 'protected';
  const prot = new Map<number, unknown>();
  const unprot = new Map<number, unknown>();
  const alg = o.alg === undefined ? ALG_EDDSA : o.alg;
  if (alg !== null) (o.algIn === 'unprotected' ? unprot : prot).set(LABEL_ALG, alg);
  if (kidIn === 'protected' || kidIn === 'both') prot.set(LABEL_KID, kid);
  if (kidIn === 'unprotected' || kidIn === 'both') unprot.set(LABEL_KID, kid);
  const protectedBytes = cbor(prot);
  let signature = sign(key, sigStructureOf(protectedBytes, payload));
  if (o.signatureTransform) signature = o.signatureTransform(signature);
  return sign1Bytes(
    o.protectedAfterSigning ?? protectedBytes,
    unprot,
    o.payloadAfterSigning ?? payload,
    signature,
    o.tagged ?? true,
  );
}

/** The COSE_Sign1 array from its four parts, no signing: for structures built by hand. */
export function sign1Bytes(
  protectedBytes: unknown,
  unprotected: unknown,
  payload: unknown,
  signature: unknown,
  tagged = true,
): Buffer {
  const arr = [protectedBytes, unprotected, payload, signature];
  return cbor(tagged ? new Tag(arr, COSE_SIGN1_TAG) : arr);
}

export interface QrTextOptions {
  /** zlib level (default 9, as the reference encoder). */
  level?: number;
}

/** "BMET1:" || base45(zlib(cose)). */
export function qrText(cose: Uint8Array, o: QrTextOptions = {}): string {
  return QR_PREFIX + encodeBase45(deflateSync(cose, { level: o.level ?? 9 }));
}

/** "BMET1:" || base45(bytes), for a zlib layer built by hand. */
export function qrTextOfZlib(zlibBytes: Uint8Array): string {
  return QR_PREFIX + encodeBase45(zlibBytes);
}

export type CardOptions = Sign1Options & QrTextOptions;

/** A whole card: claims signed by `key`, as the text a QR carries. */
export function encodeCard(claims: CardClaims, key: SigningKey, o: CardOptions = {}): string {
  return qrText(signSign1(claimsPayload(claims), key, o), o);
}

// The group order L (RFC 8032), for the non-canonical S variant.
const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function leToBigInt(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!);
  return x;
}

function bigIntToLe(x: bigint, n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** Signature transforms for broken variants. */
export const corrupt = {
  /** Flips one bit (default: the lowest bit of the first byte of S). */
  flipBit:
    (bit = 256) =>
    (sig: Buffer) => {
      const s = Buffer.from(sig);
      s[bit >> 3]! ^= 1 << (bit & 7);
      return s;
    },
  /** S + L: the same point equation, but a non-canonical S that strict Ed25519 rejects. */
  nonCanonicalS: (sig: Buffer) =>
    Buffer.concat([sig.subarray(0, 32), bigIntToLe(leToBigInt(sig.subarray(32)) + L, 32)]),
  /** R and S swapped. */
  swapRS: (sig: Buffer) => Buffer.concat([sig.subarray(32), sig.subarray(0, 32)]),
  /** Cut to n bytes. */
  truncate: (n: number) => (sig: Buffer) => Buffer.from(sig.subarray(0, n)),
};

export { L as GROUP_ORDER, leToBigInt, bigIntToLe };
