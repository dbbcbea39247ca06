/**
 * The protocol as BMET checks it (../shared/spec/sync-protocol.md), written apart from the
 * kiosk's own code so that each side tests the other: the batch schema, the record hash
 * (sha256hex of RFC 8785 JCS without `hash`, with the server's own JCS in jcs.ts) and the
 * request signature.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { jcs } from './jcs.ts';

export const GENESIS = '0'.repeat(64);
export const MAX_RECORDS = 500;
export const MAX_JSON_BYTES = 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/);
const short = (n: number) => z.string().min(1).max(n);
/** Stable reason codes: a capital first, then capitals, digits or underscores. */
export const REASON_CODE_RE = /^[A-Z][A-Z0-9_]{2,39}$/;
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const recordSchema = z.strictObject({
  seq,
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  scannedAt: iso,
  officerId: short(32),
  status: z.enum(['valid', 'warning', 'invalid']),
  // As many as the verdict has (one per failed rule; the spec sets no limit): the batch's 1 MiB bounds them.
  reasons: z.array(
    z.strictObject({
      // A reason code as the contract spells them: capitals, digits and underscores (BASE45_INVALID).
      code: z.string().regex(REASON_CODE_RE),
      rule: short(64).optional(),
      firstSeenAt: iso.optional(),
    }),
  ),
  clearanceId: short(64).nullable(),
  passport: short(32).nullable(),
  destination: z
    .string()
    .regex(/^[A-Z]{2,3}$/)
    .nullable(),
  visaType: short(8).nullable(),
  kid: short(64).nullable(),
  qrSha256: hex64,
  prevHash: hex64,
  hash: hex64,
});

export type WireRecord = z.infer<typeof recordSchema>;

export const batchSchema = z.strictObject({
  batchId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/),
  kioskId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/),
  fromSeq: seq,
  toSeq: seq,
  records: z.array(recordSchema).min(1).max(MAX_RECORDS),
});

export type Batch = z.infer<typeof batchSchema>;

export function recordHash(r: WireRecord): string {
  const { hash: _omit, ...rest } = r;
  return createHash('sha256').update(jcs(rest), 'utf8').digest('hex');
}

/** Shape checks a schema cannot say: the range matches the records and they are contiguous. */
export function rangeProblem(b: Batch): string | null {
  if (b.records[0]!.seq !== b.fromSeq)
    return `fromSeq ${b.fromSeq} but the first record is ${b.records[0]!.seq}`;
  if (b.toSeq !== b.fromSeq + b.records.length - 1)
    return `toSeq ${b.toSeq} does not match ${b.records.length} records from ${b.fromSeq}`;
  for (let i = 1; i < b.records.length; i++)
    if (b.records[i]!.seq !== b.fromSeq + i) return `records are not contiguous at index ${i}`;
  return null;
}

export function publicKeyFromPem(pem: string): KeyObject | null {
  try {
    const k = createPublicKey(pem);
    return k.asymmetricKeyType === 'ed25519' ? k : null;
  } catch {
    return null;
  }
}

/** X-BMET-Signature: Ed25519 over ASCII `timestamp "\n" sha256hex(body as sent)`. */
export function signatureHolds(key: KeyObject, timestamp: string, body: Buffer, signature: string): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  const input = Buffer.from(`${timestamp}\n${createHash('sha256').update(body).digest('hex')}`, 'ascii');
  try {
    return verify(null, input, key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

export const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
