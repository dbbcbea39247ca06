/**
 * The loopback host: the built screens and the kiosk contract over HTTP + WebSocket on
 * 127.0.0.1 only, so the same screens run in any Chromium. Everything lives under
 * `/k/<token>/`, with a random token made at each start: a request or WebSocket upgrade
 * without it is refused, and so is one whose Host or Origin is not this address (a web
 * page under some other name that resolves to 127.0.0.1 — DNS rebinding — gets nothing).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNELS, isMethodName, type ApiErrorCode, type Reply } from '../contract/api.ts';
import { MAX_CALL_BODY_BYTES } from '../contract/scan-limits.ts';
import { callKiosk } from './dispatch.ts';
import type { KioskService } from './service.ts';

/** The cookie that carries a page's session id (see dispatch.ts: the session itself stays in main). */
const SESSION_COOKIE = 'bmet_session';
const SESSION_COOKIE_RE = /(?:^|;\s*)bmet_session=([A-Za-z0-9_-]{43})(?:;|$)/;

/** Largest request body: a scan of MAX_SCAN_TEXT characters, JSON-escaped, fits. */
const MAX_BODY_BYTES = MAX_CALL_BODY_BYTES;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * The HTTP status of a contract's answer. A refusal the contract gives (no trust bundle, not
 * signed in, a wrong setup code, an argument its schema refuses …) is a state the screen shows,
 * carried in the Reply as Electron's IPC carries it, as a value: 200, like an answer. A 4xx
 * would be Chromium's "Failed to load resource" console error on every such call (the technician
 * screen asks trustDetails on each redraw, and "no bundle installed" is where a new kiosk starts).
 * Only a failure of main itself (INTERNAL) is a server error.
 */
const replyStatus = (r: Reply<unknown>): number => (!r.ok && r.error.code === 'INTERNAL' ? 500 : 200);

