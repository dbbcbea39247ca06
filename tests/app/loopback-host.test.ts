// The loopback host over real HTTP on 127.0.0.1: token, Host and Origin checks on every
// request and on the WebSocket upgrade; contract arguments checked with a clear code; the
// host keeps answering after every bad request.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { startLoopbackHost, type LoopbackHost } from '../../main/app/loopback-host.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';

interface Res {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('loopback host', () => {
  let booted: BootedKiosk;
  let host: LoopbackHost;
  let screens: string;
  let origin: string;
  const call = (method: string, body: string, headers: Record<string, string> = {}) =>
    request(`${host.url}api/${method}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', Origin: origin, ...headers },
    });

  beforeAll(async () => {
    screens = fs.mkdtempSync(path.join(os.tmpdir(), 'screens-'));
    fs.writeFileSync(path.join(screens, 'index.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(os.tmpdir(), 'outside-screens.txt'), 'secret');
    booted = await bootKiosk({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'host-')),
      roots: { kind: 'command-line', files: [path.join(VECTORS, 'root.pem')] },
      bundleFile: path.join(VECTORS, 'bundle.bmettrust'),
      nowMs: Date.parse(VECTORS_NOW),
      noLog: false,
      officer: 'T1',
    });
    host = await startLoopbackHost({ service: booted.service, staticDir: screens, port: 0 });
    origin = new URL(host.url).origin;
  });
  afterAll(async () => {
    await host.close();
    await booted.close();
  });

  it('listens on 127.0.0.1 with a long random token in the address', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/k\/[A-Za-z0-9_-]{43}\/$/);
  });

  it('serves the screens with the token, with a strict CSP', async () => {
    const r = await request(host.url);
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['no token', (u: string) => u.replace(/\/k\/.*$/, '/')],
    ['no token, index', (u: string) => u.replace(/\/k\/.*$/, '/index.html')],
    [
      'a wrong token',
      (u: string) => u.replace(/\/k\/[^/]+\//, '/k/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/'),
    ],
    [
      'a truncated token',
      (u: string) => u.replace(/\/k\/([^/]+)\//, (_m, t: string) => `/k/${t.slice(0, -1)}/`),
    ],
    ['an empty token', (u: string) => u.replace(/\/k\/[^/]+\//, '/k//')],
  ])('refuses a request with %s', async (_what, mangle) => {
    const r = await request(mangle(host.url));
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN');
    const c = await request(`${mangle(host.url)}api/status`, {
      method: 'POST',
      body: '[]',
      headers: { 'Content-Type': 'application/json', Origin: origin },
    });
    expect(c.status).toBe(403);
  });

  it('refuses a right token under another Host name (DNS rebinding) or from another Origin', async () => {
    const port = new URL(host.url).port;
    expect((await request(host.url, { headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await request(host.url, { headers: { Host: `localhost:${port}` } })).status).toBe(403);
    expect((await call('status', '[]', { Origin: 'http://evil.example' })).status).toBe(403);
    // A call must say where it comes from: browsers always send Origin on a POST.
    const r = await request(`${host.url}api/status`, {
      method: 'POST',
      body: '[]',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(r.status).toBe(403);
  });

  it('serves nothing outside the screens folder', async () => {
    for (const p of [
      '../outside-screens.txt',
      '..%2foutside-screens.txt',
      '%2e%2e/outside-screens.txt',
      'a%00b',
    ]) {
      const r = await request(`${host.url}${p}`);
      expect(r.status, p).not.toBe(200);
      expect(r.body).not.toContain('secret');
    }
  });

  it('answers a good call', async () => {
    const r = await call('status', '[]');
    expect(r.status).toBe(200);
    const reply = JSON.parse(r.body);
    expect(reply.ok).toBe(true);
    expect(reply.value.trust.version).toBe(7);
    expect(reply.value.roots).toBe('command-line');
  });

  // The contract's refusals are answers (200, the Reply says why), as over IPC; the host's own
  // refusals of a request no screen makes (not JSON, no such method) have HTTP statuses.
  it.each([
    ['scan', '[]', 'BAD_ARGS', 200],
    ['scan', '[{"text":5,"source":"manual"}]', 'BAD_ARGS', 200],
    ['scan', '[{"text":"x","source":"serial"}]', 'BAD_ARGS', 200], // serial scans come from main, never from a page
    ['scan', '[{"text":"x","source":"manual","extra":1}]', 'BAD_ARGS', 200],
    ['scan', '[{"text":"x","source":"manual"},2]', 'BAD_ARGS', 200],
    ['scan', '{"text":"x","source":"manual"}', 'BAD_ARGS', 200],
    ['scan', 'null', 'BAD_ARGS', 200],
    ['scan', JSON.stringify([{ text: 'x'.repeat(20_000), source: 'manual' }]), 'BAD_ARGS', 200],
    ['recentScans', '[{"limit":0}]', 'BAD_ARGS', 200],
    ['recentScans', '[{"limit":1e9}]', 'BAD_ARGS', 200],
    ['status', '[1]', 'BAD_ARGS', 200],
    ['recentResult', '[{"id":"gone"}]', 'NOT_FOUND', 200],
    ['dailyReport', '[{"date":"2026-11-22"}]', 'NOT_SIGNED_IN', 200],
    ['scan', 'not json', 'BAD_ARGS', 400],
    ['nope', '[]', 'UNKNOWN_METHOD', 404],
    ['__proto__', '[]', 'UNKNOWN_METHOD', 404],
    ['constructor', '[]', 'UNKNOWN_METHOD', 404],
  ])('%s %s → %s', async (method, body, code, status) => {
    const r = await call(method, body);
    expect(r.status).toBe(status);
    const reply = JSON.parse(r.body);
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe(code);
    expect(typeof reply.error.message).toBe('string');
  });

  it('refuses a huge body and a wrong content type, and keeps answering', async () => {
    const huge = await call('scan', 'x'.repeat(300_000));
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.body).error.code).toBe('BAD_ARGS');
    expect((await call('status', '[]', { 'Content-Type': 'text/plain' })).status).toBe(400);
    expect((await request(`${host.url}api/status`)).status).toBe(400); // GET
    expect(JSON.parse((await call('status', '[]')).body).ok).toBe(true);
  });

  it('verifies and logs a scan, and pushes the result to an event socket with the token', async () => {
    const wsUrl = `${host.url.replace('http:', 'ws:')}events`;
    const ws = new WebSocket(wsUrl, { origin });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    // The scan's own event, not the socket's first message: a status event (the boot's port listing
    // finishing, say) may come first on a busy machine.
    const got = new Promise<{
      event: string;
      payload: { verdict: { status: string }; log: { state: string } };
    }>((resolve) =>
      ws.on('message', (m) => {
        const e = JSON.parse(String(m)) as { event: string };
        if (e.event === 'scanResult') resolve(e as never);
      }),
    );
    const card = vectorCards().get('valid-saudi-no-optional-fields')!;
    const r = JSON.parse((await call('scan', JSON.stringify([{ text: card.qr, source: 'manual' }]))).body);
    expect(r.value.verdict.status).toBe('valid');
    expect(r.value.log.state).toBe('logged');
    const ev = await got;
    expect(ev.event).toBe('scanResult');
    expect(ev.payload.verdict.status).toBe('valid');
    ws.close();
  });

  it.each([
    ['a wrong token', (u: string) => u.replace(/\/k\/[^/]+\//, '/k/wrong/'), (o: string) => o],
    ['a foreign Origin', (u: string) => u, () => 'http://evil.example'],
    ['no Origin', (u: string) => u, () => undefined],
  ])('refuses a WebSocket upgrade with %s', async (_what, mangleUrl, mangleOrigin) => {
    const o = mangleOrigin(origin);
    const ws = new WebSocket(`${mangleUrl(host.url).replace('http:', 'ws:')}events`, o ? { origin: o } : {});
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(-1));
      ws.once('open', () => resolve(101));
    });
    expect(status).not.toBe(101);
    ws.terminate();
  });
});
