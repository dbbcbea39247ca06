/**
 * The response table of sync-protocol.md as pure functions: `readAnswer` says what one
 * HTTP answer to a batch means, `decideGap` what a 409's expectedSeq may mark. The engine
 * applies the result; nothing here touches the outbox or the clock.
 */
import type { SyncCode } from '../../contract/sync.ts';
import type { Batch } from './batch.ts';
import { jsonObject, mediaType, type HttpResponse } from './http-client.ts';
import { parseRetryAfter, RETRY_AFTER_MAX_MS } from './timing.ts';

/** How much of a server's error code and message the kiosk keeps (they reach logs and screens). */
const SERVER_CODE_MAX = 64;
const SERVER_MESSAGE_MAX = 300;

export type Answer =
  /** 200 acknowledging exactly this batch. */
  | { kind: 'ack'; accepted: number; duplicates: number }
  /** A readable 200 whose figures do not match what was sent: nothing is marked, sync stops. */
  | { kind: 'mismatch'; message: string }
  /** 409 with a usable expectedSeq. */
  | { kind: 'gap'; expectedSeq: number }
  /** 400/422: the batch is refused; it is quarantined. */
  | { kind: 'rejected'; httpStatus: number; serverCode?: string; message: string }
  /** 401/403: this kiosk is refused. */
  | { kind: 'unauthorized'; httpStatus: number; serverCode?: string }
  /** 429/503 with a readable Retry-After (capped). */
  | { kind: 'busy'; httpStatus: number; waitMs: number; capped: boolean }
  /** Anything else: nothing is marked, the same batch goes again after a backoff. */
  | { kind: 'transient'; code: SyncCode; message: string; httpStatus: number };

/**
 * `sentThrough`: the highest seq this kiosk has ever put on the wire (this batch included). A 200's
 * `lastSeq` is the last seq BMET holds for the kiosk: at least the batch's last, and never beyond
 * what the kiosk sent (the bound the 409 rule sets too).
 */
export function readAnswer(batch: Batch, res: HttpResponse, nowMs: number, sentThrough: number): Answer {
  const body = jsonObject(res);
  const serverCode = typeof body?.error === 'string' ? body.error.slice(0, SERVER_CODE_MAX) : undefined;
  const withCode = serverCode !== undefined ? { serverCode } : {};
  const s = res.status;
  const transient = (code: SyncCode, message: string): Answer => ({
    kind: 'transient',
    code,
    message,
    httpStatus: s,
  });
  if (s === 200) {
    const type = mediaType(res.headers);
    if (type !== 'application/json')
      return transient('SYNC_WRONG_CONTENT_TYPE', `200 with content-type '${type.slice(0, 60)}'`);
    const { accepted, duplicates, lastSeq } = body ?? {};
    if (!isCount(accepted) || !isCount(duplicates) || !isCount(lastSeq))
      return transient('SYNC_BAD_RESPONSE', '200 without a readable acknowledgement');
    // Only an answer that accounts for exactly the batch sent acknowledges it; any other is a
    // protocol error (DESIGN: "marks nothing and raises an alert"), not a reason to resend.
    const range = `seq ${batch.fromSeq}..${batch.toSeq} (${batch.count} records)`;
    if (accepted + duplicates !== batch.count)
      return mismatch(`BMET acknowledged ${accepted} + ${duplicates} duplicates for ${range}`);
    if (lastSeq < batch.toSeq)
      return mismatch(`BMET acknowledged ${range} but says it holds only up to seq ${lastSeq}`);
    if (lastSeq > sentThrough)
      return mismatch(
        `BMET acknowledged ${range} and says it holds up to seq ${lastSeq}, but this kiosk has sent only up to seq ${sentThrough}`,
      );
    return { kind: 'ack', accepted, duplicates };
  }
  if (s === 409) {
    const e = body?.expectedSeq;
    if (!isCount(e) || e < 1) return transient('SYNC_BAD_RESPONSE', '409 without a usable expectedSeq');
    return { kind: 'gap', expectedSeq: e };
  }
  if (s === 400 || s === 422) {
    const why =
      typeof body?.message === 'string' ? body.message.slice(0, SERVER_MESSAGE_MAX) : 'no reason given';
    return {
      kind: 'rejected',
      httpStatus: s,
      ...withCode,
      message: `BMET refused seq ${batch.fromSeq}..${batch.toSeq} (${s}${serverCode ? ' ' + serverCode : ''}): ${why}`,
    };
  }
  if (s === 401 || s === 403) return { kind: 'unauthorized', httpStatus: s, ...withCode };
  if (s === 429 || s === 503) {
    const wait = parseRetryAfter(firstHeader(res.headers['retry-after']), nowMs);
    if (wait === null) return transient('SYNC_BUSY', `${s} without a readable Retry-After`);
    return {
      kind: 'busy',
      httpStatus: s,
      waitMs: Math.min(wait, RETRY_AFTER_MAX_MS),
      capped: wait > RETRY_AFTER_MAX_MS,
    };
  }
  if (s >= 500) return transient('SYNC_SERVER_ERROR', `${s}${serverCode ? ' ' + serverCode : ''}`);
  return transient('SYNC_UNEXPECTED_STATUS', `unexpected status ${s}`);
}

function mismatch(why: string): Answer {
  return { kind: 'mismatch', message: `${why}; nothing is marked sent` };
}

export type GapDecision =
  /** Resend from `expectedSeq` (the server lost records, e.g. restored from a backup). */
  | { kind: 'rewind'; to: number }
  /** An earlier answer was lost: records up to `upTo` were sent and the server holds them. */
  | { kind: 'acknowledged'; upTo: number }
  /** It asks for the very batch it was sent: a contradiction, tried again (bounded by the engine). */
  | { kind: 'contradiction' }
  /** It claims records this kiosk never sent: a protocol error; nothing is marked. */
  | { kind: 'ahead' };

/**
 * sync-protocol.md, 409: a seq within what this kiosk has already sent (`sentThrough`, the
 * highest seq ever put on the wire) means the records before it are held; beyond that the
 * server claims records it cannot have received.
 */
export function decideGap(
  expectedSeq: number,
  batch: Pick<Batch, 'fromSeq'>,
  sentThrough: number,
): GapDecision {
  if (expectedSeq < batch.fromSeq) return { kind: 'rewind', to: expectedSeq };
  if (expectedSeq === batch.fromSeq) return { kind: 'contradiction' };
  if (expectedSeq - 1 <= sentThrough) return { kind: 'acknowledged', upTo: expectedSeq - 1 };
  return { kind: 'ahead' };
}

export function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

export function firstHeader(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}
