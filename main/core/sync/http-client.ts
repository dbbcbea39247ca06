/**
 * One bounded HTTP exchange for the sync engine (node:http/https): a deadline over the
 * whole exchange (so a slow-loris answer cannot hold it), a cap on the response size, no
 * redirects, no content codings. Every failure comes back as a sync code, never a throw.
 */
import http from 'node:http';
import https from 'node:https';
import type { SyncCode } from '../../contract/sync.ts';

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

export function agentFor(url: URL): http.Agent {
  const opts = { keepAlive: true, maxSockets: 2, timeout: 60_000 };
  return url.protocol === 'https:' ? new https.Agent(opts) : new http.Agent(opts);
}

export function exchange(req: HttpRequest): Promise<HttpOutcome> {
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
      const code = err.code && NETWORK_ERRORS.has(err.code) ? 'SYNC_NETWORK' : 'SYNC_BAD_RESPONSE';
      done({ ok: false, code, message: `${err.code ?? 'error'}: ${err.message}` });
    });
    r.on('response', (res) => {
      const fail = (code: SyncCode, message: string) => {
        done({ ok: false, code, message });
        res.destroy();
        r.destroy();
      };
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
