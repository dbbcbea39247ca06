/**
 * One bounded HTTP exchange for the sync engine (node:http/https): a deadline over the
 * whole exchange (so a slow-loris answer cannot hold it), a cap on the response size, no
 * redirects, no content codings; https with certificate verification, plain http only to
 * the loopback host. Every failure comes back as a sync code, never a throw.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { SyncCode } from '../../contract/sync.ts';
import { isLoopbackAddress, isLoopbackHost } from './server-url.ts';
import { trustedCas } from './tls.ts';

export interface HttpLimits {
  /** From the request's start to the response's last byte. */
  deadlineMs: number;
  maxResponseBytes: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Local wall time halfway through the exchange, to compare with the server's Date. */
  midpointMs: number;
}

export type HttpOutcome = { ok: true; res: HttpResponse } | { ok: false; code: SyncCode; message: string };

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  limits: HttpLimits;
  agent?: http.Agent;
  /** Settle with the status and headers, the body left unread (empty): a test that BMET answers at all. */
  headersOnly?: boolean;
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

/** Idle keep-alive sockets close after this long. */
const SOCKET_IDLE_MS = 60_000;
const MAX_SOCKETS = 2;

/** Certificate problems OpenSSL and Node report: the peer is not who it says, so nothing is sent. */
const TLS_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * `localhost` is looked up, so its answer is held to the loopback network too: plain http
 * never leaves the machine whatever a resolver says.
 */
const loopbackLookup: NonNullable<http.AgentOptions['lookup']> = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const ok = addresses.filter((a) => isLoopbackAddress(a.address));
    if (!ok.length) {
      const e: NodeJS.ErrnoException = new Error(`${hostname} does not resolve to a loopback address`);
      e.code = 'ENOTLOOPBACK';
      return callback(e, '', 0);
    }
    if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, ok);
    callback(null, ok[0]!.address, ok[0]!.family);
  });
};

/** A keep-alive agent: https trusting Node's, the system's and `extraCas`; http confined to loopback. */
export function agentFor(url: URL, extraCas: readonly string[] = []): http.Agent {
  const opts = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: SOCKET_IDLE_MS };
  return url.protocol === 'https:'
    ? new https.Agent({ ...opts, ca: trustedCas(extraCas), rejectUnauthorized: true })
    : new http.Agent({ ...opts, lookup: loopbackLookup });
}

export function exchange(req: HttpRequest): Promise<HttpOutcome> {
  // Refused before any lookup or connection: plain http is for the loopback host only.
  if (req.url.protocol !== 'https:' && !(req.url.protocol === 'http:' && isLoopbackHost(req.url.hostname)))
    return Promise.resolve({
      ok: false,
      code: 'SYNC_INSECURE_URL',
      message: `refused to send to ${req.url.protocol}//${req.url.host}: only https:// leaves this machine`,
    });
  return new Promise((resolve) => {
    const started = Date.now();
    let settled = false;
    const done = (o: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const lib = req.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { 'Accept-Encoding': 'identity', ...req.headers };
    if (req.body) headers['Content-Length'] = String(req.body.length);
    const r = lib.request(req.url, { method: req.method, headers, agent: req.agent });
    const timer = setTimeout(() => {
      done({
        ok: false,
        code: 'SYNC_TIMEOUT',
        message: `no complete answer within ${req.limits.deadlineMs} ms`,
      });
      r.destroy();
    }, req.limits.deadlineMs);
    r.on('error', (err: NodeJS.ErrnoException) => {
      const code: SyncCode =
        err.code && TLS_ERRORS.has(err.code)
          ? 'SYNC_TLS_UNTRUSTED'
          : err.code === 'ENOTLOOPBACK'
            ? 'SYNC_INSECURE_URL'
            : err.code && NETWORK_ERRORS.has(err.code)
              ? 'SYNC_NETWORK'
              : 'SYNC_BAD_RESPONSE';
      done({ ok: false, code, message: `${err.code ?? 'error'}: ${err.message}` });
    });
    r.on('response', (res) => {
      const fail = (code: SyncCode, message: string) => {
        done({ ok: false, code, message });
        res.destroy();
        r.destroy();
      };
      if (req.headersOnly) {
        done({
          ok: true,
          res: {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.alloc(0),
            midpointMs: Date.now(),
          },
        });
        res.destroy();
        r.destroy();
        return;
      }
      const declared = Number(res.headers['content-length'] ?? '0');
      if (declared > req.limits.maxResponseBytes)
        return fail(
          'SYNC_RESPONSE_TOO_LARGE',
          `answer declares ${declared} bytes (limit ${req.limits.maxResponseBytes})`,
        );
      const coding = res.headers['content-encoding'];
      if (coding && coding !== 'identity')
        return fail(
          'SYNC_BAD_RESPONSE',
          `answer uses content-encoding '${coding.slice(0, 40)}', which was not asked for`,
        );
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.limits.maxResponseBytes)
          return fail('SYNC_RESPONSE_TOO_LARGE', `answer exceeds ${req.limits.maxResponseBytes} bytes`);
        chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) =>
        fail('SYNC_NETWORK', `answer cut off: ${err.code ?? err.message}`),
      );
      res.on('close', () => {
        if (!res.complete) fail('SYNC_NETWORK', 'answer cut off');
      });
      res.on('end', () => {
        done({
          ok: true,
          res: {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks, size),
            midpointMs: (started + Date.now()) / 2,
          },
        });
      });
    });
    r.end(req.body);
  });
}

/** The media type of a response, lower-cased, without parameters. */
export function mediaType(headers: http.IncomingHttpHeaders): string {
  return String(headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** Parses a bounded JSON object answer; null unless it is application/json holding an object. */
export function jsonObject(res: HttpResponse): Record<string, unknown> | null {
  if (mediaType(res.headers) !== 'application/json') return null;
  try {
    const v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(res.body));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
