/**
 * One bounded HTTP exchange for the sync engine (node:http/https): a deadline over the
 * whole exchange (so a slow-loris answer cannot hold it), a cap on the response size, no
 * redirects, no content codings; https with certificate verification, plain http only to
 * the loopback host. Every failure comes back as a sync code, never a throw.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { TLSSocket } from 'node:tls';
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

/** Idle keep-alive sockets close after this long. */
const SOCKET_IDLE_MS = 60_000;
const MAX_SOCKETS = 2;

/**
 * Every certificate verification error Node reports (OpenSSL's X509_V_ERR_* names without the
 * prefix, as Node's X509ErrorCode spells them, UNSPECIFIED for one it has no name for) and its own
 * host name check: the peer is not shown to be BMET, so nothing is sent.
 */
const CERT_ERRORS = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'UNSPECIFIED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The sync code of a request that failed before an answer: a certificate that does not verify, or
 * a TLS handshake that fails (EPROTO, ERR_SSL_…: say https:// to a plain-http port), is
 * SYNC_TLS_UNTRUSTED — no verified connection, nothing sent; a socket or OS error (an errno code
 * such as ETIMEDOUT, ENETDOWN, EHOSTDOWN, or a failed lookup) is SYNC_NETWORK; what is left (an
 * HTTP parse error: the peer answered, but not HTTP) is SYNC_BAD_RESPONSE.
 * `certRefused`: the TLS socket itself reports a verification error (whatever its code).
 */
export function failureCode(err: NodeJS.ErrnoException, certRefused = false): SyncCode {
  const code = err.code ?? '';
  if (certRefused || CERT_ERRORS.has(code) || code.startsWith('ERR_TLS_CERT') || code.startsWith('ERR_SSL_'))
    return 'SYNC_TLS_UNTRUSTED';
  if (code === 'EPROTO') return 'SYNC_TLS_UNTRUSTED';
  if (code === 'ENOTLOOPBACK') return 'SYNC_INSECURE_URL';
  if (/^E(?!RR_)[A-Z0-9_]+$/.test(code) || (err.syscall !== undefined && !code.startsWith('HPE_')))
    return 'SYNC_NETWORK';
  return 'SYNC_BAD_RESPONSE';
}

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
      const socket = r.socket as TLSSocket | null;
      const certRefused = socket instanceof TLSSocket && !socket.authorized && !!socket.authorizationError;
      done({
        ok: false,
        code: failureCode(err, certRefused),
        message: `${err.code ?? 'error'}: ${err.message}`,
      });
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
