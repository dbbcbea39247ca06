// How the kiosk reaches BMET: https with certificate verification against a real local
// https server and a throwaway CA made here with openssl; plain http only to loopback,
// refused for any other host before a single packet leaves (no request is even created).
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_SETTING } from '../../../main/core/device/identity.ts';
import { openKioskSync } from '../../../main/core/sync/kiosk-sync.ts';
import { checkServerUrl, isLoopbackHost } from '../../../main/core/sync/server-url.ts';
import { BMET_CA_FILE, installCaFile } from '../../../main/core/sync/tls.ts';
import { runCli } from '../../helpers/cli.ts';
import { makeTestPki } from '../../helpers/pki.ts';
import { tempDataDir } from '../../helpers/store.ts';
import { addScans, cleanup, engineFor, makeKiosk, startServer, type TestKiosk } from '../../helpers/sync.ts';

let pki: string;
let pem: (f: string) => string;

/** A CA and a server certificate for 127.0.0.1 and localhost, valid for a day, made for this run only. */
beforeAll(() => {
  const made = makeTestPki();
  pki = made.dir;
  pem = made.pem;
});
afterAll(() => cleanup(pki));

const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const o of open.splice(0).reverse()) await o.close();
  cleanup(...dirs.splice(0));
});

function kiosk(n: number): TestKiosk {
  const k = makeKiosk(n);
  open.push(k.store);
  dirs.push(k.dataDir);
  return k;
}

async function httpsServer(k: TestKiosk, cert = 'server.pem') {
  const s = await startServer({
    kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }],
    tls: { key: pem('server.key'), cert: pem(cert) },
  });
  open.push(s);
  return s;
}

describe('https to BMET', () => {
  it('verified with BMET CA given to the engine; refused without it or with another CA, nothing marked', async () => {
    const k = kiosk(120);
    const s = await httpsServer(k);
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:/);

    for (const extraCas of [[], [pem('other.pem')]]) {
      const r = await engineFor(k, s.url, { extraCas }).engine.runOnce();
      expect(r.lastError?.code).toBe('SYNC_TLS_UNTRUSTED');
      expect(r.acknowledged).toBe(0);
      expect(k.store.pendingCount()).toBe(120);
    }
    expect(s.stats.requests).toBe(0); // the handshake failed: no request reached the server

    const r = await engineFor(k, s.url, { extraCas: [pem('ca.pem')] }).engine.runOnce();
    expect(r).toMatchObject({ ok: true, acknowledged: 120, alert: null });
    expect(k.store.pendingCount()).toBe(0);
  });

  it('the data dir CA (provision --ca) is used by the kiosk engine; a name the certificate does not hold is refused', async () => {
    const k = kiosk(40);
    const s = await httpsServer(k);
    k.store.setSetting(SERVER_SETTING, s.url, 'test');
    const without = openKioskSync({ store: k.store, dataDir: k.dataDir });
    if (!without.ok) throw new Error(without.why);
    expect((await without.engine.runOnce()).lastError?.code).toBe('SYNC_TLS_UNTRUSTED');
    await without.engine.stop();

    expect(installCaFile(k.dataDir, path.join(pki, 'ca.pem')).ok).toBe(true);
    const made = openKioskSync({ store: k.store, dataDir: k.dataDir });
    if (!made.ok) throw new Error(made.why);
    expect(await made.engine.runOnce()).toMatchObject({ ok: true, acknowledged: 40 });
    await made.engine.stop();

    // The same CA, but a certificate for another name: refused.
    addScans(k, 5);
    const other = await httpsServer(k, 'other-name.pem');
    k.store.setSetting(SERVER_SETTING, other.url, 'test');
    const wrongName = openKioskSync({ store: k.store, dataDir: k.dataDir });
    if (!wrongName.ok) throw new Error(wrongName.why);
    const r = await wrongName.engine.runOnce();
    await wrongName.engine.stop();
    expect(r.lastError?.code).toBe('SYNC_TLS_UNTRUSTED');
    expect(r.lastError?.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(k.store.pendingCount()).toBe(5);
    expect(other.stats.requests).toBe(0);
  });

  it('a CA file that is not a certificate is refused with its code, and the engine does not start', () => {
    const k = kiosk(1);
    fs.writeFileSync(path.join(k.dataDir, BMET_CA_FILE), 'not a certificate\n');
    k.store.setSetting(SERVER_SETTING, 'https://bmet.example', 'test');
    expect(openKioskSync({ store: k.store, dataDir: k.dataDir })).toMatchObject({
      ok: false,
      code: 'SYNC_CA_UNREADABLE',
    });
  });
});