export interface HostOptions {
  service: KioskService;
  /** The built screens (index.html and its assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
}

export interface LoopbackHost {
  /** The address to open: http://127.0.0.1:PORT/k/TOKEN/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startLoopbackHost(o: HostOptions): Promise<LoopbackHost> {
  const token = randomBytes(32).toString('base64url');
  const staticRoot = path.resolve(o.staticDir);
  const server = http.createServer();
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const prefix = `/k/${token}/`;

  /** The part of the path after the token prefix, or null when the request may not be served. */
  function admit(req: http.IncomingMessage, needOrigin: boolean): string | null {
    if (req.headers.host !== `127.0.0.1:${port}`) return null;
    const o = req.headers.origin;
    if (o !== undefined ? o !== origin : needOrigin) return null;
    const url = req.url ?? '';
    const m = /^\/k\/([^/?#]*)\/([^?#]*)/.exec(url);
    if (!m || !sameSecret(m[1]!, token)) return null;
    return m[2]!;
  }

  const baseHeaders = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  function send(
    res: http.ServerResponse,
    status: number,
    r: Reply<unknown>,
    extra: Record<string, string> = {},
  ): void {
    const body = JSON.stringify(r);
    res.writeHead(status, {
      ...baseHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      ...extra,
    });
    res.end(body);
  }
  /** The contract's answer to a call, refusals included (see replyStatus). */
  const reply = (res: http.ServerResponse, r: Reply<unknown>, extra: Record<string, string> = {}) =>
    send(res, replyStatus(r), r, extra);
  /** The host's own refusal, before any call reaches the contract: a request no screen of this host makes. */
  const refuse = (res: http.ServerResponse, status: 400 | 403 | 404, code: ApiErrorCode, message: string) =>
    send(res, status, { ok: false, error: { code, message } });

  function serveStatic(res: http.ServerResponse, rel: string, extra: http.OutgoingHttpHeaders = {}): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rel || 'index.html');
    } catch {
      return refuse(res, 400, 'BAD_ARGS', 'bad path');
    }
    const file = path.resolve(staticRoot, decoded);
    if (decoded.includes('\0') || !file.startsWith(staticRoot + path.sep))
      return refuse(res, 403, 'FORBIDDEN', 'outside the screens');
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { ...baseHeaders, 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, {
        ...baseHeaders,
        'Content-Type': type,
        'Content-Length': st.size,
        ...(type.startsWith('text/html') ? { 'Content-Security-Policy': csp } : {}),
        ...extra,
      });
      fs.createReadStream(file).pipe(res);
    });
  }

  const cookieSession = (req: http.IncomingMessage) =>
    SESSION_COOKIE_RE.exec(req.headers.cookie ?? '')?.[1] ?? null;
  const sessionCookie = (id: string | null) =>
    // Lax, not Strict: `start` opens Chromium on a file:// launch page, so the screens' load (and
    // every reload of it) comes from another site, and a Strict cookie would be left out of that
    // GET, the one that ends a supervisor's session on a reload. Cross-site POSTs (every call)
    // still carry no Lax cookie, and calls are refused without this host's Origin anyway.
    `${SESSION_COOKIE}=${id ?? ''}; Path=${prefix}; HttpOnly; SameSite=Lax${id ? '' : '; Max-Age=0'}`;

  function serveCall(req: http.IncomingMessage, res: http.ServerResponse, method: string): void {
    if (req.method !== 'POST') return refuse(res, 400, 'BAD_ARGS', 'calls are POST');
    if (!isMethodName(method))
      return refuse(res, 404, 'UNKNOWN_METHOD', `no method '${method.slice(0, 64)}'`);
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      return refuse(res, 400, 'BAD_ARGS', 'wants Content-Type: application/json');
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (over) return refuse(res, 400, 'BAD_ARGS', `body larger than ${MAX_BODY_BYTES} bytes`);
      let args: unknown;
      try {
        args = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(res, 400, 'BAD_ARGS', 'body is not JSON');
      }
      // The page's session rides in an HttpOnly cookie scoped to this token's path: the page's
      // scripts never read it, and it is sent only to this run of the host.
      let set: string | null | undefined;
      const answer = callKiosk(o.service, method, args, {
        transport: 'loopback',
        sessionId: cookieSession(req),
        setSession: (id) => void (set = id),
      });
      const answered = (r: Awaited<typeof answer>) =>
        reply(res, r, set === undefined ? {} : { 'Set-Cookie': sessionCookie(set) });
      // A sign-in answers later (its PIN is hashed off the event loop); it never rejects.
      if (answer instanceof Promise) answer.then(answered, () => res.destroy());
      else answered(answer);
    });
    req.on('error', () => res.destroy());
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const rel = admit(req, req.method !== 'GET' && req.method !== 'HEAD');
    if (rel === null) return refuse(res, 403, 'FORBIDDEN', 'wrong address, origin or token');
    if (rel.startsWith('api/')) return serveCall(req, res, rel.slice(4));
    if (rel === CHANNELS.ws) return refuse(res, 400, 'BAD_ARGS', 'events come over a WebSocket');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 400, 'BAD_ARGS', 'screens are GET');
    // The screens' page loaded again (a reload, F5): it starts at the desk, so a supervisor's or
    // technician's session from before ends here, in main, whatever the page did or did not say.
    const id = cookieSession(req);
    if ((rel === '' || rel === 'index.html') && req.method === 'GET' && id) {
      const keep = o.service.staff.pageLoaded(id, 'loopback');
      if (keep?.id !== id) return serveStatic(res, rel, { 'Set-Cookie': sessionCookie(keep?.id ?? null) });
    }
    serveStatic(res, rel);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (admit(req, true) !== CHANNELS.ws) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      // Screens only listen here; calls go through POST, where they are checked one by one.
      ws.on('message', () => {});
    });
  });
  const unsubscribe = o.service.subscribe((event, payload) => {
    const msg = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  return {
    url: `${origin}${prefix}`,
    port,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
