// First-boot setup in main, on a real store: asked for only with a setup code, the code
// checked (wrong ones audited, five lock it), the kiosk id from airport and desk, the device
// key kept for that id, and finish refused until id, BMET address and trust are there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFirstBoot, LOCK_MS, MAX_WRONG, setupCodeFile } from '../../main/app/first-boot.ts';
import { kioskIdFor } from '../../main/contract/setup.ts';
import { ensureDataDir } from '../../main/core/store/data-dir.ts';
import { openStore } from '../../main/core/store/store.ts';
import { installCaFile } from '../../main/core/sync/tls.ts';
import { makeTestPki } from '../helpers/pki.ts';
import { cleanup, startServer } from '../helpers/sync.ts';

const CODE = '1234-5678-9012';
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const s of open.splice(0).reverse()) await s.close();
});

function setup(withCode = true) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-setup-'));
  ensureDataDir(path.join(dataDir, 'd'));
  const store = openStore({ dataDir: path.join(dataDir, 'd') });
  open.push(store);
  const codeFile = path.join(dataDir, 'setup-code');
  fs.writeFileSync(codeFile, CODE + '\n', { mode: 0o600 });
  let now = Date.parse('2026-12-01T10:00:00Z');
  const fb = createFirstBoot({
    store,
    dataDir: path.join(dataDir, 'd'),
    codeFile: withCode ? codeFile : null,
    clock: () => now,
  });
  return { fb, store, dataDir: path.join(dataDir, 'd'), advance: (ms: number) => (now += ms) };
}

describe('first-boot setup', () => {
  it('the code comes from BMET_SETUP_CODE_FILE, else systemd credentials; none: no setup asked', () => {
    expect(setupCodeFile({ BMET_SETUP_CODE_FILE: '/x' })).toBe('/x');
    expect(setupCodeFile({ CREDENTIALS_DIRECTORY: '/run/credentials/bmet-kiosk.service' })).toBe(
      '/run/credentials/bmet-kiosk.service/setup-code',
    );
    expect(setupCodeFile({})).toBeNull();
    expect(setup(false).fb.status(false).needed).toBe(false);
    expect(setup(true).fb.status(false).needed).toBe(true);
  });

  it('accepts the code with or without dashes; a wrong one is audited; MAX_WRONG of them lock setup for LOCK_MS', () => {
    const { fb, store, advance } = setup();
    expect(fb.checkCode('123456789012', 'TC-1')).toEqual({ ok: true, value: true });
    for (let i = 0; i < MAX_WRONG; i++)
      expect(fb.checkCode('0000-0000-0000', 'TC-1')).toMatchObject({ ok: false });
    expect(fb.checkCode(CODE, 'TC-1')).toMatchObject({
      ok: false,
      error: {
        code: 'SETUP_LOCKED',
        message: `too many wrong setup codes: wait ${LOCK_MS / 60_000} minutes`,
      },
    });
    advance(LOCK_MS - 60_000);
    expect(fb.checkCode(CODE, 'TC-1')).toMatchObject({ error: { message: /wait 1 minute$/ } });
    advance(60_000);
    expect(fb.checkCode(CODE, 'TC-1').ok).toBe(true);
    const refused = store.auditEntries(0, 100).filter((e) => e.action === 'setup.refused');
    expect(refused.length).toBe(MAX_WRONG + 2);
  });

  it('makes the kiosk id from airport and desk; the key stays with that id', () => {
    expect(kioskIdFor('DAC', 7)).toBe('DAC-D07');
    expect(kioskIdFor('ZYL', 12)).toBe('ZYL-D12');
    const { fb, store } = setup();
    const a = fb.chooseKiosk('DAC', 7, 'TC-1');
    expect(a).toMatchObject({ ok: true, value: { kioskId: 'DAC-D07' } });
    const again = fb.chooseKiosk('DAC', 7, 'TC-1');
    expect(again.ok && a.ok && again.value.publicKey).toBe(a.ok && a.value.publicKey);
    expect(fb.chooseKiosk('CGP', 1, 'TC-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(store.kioskId()).toBe('DAC-D07');
  });

  it('finish needs the id, the BMET address and trust; then setup is over for good', () => {
    const { fb } = setup();
    expect(fb.finish('TC-1', true)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    fb.chooseKiosk('CGP', 3, 'TC-1');
    expect(fb.setServer('http://bmet.example/', 'TC-1')).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS' },
    });
    expect(fb.setServer('https://bmet.example/', 'TC-1').ok).toBe(true);
    expect(fb.finish('TC-1', false)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(fb.finish('TC-1', true)).toMatchObject({ ok: true, value: { needed: false, kioskId: 'CGP-D03' } });
    expect(fb.checkCode(CODE, 'TC-1')).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
  });
});

describe('the connection test', () => {
  it("goes over sync's own transport and TLS trust: BMET's CA in the data dir (bmet-ca.pem) is trusted", async () => {
    const pki = makeTestPki();
    open.push({ close: () => cleanup(pki.dir) });
    const bmet = await startServer({ tls: { key: pki.pem('server.key'), cert: pki.pem('server.pem') } });
    open.push(bmet);
    const { fb, dataDir } = setup();
    fb.chooseKiosk('DAC', 7, 'TC-1');
    expect(fb.setServer(bmet.url, 'TC-1').ok).toBe(true);

    // Without BMET's CA the certificate is not trusted, as sync would find.
    const untrusted = await fb.testConnection('TC-1');
    expect(untrusted).toMatchObject({ ok: true, value: { ok: false, code: 'SYNC_TLS_UNTRUSTED' } });
    expect(bmet.stats.requests).toBe(0);

    expect(installCaFile(dataDir, path.join(pki.dir, 'ca.pem')).ok).toBe(true);
    // The reference server publishes no bundle here: its 404 is BMET answering.
    expect(await fb.testConnection('TC-1')).toEqual({
      ok: true,
      value: { ok: true, code: null, detail: 'HTTP 404' },
    });
    expect(fb.status(false).connection).toMatchObject({ ok: true, code: null, server: bmet.url });
  });

  it('a BMET that is not there is said with its sync code', async () => {
    const { fb } = setup();
    fb.chooseKiosk('DAC', 8, 'TC-1');
    // Port 1 on loopback: nothing listens (and fetch would refuse the port itself, a TypeError).
    expect(fb.setServer('http://127.0.0.1:1', 'TC-1').ok).toBe(true);
    const r = await fb.testConnection('TC-1');
    expect(r).toMatchObject({ ok: true, value: { ok: false, code: 'SYNC_NETWORK' } });
    expect(r.ok && r.value.detail).toContain('ECONNREFUSED');
  });
});
