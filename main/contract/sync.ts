/** Sync codes (their words: SYNC_WORDS in words.ts) and the sync status the screens show. */
import type { TrustInstallReport } from './technician.ts';

/** Stable codes for everything the sync engine and trust fetch report (sync-protocol.md). */
export const SYNC_CODES = [
  'SYNC_NOT_PROVISIONED',
  'SYNC_NETWORK',
  'SYNC_TIMEOUT',
  'SYNC_SERVER_ERROR',
  'SYNC_BUSY',
  'SYNC_BAD_RESPONSE',
  'SYNC_RESPONSE_TOO_LARGE',
  'SYNC_WRONG_CONTENT_TYPE',
  'SYNC_UNEXPECTED_STATUS',
  'SYNC_REJECTED',
  'SYNC_UNAUTHORIZED',
  'SYNC_CLOCK_REFUSED',
  'SYNC_GAP',
  'SYNC_SEQ_UNAVAILABLE',
  'SYNC_SERVER_AHEAD',
  'SYNC_ACK_MISMATCH',
  'SYNC_OUTBOX_ERROR',
  'SYNC_CLOCK_SKEW',
  'SYNC_GAP_LOOP',
  'SYNC_INSECURE_URL',
  'SYNC_TLS_UNTRUSTED',
  'SYNC_CA_UNREADABLE',
  'TRUST_FETCH_FAILED',
  'TRUST_FETCH_REFUSED',
] as const;

export type SyncCode = (typeof SYNC_CODES)[number];

/**
 * The device identity (`provision`): not provisioned yet, its key file cannot be read, or it is
 * provisioned as another kiosk id (a registered key stands for one id; it is never replaced).
 */
export const DEVICE_CODES = [
  'NOT_PROVISIONED',
  'DEVICE_KEY_UNREADABLE',
  'DEVICE_ALREADY_PROVISIONED',
] as const;
export type DeviceCode = (typeof DEVICE_CODES)[number];

export interface SyncProblem {
  code: SyncCode;
  message: string;
  at: string;
  /** The HTTP status, when there was one. */
  httpStatus?: number;
  /** The server's own error code from its JSON body, when it gave one. */
  serverCode?: string;
}

/** A stop that needs the technician (400/422 quarantine, 401/403, a seq the kiosk cannot give). */
export interface SyncAlert extends SyncProblem {
  /** The quarantined batch, on SYNC_REJECTED. */
  batch?: { batchId: string; fromSeq: number; toSeq: number };
  /** When sync tries again by itself (401/403: after 1 h); null when only a technician can restart it. */
  retryAt: string | null;
}

/**
 * What a check of BMET's trust endpoint (GET /v1/trust/latest) came to, one shape for the status,
 * the sync log and `sync --once`: nothing newer (a 304), no bundle installed from it (`code` says
 * why: the exchange's failure, the status or the content type BMET answered, or TRUST_FETCH_FAILED
 * when the installer itself failed), or the install's own report on the bundle that came.
 */
export type TrustCheck =
  | { outcome: 'not-modified' }
  | { outcome: 'failed'; code: SyncCode; httpStatus: number | null }
  | TrustInstallReport;

/** The sync state the technician and status screens show. */
export interface SyncStatus {
  kioskId: string | null;
  server: string | null;
  /** idle: nothing to send; sending: a request is out; waiting: backing off; stopped: an alert holds it. */
  phase: 'idle' | 'sending' | 'waiting' | 'stopped' | 'off';
  /** Records not yet acknowledged by BMET. */
  waiting: number;
  lastSuccessAt: string | null;
  lastError: SyncProblem | null;
  nextAttemptAt: string | null;
  alert: SyncAlert | null;
  /** Server clock minus kiosk clock, from the last response's Date header; null before any. */
  clockSkewMs: number | null;
  clockSkewFlagged: boolean;
  /** The network trust check: when it last ran, the ETag it keeps, and what it came to (null before any). */
  trust: { lastCheckAt: string | null; etag: string | null; last: TrustCheck | null };
}
