/**
 * The reference BMET endpoint: `startBmetServer` serves POST /v1/kiosks/{id}/batches and
 * GET /v1/trust/latest (sync-protocol.md), with optional fault injection and, for tests,
 * a /_test API. Every refusal is a JSON `{ "error": CODE, "message" }` and a log line.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { openServerDb, type ServerDb } from './db.ts';
import { AFTER_STORE, BEFORE_STORE, Faults, type FaultConfig } from './faults.ts';
import {
  batchSchema,
  MAX_JSON_BYTES,
  publicKeyFromPem,
  rangeProblem,
  recordHash,
  signatureHolds,
  TIMESTAMP_RE,
  type Batch,
} from './protocol.ts';

const gunzipAsync = promisify(gunzip);

export interface BmetServerOptions {
  db: string;
  port?: number;
  host?: string;
  /** How far X-BMET-Timestamp may be from the server's clock (default 5 min). */
  maxSkewMs?: number;
  testApi?: boolean;
  faults?: Partial<FaultConfig>;
  /** A .bmettrust file to serve at /v1/trust/latest. */
  trustFile?: string;
  kiosks?: { kioskId: string; publicKey: string }[];
  log?: (line: Record<string, unknown>) => void;
  /** Serve https with this key and certificate chain (PEM); otherwise plain http. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /**
   * Tests, in process: awaited after a batch is stored and before it is answered, so a test can act
   * while a kiosk waits for that answer (stop it, say) and then let the answer go.
   */
  holdAnswer?: (batch: { kioskId: string; batchId: string; fromSeq: number; toSeq: number }) => Promise<void>;
}

export interface BmetServer {
  url: string;
  port: number;
  db: ServerDb;
  faults: Faults;
  stats: {
    requests: number;
    stored: number;
    duplicates: number;
    replayed: number;
    refused: Record<string, number>;
  };
  close(): Promise<void>;
}