describe('plain http', () => {
  it('is for loopback only, decided from the URL text', () => {
    for (const h of ['127.0.0.1', '127.3.2.1', 'localhost', '[::1]', '::1', '[::ffff:127.0.0.1]'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '10.0.0.1',
      '192.168.1.20',
      'bmet.gov.bd',
      'localhost.bmet.gov.bd',
      '[::2]',
      '128.0.0.1',
      '0.0.0.0',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
    expect(checkServerUrl('http://127.0.0.1:8443')).toEqual({ ok: true, url: 'http://127.0.0.1:8443' });
    expect(checkServerUrl('https://bmet.gov.bd/sync/')).toEqual({
      ok: true,
      url: 'https://bmet.gov.bd/sync',
    });
    expect(checkServerUrl('http://bmet.gov.bd')).toMatchObject({ ok: false, code: 'SYNC_INSECURE_URL' });
  });

  it('to another host is refused without creating a request or connecting anywhere', async () => {
    const k = kiosk(10);
    const httpRequest = vi.spyOn(http, 'request');
    const httpsRequest = vi.spyOn(https, 'request');
    // Documentation addresses (RFC 5737) and a name: none is contacted.
    for (const server of ['http://192.0.2.10:8443', 'http://bmet.example']) {
      const { engine } = engineFor(k, server);
      const r = await engine.runOnce({ retries: 1 });
      expect(r.lastError?.code).toBe('SYNC_INSECURE_URL');
      expect(r.acknowledged).toBe(0);
      await engine.stop();
      // The kiosk's own builder refuses it before an engine exists.
      k.store.setSetting(SERVER_SETTING, server, 'test');
      expect(openKioskSync({ store: k.store, dataDir: k.dataDir })).toMatchObject({
        ok: false,
        code: 'SYNC_INSECURE_URL',
      });
    }
    expect(httpRequest).not.toHaveBeenCalled();
    expect(httpsRequest).not.toHaveBeenCalled();
    expect(k.store.pendingCount()).toBe(10);
  });

  it('to localhost works (its lookup is held to loopback addresses)', async () => {
    const k = kiosk(15);
    const s = await startServer({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    open.push(s);
    const r = await engineFor(k, s.url.replace('127.0.0.1', 'localhost')).engine.runOnce();
    expect(r).toMatchObject({ ok: true, acknowledged: 15 });
  });
});

describe('CLI', () => {
  it('provision refuses an http server that is not loopback (usage, exit 2, code) and installs a CA file, audited', () => {
    const dir = tempDataDir('provision-ca');
    dirs.push(dir);
    const bad = runCli([
      'provision',
      '--kiosk-id',
      'DAC-T1-D07',
      '--server',
      'http://bmet.example',
      '--data-dir',
      dir,
    ]);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, code: 'SYNC_INSECURE_URL' });
    const notCa = runCli([
      'provision',
      '--kiosk-id',
      'DAC-T1-D07',
      '--ca',
      path.join(pki, 'san.ext'),
      '--data-dir',
      dir,
    ]);
    expect(notCa.status).toBe(3);
    expect(JSON.parse(notCa.stdout)).toMatchObject({ ok: false, code: 'SYNC_CA_UNREADABLE' });
    const ok = runCli([
      'provision',
      '--kiosk-id',
      'DAC-T1-D07',
      '--server',
      'https://bmet.example',
      '--ca',
      path.join(pki, 'ca.pem'),
      '--data-dir',
      dir,
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, BMET_CA_FILE), 'utf8')).toContain('BEGIN CERTIFICATE');
    const audit = runCli(['log', 'audit', '--data-dir', dir]).stdout;
    expect(audit).toContain('"action":"sync.ca"');
    const sync = runCli(['sync', '--once', '--server', 'http://10.20.30.40', '--data-dir', dir]);
    expect(sync.status).toBe(2);
    expect(JSON.parse(sync.stdout)).toMatchObject({ ok: false, code: 'SYNC_INSECURE_URL' });
  });
});
