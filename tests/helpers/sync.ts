/** Kiosks with real stores and device keys, the reference BMET server (in process or as a child), and engines on a fast clock. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach } from 'vitest';
import { ensureDeviceKey, loadDeviceKey } from '../../main/core/device/identity.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import {
  SyncEngine,
  type SyncEngineOptions,
  type SyncAuditEvent,
  type SyncLogEntry,
} from '../../main/core/sync/engine.ts';
import { fastClock } from '../../main/core/sync/timing.ts';
import { startBmetServer, type BmetServer, type BmetServerOptions } from '../../server/app.ts';
import type { WireRecord } from '../../server/protocol.ts';
import { PROJECT_ROOT } from './cli.ts';
import { fakeVerdict, tempDataDir } from './store.ts';

export interface TestKiosk {
  kioskId: string;
  dataDir: string;
  store: Store;
  publicKeyPem: string;
  privateKey: KeyObject;
}

/** A provisioned kiosk with `n` logged verdicts, scanned `stepMs` apart ending now. */
export function makeKiosk(
  n: number,
  o: { kioskId?: string; stepMs?: number; dataDir?: string } = {},
): TestKiosk {
  const dataDir = o.dataDir ?? tempDataDir('sync');
  const store = openStore({ dataDir });
  const kioskId = o.kioskId ?? 'DAC-T1-D07';
  if (store.kioskId() !== kioskId) store.setSetting('kioskId', kioskId, 'test');
  ensureDeviceKey(dataDir);
  const key = loadDeviceKey(dataDir);
  if (!key.ok) throw new Error(key.why);
  const k = {
    kioskId,
    dataDir,
    store,
    publicKeyPem: key.value.publicKeyPem,
    privateKey: key.value.privateKey,
  };
  addScans(k, n, o.stepMs ?? 1000);
  return k;
}

/** Logs `n` more verdicts through the store's own append (the hash chain is the store's). */
export function addScans(k: TestKiosk, n: number, stepMs = 1000): void {
  const end = Date.now();
  const start =
    (k.store.db.prepare('SELECT coalesce(max(seq), 0) FROM verifications').pluck().get() as number) + 1;
  k.store.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const status = i % 11 === 0 ? 'invalid' : i % 5 === 0 ? 'warning' : 'valid';
      k.store.logVerdict(
        fakeVerdict(start + i, status, i % 3 ? 'KW' : 'SA'),
        `QR-${start + i}-${Math.random()}`,
        end - (n - i) * stepMs,
        `OF-${1000 + (i % 4)}`,
      );
    }
  })();
}

export async function startServer(
  o: Partial<BmetServerOptions> = {},
): Promise<BmetServer & { logs: Record<string, unknown>[] }> {
  const logs: Record<string, unknown>[] = [];
  const s = await startBmetServer({
    db: path.join(tempDataDir('bmet-server'), 'server.db'),
    testApi: true,
    log: (l) => logs.push(l),
    ...o,
  });
  return Object.assign(s, { logs });
}

export interface TestEngine {
  engine: SyncEngine;
  logs: SyncLogEntry[];
  audits: SyncAuditEvent[];
}

/**
 * An engine on a clock 1000× faster than the wall: the real policy (1 s..5 min backoff,
 * 1 h after a 401) in milliseconds. Response deadlines stay in real ms.
 */
export function engineFor(k: TestKiosk, server: string, extra: Partial<SyncEngineOptions> = {}): TestEngine {
  const logs: SyncLogEntry[] = [];
  const audits: SyncAuditEvent[] = [];
  const engine = new SyncEngine({
    kioskId: k.kioskId,
    server,
    privateKey: k.privateKey,
    outbox: k.store,
    clock: fastClock(1000),
    limits: { deadlineMs: 3000 },
    idlePollMs: 50,
    log: (e) => logs.push(e),
    audit: (e) => audits.push(e),
    ...extra,
  });
  return { engine, logs, audits };
}

