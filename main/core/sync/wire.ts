/**
 * The request signature of sync-protocol.md: Ed25519 over the ASCII bytes
 * `timestamp "\n" sha256hex(body as sent)`, base64url. The record and its chain hash are
 * the store's (main/core/store/outbox.ts, chain.ts).
 */
import { createHash, sign, type KeyObject } from 'node:crypto';

export const MAX_BATCH_RECORDS = 500;
/** The batch JSON before compression (sync-protocol.md: at most 1 MiB). */
export const MAX_BATCH_BYTES = 1024 * 1024;

export const sha256hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The bytes the X-BMET-Signature covers. */
export function signingInput(timestamp: string, bodyAsSent: Uint8Array): Buffer {
  return Buffer.from(`${timestamp}\n${sha256hex(bodyAsSent)}`, 'ascii');
}

export function signRequest(privateKey: KeyObject, timestamp: string, bodyAsSent: Uint8Array): string {
  return sign(null, signingInput(timestamp, bodyAsSent), privateKey).toString('base64url');
}