/** A gzip body of a 1 MiB batch is smaller than 1 MiB; the slack covers an uncompressed or incompressible one. */
const MAX_RAW_BYTES = MAX_JSON_BYTES + 64 * 1024;
const MAX_TEST_BYTES = 20 * 1024 * 1024;

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads a request body up to `max` bytes; beyond that it answers 400 and drops the connection. */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max)
      return reject(
        new HttpError(400, 'BATCH_TOO_LARGE', `body of ${declared} bytes exceeds ${max}`, { close: true }),
      );
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        reject(new HttpError(400, 'BATCH_TOO_LARGE', `body exceeds ${max} bytes`, { close: true }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

const header = (req: http.IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function startBmetServer(opts: BmetServerOptions): Promise<BmetServer> {
  const db = openServerDb(opts.db);
  for (const k of opts.kiosks ?? []) db.register(k.kioskId, k.publicKey);
  if (opts.trustFile) db.setTrust(fs.readFileSync(opts.trustFile));
  const faults = new Faults();
  if (opts.faults) faults.set(opts.faults);
  const maxSkewMs = opts.maxSkewMs ?? 300_000;
  const log = opts.log ?? ((l) => process.stderr.write(JSON.stringify(l) + '\n'));
  const stats: BmetServer['stats'] = { requests: 0, stored: 0, duplicates: 0, replayed: 0, refused: {} };
  const sockets = new Set<import('node:net').Socket>();

  async function batches(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    kioskId: string,
  ): Promise<void> {
    const raw = await readBody(req, MAX_RAW_BYTES);

    // Who is it: before anything in the body is looked at.
    const kiosk = db.kiosk(kioskId);
    if (!kiosk || kiosk.disabled)
      throw new HttpError(403, 'KIOSK_UNKNOWN', `kiosk ${kioskId.slice(0, 40)} is not registered`);
    if (header(req, 'x-bmet-kiosk') !== kioskId)
      throw new HttpError(401, 'KIOSK_MISMATCH', 'X-BMET-Kiosk does not name the kiosk in the path');
    const ts = header(req, 'x-bmet-timestamp') ?? '';
    const sig = header(req, 'x-bmet-signature') ?? '';
    if (!TIMESTAMP_RE.test(ts))
      throw new HttpError(401, 'TIMESTAMP_INVALID', 'X-BMET-Timestamp is not an RFC 3339 UTC time');
    const skew = Date.parse(ts) - Date.now();
    if (Number.isNaN(skew) || Math.abs(skew) > maxSkewMs)
      throw new HttpError(
        401,
        'TIMESTAMP_OUT_OF_WINDOW',
        `X-BMET-Timestamp is ${Math.round(skew / 1000)} s from the server's clock (limit ${maxSkewMs / 1000} s)`,
      );
    const key = publicKeyFromPem(kiosk.publicKey);
    if (!key || !signatureHolds(key, ts, raw, sig))
      throw new HttpError(
        401,
        'SIGNATURE_INVALID',
        'X-BMET-Signature does not verify with the registered key',
      );

    const delay = faults.delayMs();
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const early = faults.pick(BEFORE_STORE);
    if (early === 'error500') throw new HttpError(500, 'INJECTED_ERROR', 'fault injection: 500');
    if (early === 'reject400') throw new HttpError(400, 'INJECTED_REJECT', 'fault injection: 400');
    if (early === 'busy503' || early === 'busy429') {
      throw new HttpError(early === 'busy503' ? 503 : 429, 'BUSY', 'fault injection: busy', {
        retryAfter: faults.config.retryAfter,
      });
    }

    // What is it.
    const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json')
      // 400, not 415: the spec's table lists 400 for a malformed batch, and a status it does not
      // list is one a kiosk may only retry (for ever) — this one would never pass.
      throw new HttpError(400, 'CONTENT_TYPE', 'Content-Type must be application/json');
    const coding = (header(req, 'content-encoding') ?? 'identity').trim().toLowerCase();
    let json: Buffer;
    if (coding === 'gzip') {
      try {
        json = await gunzipAsync(raw, { maxOutputLength: MAX_JSON_BYTES });
      } catch (err) {
        const big = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        throw new HttpError(
          400,
          big ? 'BATCH_TOO_LARGE' : 'BODY_NOT_GZIP',
          big ? `batch JSON exceeds ${MAX_JSON_BYTES} bytes` : 'body is not valid gzip',
        );
      }
    } else if (coding === 'identity') {
      if (raw.length > MAX_JSON_BYTES)
        throw new HttpError(400, 'BATCH_TOO_LARGE', `batch JSON exceeds ${MAX_JSON_BYTES} bytes`);
      json = raw;
    } else
      throw new HttpError(400, 'CONTENT_ENCODING', `unsupported Content-Encoding ${coding.slice(0, 20)}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    } catch {
      throw new HttpError(400, 'BATCH_MALFORMED', 'body is not UTF-8 JSON');
    }
    const v = batchSchema.safeParse(parsed);
    if (!v.success) {
      const i = v.error.issues[0]!;
      throw new HttpError(400, 'BATCH_MALFORMED', `${i.path.join('.') || 'body'}: ${i.message}`);
    }
    const b: Batch = v.data;
    if (b.kioskId !== kioskId)
      throw new HttpError(400, 'BATCH_MALFORMED', 'kioskId in the body is not the kiosk in the path');
    if (header(req, 'idempotency-key') !== b.batchId)
      throw new HttpError(400, 'BATCH_MALFORMED', 'Idempotency-Key must equal batchId');
    const range = rangeProblem(b);
    if (range) throw new HttpError(400, 'BATCH_MALFORMED', range);

    // The same batch again (its answer was lost): the same answer.
    const bodySha = createHash('sha256').update(json).digest('hex');
    const seen = db.answered(kioskId, b.batchId);
    if (seen && seen.bodySha256 !== bodySha)
      throw new HttpError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key came before with a different batch',
      );

    let answer: { accepted: number; duplicates: number; lastSeq: number };
    if (seen) {
      answer = JSON.parse(seen.response);
      stats.replayed++;
    } else {
      // The chain inside the batch: every hash recomputed, every link checked.
      for (let i = 0; i < b.records.length; i++) {
        const r = b.records[i]!;
        let hash: string;
        try {
          hash = recordHash(r);
        } catch (err) {
          throw new HttpError(400, 'BATCH_MALFORMED', `record ${r.seq}: ${(err as Error).message}`);
        }
        if (hash !== r.hash)
          throw chainError(
            kioskId,
            'CHAIN_HASH_MISMATCH',
            r.seq,
            `record ${r.seq}'s hash does not match its contents (altered?)`,
          );
        if (i > 0 && r.prevHash !== b.records[i - 1]!.hash)
          throw chainError(
            kioskId,
            'CHAIN_BROKEN',
            r.seq,
            `record ${r.seq}'s prevHash does not join record ${r.seq - 1}`,
          );
      }
      const out = db.store(b);
      if (out.kind === 'gap')
        throw new HttpError(409, 'SEQ_GAP', `expected seq ${out.expectedSeq}, batch starts at ${b.fromSeq}`, {
          body: { expectedSeq: out.expectedSeq },
        });
      if (out.kind === 'chain') throw chainError(kioskId, out.code, out.seq, out.message);
      answer = { accepted: out.accepted, duplicates: out.duplicates, lastSeq: out.lastSeq };
      db.saveAnswer(kioskId, b.batchId, bodySha, answer);
      stats.stored += out.accepted;
      stats.duplicates += out.duplicates;
    }

    await opts.holdAnswer?.({ kioskId, batchId: b.batchId, fromSeq: b.fromSeq, toSeq: b.toSeq });
    // Stored. Now the answer may be lost or mangled on its way back.
    const late = faults.pick(AFTER_STORE);
    if (late === 'lostAfterStore') {
      req.socket.destroy();
      return;
    }
    if (late === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('\u0000{{ not json ]]');
      return;
    }
    if (late === 'wrongType') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Welcome to the captive portal</body></html>');
      return;
    }
    if (late === 'huge') return void sendHuge(res, faults.config.hugeBytes);
    if (late === 'slow') return void drip(res, JSON.stringify(answer), faults.config.slowByteMs);
    sendJson(res, 200, answer);
  }

  function chainError(kioskId: string, code: string, seq: number, message: string): HttpError {
    db.report(kioskId, code, seq, message);
    log({ at: new Date().toISOString(), level: 'error', event: 'chain-report', kioskId, code, seq, message });
    return new HttpError(422, code, message, { body: { seq } });
  }

  function trustLatest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const t = db.trust();
    if (!t) throw new HttpError(404, 'NO_TRUST_BUNDLE', 'no trust bundle is published');
    if (header(req, 'if-none-match') === t.etag) {
      res.writeHead(304, { ETag: t.etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/jose+json',
      'Content-Length': t.bytes.length,
      ETag: t.etag,
    });
    res.end(t.bytes);
  }

  async function testApi(req: http.IncomingMessage, res: http.ServerResponse, path: string[]): Promise<void> {
    const body = await readBody(req, MAX_TEST_BYTES);
    const json = () => {
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'TEST_API', 'JSON body expected');
      }
    };
    const [what, id, sub] = path;
    if (what === 'faults' && req.method === 'PUT') return sendJson(res, 200, { config: faults.set(json()) });
    if (what === 'faults' && req.method === 'GET')
      return sendJson(res, 200, { config: faults.config, injected: faults.injected });
    if (what === 'kiosks' && !id && req.method === 'POST') {
      const k = json();
      if (typeof k.kioskId !== 'string' || !publicKeyFromPem(String(k.publicKey)))
        throw new HttpError(400, 'TEST_API', 'kioskId and an Ed25519 publicKey PEM expected');
      db.register(k.kioskId, k.publicKey);
      return sendJson(res, 200, { registered: k.kioskId });
    }
    if (what === 'kiosks' && id && !sub && req.method === 'GET') return sendJson(res, 200, db.audit(id));
    if (what === 'kiosks' && id && sub === 'records' && req.method === 'GET')
      return sendJson(res, 200, db.records(id));
    if (what === 'kiosks' && id && sub === 'rewind' && req.method === 'POST') {
      db.rewind(id, Number(json().toSeq));
      return sendJson(res, 200, { lastSeq: db.lastSeq(id) });
    }
    if (what === 'trust' && req.method === 'PUT') return sendJson(res, 200, { etag: db.setTrust(body) });
    if (what === 'stats' && req.method === 'GET') return sendJson(res, 200, stats);
    throw new HttpError(404, 'NOT_FOUND', 'no such test API');
  }

  // The handler answers every error itself (a JSON refusal); the catch is for a bug in that answer.
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch(() => res.destroy());
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest)
    : http.createServer(onRequest);
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    try {
      if (
        req.method === 'POST' &&
        path.length === 4 &&
        path[0] === 'v1' &&
        path[1] === 'kiosks' &&
        path[3] === 'batches'
      )
        await batches(req, res, path[2]!);
      else if (req.method === 'GET' && url.pathname === '/v1/trust/latest') trustLatest(req, res);
      else if (opts.testApi && path[0] === '_test') await testApi(req, res, path.slice(1));
      else throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, 'INTERNAL', (err as Error).message);
      stats.refused[e.code] = (stats.refused[e.code] ?? 0) + 1;
      if (e.status !== 409 && !e.code.startsWith('INJECTED_') && e.code !== 'BUSY') {
        log({
          at: new Date().toISOString(),
          level: e.status >= 500 ? 'error' : 'warn',
          event: 'refused',
          status: e.status,
          code: e.code,
          message: e.message,
          path: url.pathname,
        });
      }
      if (res.headersSent || res.destroyed) return;
      const headers: Record<string, string> = {};
      if (e.extra.retryAfter) headers['Retry-After'] = String(e.extra.retryAfter);
      if (e.extra.close) headers.Connection = 'close';
      sendJson(
        res,
        e.status,
        { error: e.code, message: e.message, ...(e.extra.body as object | undefined) },
        headers,
      );
      if (e.extra.close) res.on('finish', () => req.socket.destroy());
    }
  }
  // Bounds on what a client may do to the server, too.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 10_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  // A client that refuses the certificate closes the handshake; that is its right, not a server error.
  server.on('tlsClientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    faults,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        for (const s of sockets) s.destroy();
      }),
  };
}

function sendHuge(res: http.ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
}

/** A slow-loris answer: headers at once, then one byte at a time. */
function drip(res: http.ServerResponse, text: string, everyMs: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  let i = 0;
  const t = setInterval(() => {
    if (res.destroyed || i >= text.length) {
      clearInterval(t);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(text[i++]!);
  }, everyMs);
  res.on('close', () => clearInterval(t));
}