/** Polls `pred` every 25 ms, at most `tries` times; returns whether it came true. Bounded: the test never hangs. */
export async function eventually(pred: () => boolean, tries = 2400): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (pred()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return pred();
}

export async function serverRecords(url: string, kioskId: string): Promise<WireRecord[]> {
  return (await fetch(`${url}/_test/kiosks/${kioskId}/records`)).json() as Promise<WireRecord[]>;
}

/** The server's re-walk of a kiosk's stored chain (its test API). */
export type ServerAudit = ReturnType<BmetServer['db']['audit']>;

export async function serverAudit(url: string, kioskId: string): Promise<ServerAudit> {
  return (await fetch(`${url}/_test/kiosks/${kioskId}`)).json() as Promise<ServerAudit>;
}

export async function putFaults(url: string, faults: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${url}/_test/faults`, { method: 'PUT', body: JSON.stringify(faults) });
  if (!r.ok) throw new Error(await r.text());
}

export async function register(url: string, kioskId: string, publicKey: string): Promise<void> {
  const r = await fetch(`${url}/_test/kiosks`, {
    method: 'POST',
    body: JSON.stringify({ kioskId, publicKey }),
  });
  if (!r.ok) throw new Error(await r.text());
}

/** The reference server as its own process (`npm run bmet-server`'s entry), for CLI tests and the bench. */
export async function spawnServer(
  args: string[],
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'server/main.ts'), ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)).url);
    });
    child.once('exit', (code) => reject(new Error(`bmet-server exited ${code}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function cleanup(...dirs: string[]): void {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * What a scripted BMET answers to one batch: a status, a JSON body and any headers (a `Date`
 * other than Node's own), or `drop` to cut the connection (a lost answer).
 */
export type ScriptedAnswer =
  { status: number; body?: Record<string, unknown>; headers?: Record<string, string> } | 'drop';

/** One batch a scripted BMET was sent, with the time it was signed with (X-BMET-Timestamp). */
export interface ScriptedRequest {
  batchId: string;
  fromSeq: number;
  toSeq: number;
  timestamp: string;
}

/**
 * A hostile or scripted BMET on 127.0.0.1: it checks nothing and answers each batch as
 * `answer` says (given the batch's range and how many batches came before).
 */
export async function startScriptedServer(
  answer: (batch: ScriptedRequest, n: number) => ScriptedAnswer,
): Promise<{
  url: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}> {
  const requests: ScriptedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const json = JSON.parse(
        (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(),
      );
      const b = {
        batchId: json.batchId as string,
        fromSeq: json.fromSeq as number,
        toSeq: json.toSeq as number,
        timestamp: String(req.headers['x-bmet-timestamp']),
      };
      const a = answer(b, requests.length);
      requests.push(b);
      if (a === 'drop') return void req.socket.destroy();
      const text = JSON.stringify(a.body ?? {});
      res.writeHead(a.status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...a.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A 200 that acknowledges exactly the batch (what a well-behaved BMET says). */
export const ackOf = (b: { fromSeq: number; toSeq: number }): ScriptedAnswer => ({
  status: 200,
  body: { accepted: b.toSeq - b.fromSeq + 1, duplicates: 0, lastSeq: b.toSeq },
});

/**
 * The kiosks and servers of one test file, closed and removed after each test: call once at
 * the top of the file.
 */
export function syncFixtures() {
  const open: { close(): unknown }[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    cleanup(...dirs.splice(0));
  });
  return {
    /** Closed after the test (reverse order). */
    keep<T extends { close(): unknown }>(o: T): T {
      open.push(o);
      return o;
    },
    kiosk(n: number, o: Parameters<typeof makeKiosk>[1] = {}): TestKiosk {
      const k = makeKiosk(n, o);
      open.push(k.store);
      dirs.push(k.dataDir);
      return k;
    },
    async scripted(answer: Parameters<typeof startScriptedServer>[0]) {
      const s = await startScriptedServer(answer);
      open.push(s);
      return s;
    },
    async server(o: Parameters<typeof startServer>[0] = {}) {
      const s = await startServer(o);
      open.push(s);
      return s;
    },
  };
}
