/**
 * GET /v1/trust/latest with If-None-Match. A fetched bundle is handed, as bytes, to the
 * same installer a USB stick uses (every check, the audit line, the atomic install),
 * with the network recorded as its source: the network is never trusted more than a stick.
 */
import type http from 'node:http';
import type { SyncCode, SyncProblem, TrustCheck } from '../../contract/sync.ts';
import type { TrustInstallReport } from '../../contract/technician.ts';
import { exchange, mediaType, type HttpLimits, type HttpResponse } from './http-client.ts';

/** What the installer did with the fetched bytes: the contract's install report, with the reason for the sync log. */
export type NetworkInstallReport = TrustInstallReport & { why: string | null };

/** Installs bundle bytes with every USB check; `source` goes into the audit line. */
export type TrustInstaller = (
  bytes: Buffer,
  source: { kind: 'network'; url: string; etag: string | null },
) => NetworkInstallReport | Promise<NetworkInstallReport>;

const BUNDLE_TYPES = new Set(['application/jose+json', 'application/json', 'application/octet-stream']);

/** Refusals judged by the kiosk's clock: once the clock is put right, the same bytes may install. */
const CLOCK_REFUSALS = new Set<string>(['BUNDLE_NOT_YET_VALID', 'BUNDLE_EXPIRED']);

/** The sync log's line for a check: not-modified, installed vN, unchanged, refused CODE, failed CODE [HTTP n]. */
export function trustCheckLine(c: TrustCheck): string {
  switch (c.outcome) {
    case 'not-modified':
    case 'unchanged':
      return c.outcome;
    case 'installed':
      return `installed v${c.version}`;
    case 'refused':
      return `refused ${c.code}`;
    case 'failed':
      return `failed ${c.code}${c.httpStatus !== null ? ` HTTP ${c.httpStatus}` : ''}`;
  }
}

const failed = (code: SyncCode, httpStatus: number | null = null): TrustCheck => ({
  outcome: 'failed',
  code,
  httpStatus,
});

export interface TrustFetchResult {
  check: TrustCheck;
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
      check: failed(r.code),
      problem: { code: 'TRUST_FETCH_FAILED', message: `${r.code}: ${r.message}` },
    };
  const res = r.res;
  if (res.status === 304) return { check: { outcome: 'not-modified' }, res };
  if (res.status !== 200)
    return {
      check: failed('SYNC_UNEXPECTED_STATUS', res.status),
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
      check: failed('SYNC_WRONG_CONTENT_TYPE'),
      res,
      problem: { code: 'TRUST_FETCH_FAILED', message: `bundle served as '${type.slice(0, 60)}'` },
    };
  const etagHeader = res.headers.etag;
  const etag = typeof etagHeader === 'string' && etagHeader.length <= 200 ? etagHeader : null;
  let result: NetworkInstallReport;
  try {
    result = await o.install(res.body, { kind: 'network', url: url.toString(), etag });
  } catch (err) {
    return {
      check: failed('TRUST_FETCH_FAILED'),
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
    const keep = CLOCK_REFUSALS.has(result.code) ? null : etag;
    return {
      check: report(result),
      etag: keep,
      res,
      problem: {
        code: 'TRUST_FETCH_REFUSED',
        message: `${result.code}: ${result.why ?? ''}`.trim(),
      },
    };
  }
  return { check: report(result), etag, res };
}

/** The install's report without the installer's reason (that goes into the sync log and the problem). */
function report({ why: _why, ...r }: NetworkInstallReport): TrustInstallReport {
  return r;
}
