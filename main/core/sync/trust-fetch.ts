/**
 * GET /v1/trust/latest with If-None-Match. A fetched bundle is handed, as bytes, to the
 * same installer a USB stick uses (every check, the audit line, the atomic install),
 * with the network recorded as its source: the network is never trusted more than a stick.
 */
import type http from 'node:http';
import type { SyncProblem } from '../../contract/sync.ts';
import type { TrustInstallResult } from '../../contract/technician.ts';
import { exchange, mediaType, type HttpLimits, type HttpResponse } from './http-client.ts';

/**
 * What the installer did with the fetched bytes: the contract's install result (the running
 * kiosk, not the fetch, decides `inForce`), with the reason for the sync log.
 */
export type TrustInstallOutcome = Omit<TrustInstallResult, 'inForce'> & { why: string | null };

/** Installs bundle bytes with every USB check; `source` goes into the audit line. */
export type TrustInstaller = (
  bytes: Buffer,
  source: { kind: 'network'; url: string; etag: string | null },
) => TrustInstallOutcome | Promise<TrustInstallOutcome>;

const BUNDLE_TYPES = new Set(['application/jose+json', 'application/json', 'application/octet-stream']);

/** Refusals judged by the kiosk's clock: once the clock is put right, the same bytes may install. */
const CLOCK_REFUSALS = new Set<string>(['BUNDLE_NOT_YET_VALID', 'BUNDLE_EXPIRED']);

export interface TrustFetchResult {
  /** The sync log's one-line summary of the check: not-modified, installed vN, unchanged, refused CODE, failed CODE. */
  outcome: string;
  /** The ETag to keep (undefined: keep the old one). */
  etag?: string | null;
  problem?: Omit<SyncProblem, 'at'>;
  res?: HttpResponse;
}

export async function fetchTrust(o: {
  base: URL;
  kioskId: string;
  etag: string | null;
  agent?: http.Agent;
  limits: HttpLimits;
  install: TrustInstaller;
}): Promise<TrustFetchResult> {
  const url = new URL('v1/trust/latest', o.base);
  const headers: Record<string, string> = { Accept: 'application/jose+json', 'X-BMET-Kiosk': o.kioskId };
  if (o.etag) headers['If-None-Match'] = o.etag;
  const r = await exchange({
    method: 'GET',
    url,
    headers,
    limits: o.limits,
    ...(o.agent ? { agent: o.agent } : {}),
  });
  if (!r.ok)
    return {
      outcome: `failed ${r.code}`,
      problem: { code: 'TRUST_FETCH_FAILED', message: `${r.code}: ${r.message}` },
    };
  const res = r.res;
  if (res.status === 304) return { outcome: 'not-modified', res };
  if (res.status !== 200)
    return {
      outcome: `failed HTTP ${res.status}`,
      res,
      problem: {
        code: 'TRUST_FETCH_FAILED',
        message: `GET /v1/trust/latest answered ${res.status}`,
        httpStatus: res.status,
      },
    };
  const type = mediaType(res.headers);
  if (!BUNDLE_TYPES.has(type))
    return {
      outcome: 'failed SYNC_WRONG_CONTENT_TYPE',
      res,
      problem: { code: 'TRUST_FETCH_FAILED', message: `bundle served as '${type.slice(0, 60)}'` },
    };
  const etagHeader = res.headers.etag;
  const etag = typeof etagHeader === 'string' && etagHeader.length <= 200 ? etagHeader : null;
  let result: TrustInstallOutcome;
  try {
    result = await o.install(res.body, { kind: 'network', url: url.toString(), etag });
  } catch (err) {
    return {
      outcome: 'failed install',
      res,
      problem: {
        code: 'TRUST_FETCH_FAILED',
        message: `installing the fetched bundle failed: ${(err as Error).message}`,
      },
    };
  }
  // A refused bundle keeps its ETag too, so the same refused file is not fetched (and audited) again and
  // again — unless the refusal depends on the kiosk's clock (NOT_YET_VALID, EXPIRED): a slow or fast
  // clock gets corrected, and then the very same bytes must be fetched and installed.
  if (result.outcome === 'refused') {
    const keep = result.code && CLOCK_REFUSALS.has(result.code) ? null : etag;
    return {
      outcome: `refused ${result.code ?? ''}`.trim(),
      etag: keep,
      res,
      problem: {
        code: 'TRUST_FETCH_REFUSED',
        message: `${result.code ?? 'refused'}: ${result.why ?? ''}`.trim(),
      },
    };
  }
  return {
    outcome: result.outcome === 'installed' ? `installed v${result.version ?? '?'}` : 'unchanged',
    etag,
    res,
  };
}
