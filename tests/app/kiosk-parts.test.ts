// The booted kiosk's sync and trust, in process, against the reference server over real
// HTTP: a kiosk whose key BMET does not know shows the alert in its status; a signed-in
// technician resumes it (audited; no one else may) and the records arrive; a newer bundle
// fetched from the network is in force at once, without a restart, and audited.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signBundle } from '../../keys/bundle-signer.ts';
import { publicKeyPem } from '../../keys/signing-key.ts';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import type { MethodName, Reply, ResultOf, ScanResult } from '../../main/contract/api.ts';
import { ensureDeviceKey } from '../../main/core/device/identity.ts';
import { openStore } from '../../main/core/store/store.ts';
import { TrustStore, type InstallOutcome } from '../../main/core/store/trust-store.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { tempDataDir } from '../helpers/store.ts';
import { cleanup, eventually, register, serverRecords, startServer } from '../helpers/sync.ts';
import { testKey } from '../helpers/trust.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';

const KIOSK_ID = 'ZYL-T1-D02';
const ROOT2 = testKey('kiosk-parts-root');
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of closers.splice(0)) await c();
  cleanup(...dirs.splice(0));
});

/** A page's transport as the loopback host keeps it: one session id, never seen by the page. */
function page(): CallContext {
  const ctx: CallContext = {
    transport: 'loopback',
    sessionId: null,
    setSession: (id) => {
      ctx.sessionId = id;
    },
  };
  return ctx;
}
// callKiosk answers method M with the contract's ResultOf<M> (dispatch checks it); the test reads it so typed.
const call = <M extends MethodName>(k: BootedKiosk, m: M, args: unknown[], ctx?: CallContext) =>
  callKiosk(k.service, m, args, ctx) as Reply<ResultOf<M>>;
/** The value of a reply that must have succeeded. */
function valueOf<T>(r: Reply<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A data dir with the vectors bundle installed, a technician and an officer, provisioned for `server`. */
function kioskDir(server: string): { dataDir: string; rootFile: string } {
  const dataDir = tempDataDir('parts');
  dirs.push(dataDir);
  const rootFile = path.join(dataDir, 'root2.pem');
  fs.writeFileSync(rootFile, publicKeyPem(ROOT2));
  const roots = loadRoots([path.join(VECTORS, 'root.pem'), rootFile]);
  if (!roots.ok) throw new Error(roots.why);
  const store = openStore({ dataDir, now: () => Date.parse(VECTORS_NOW) });
  const r = store.trust.install({
    bytes: fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust')),
    roots: roots.roots,
    nowMs: Date.parse(VECTORS_NOW),
    actor: 'TC-SETUP',
    source: 'test',
  });
  expect(r.outcome).toBe('installed');
  store.people.add({ id: 'TC-7', name: 'Tech', role: 'technician', pin: '246802' }, 'TC-SETUP');
  store.people.add({ id: 'OF-7', name: 'Officer', role: 'officer', pin: '135791' }, 'TC-SETUP');
  store.setSetting('kioskId', KIOSK_ID, 'TC-SETUP');
  store.setSetting('sync.server', server, 'TC-SETUP');
  store.close();
  ensureDeviceKey(dataDir);
  return { dataDir, rootFile };
}

/** A provisioned data dir (bundle v7 installed) whose BMET server publishes the same bundle as v9, signed by the second root. */
async function kioskWithNewerBundleAtBmet(): Promise<{ dataDir: string; rootFile: string }> {
  const payload = JSON.parse(
    Buffer.from(
      JSON.parse(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust'), 'utf8')).payload,
      'base64url',
    ).toString('utf8'),
  );
  const v9 = path.join(tempDataDir('parts-bundle'), 'v9.bmettrust');
  dirs.push(path.dirname(v9));
  fs.writeFileSync(v9, signBundle({ ...payload, version: 9 }, [ROOT2]));
  const server = await startServer({ trustFile: v9 });
  closers.push(() => server.close());
  return kioskDir(server.url);
}

async function boot(dataDir: string, rootFile: string): Promise<BootedKiosk> {
  const k = await bootKiosk({
    dataDir,
    roots: { kind: 'command-line', files: [path.join(VECTORS, 'root.pem'), rootFile] },
    nowMs: Date.parse(VECTORS_NOW),
    noLog: false,
    officer: 'UNSIGNED',
    usb: false,
  });
  closers.push(() => k.close());
  return k;
}

describe('the booted kiosk: sync alert, resume, network trust', () => {
  it('shows a 403 as an alert, lets only a signed-in technician resume (audited), then ships every record', async () => {
    const server = await startServer();
    closers.push(() => server.close());
    const { dataDir, rootFile } = kioskDir(server.url);
    const k = await boot(dataDir, rootFile);
    const cards = [...vectorCards().values()].slice(0, 5);
    for (const c of cards) expect(k.service.scan(c.qr.replace(/\n$/, ''), 'serial').ok).toBe(true);

    expect(await eventually(() => k.service.status().sync?.alert?.code === 'SYNC_UNAUTHORIZED')).toBe(true);
    expect(k.service.status().sync).toMatchObject({ kioskId: KIOSK_ID, phase: 'stopped', waiting: 5 });

    // Not signed in, or an officer: refused, and the alert stays.
    const officer = page();
    expect(call(k, 'resumeSync', [], officer)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call(k, 'login', [{ id: 'OF-7', pin: '135791' }], officer)).toMatchObject({
      ok: true,
      value: { signedIn: true },
    });
    expect(call(k, 'resumeSync', [], officer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(k.service.status().sync?.alert?.code).toBe('SYNC_UNAUTHORIZED');

    // BMET registers the key; the technician resumes.
    const pub = fs.readFileSync(path.join(dataDir, 'device-key.pub.pem'), 'utf8');
    await register(server.url, KIOSK_ID, pub);
    const tech = page();
    expect(await call(k, 'login', [{ id: 'TC-7', pin: '246802' }], tech)).toMatchObject({
      ok: true,
      value: { signedIn: true },
    });
    const resumed = call(k, 'resumeSync', [], tech);
    expect(resumed).toMatchObject({ ok: true, value: { alert: null } });
    expect(await eventually(() => k.service.status().sync?.waiting === 0)).toBe(true);
    expect(k.service.status().sync?.lastSuccessAt).not.toBeNull();
    expect((await serverRecords(server.url, KIOSK_ID)).length).toBe(5);

    const audit = valueOf(call(k, 'auditLog', [{ limit: 10 }], tech));
    expect(audit.find((a) => a.action === 'sync.resume')).toMatchObject({
      actor: 'TC-7',
      detail: { alert: 'SYNC_UNAUTHORIZED' },
    });
    expect(call(k, 'auditLog', [{ limit: 10 }], officer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('puts a newer bundle fetched from BMET in force at once, without a restart, audited as from the network', async () => {
    const { dataDir, rootFile } = await kioskWithNewerBundleAtBmet();
    const k = await boot(dataDir, rootFile);
    expect(k.service.status().trust?.version).toBe(7);
    const events: number[] = [];
    k.service.subscribe((e, p) => {
      if (e === 'status') events.push((p as { trust: { version: number } | null }).trust?.version ?? 0);
    });

    expect(await eventually(() => k.service.status().trust?.version === 9)).toBe(true);
    expect(k.service.status().trust).toMatchObject({ version: 9, source: 'installed' });
    expect(events).toContain(9);
    const details = call(k, 'trustDetails', []);
    expect(details).toMatchObject({ ok: true, value: { version: 9, installed: { actor: 'sync' } } });
    expect(valueOf(details).installed?.source).toMatch(/^network /);
    // Cards verify against it at once (same issuing keys).
    const card = [...vectorCards().values()].find((c) => c.expect.status === 'valid')!;
    const r = k.service.scan(card.qr.replace(/\n$/, ''), 'manual');
    expect(r.ok && (r.value as ScanResult).verdict.status).toBe('valid');
  });
  it('puts the network bundle in force as the install opened it: the stored bytes are not opened again', async () => {
    const { dataDir, rootFile } = await kioskWithNewerBundleAtBmet();
    const loads = vi.spyOn(TrustStore.prototype, 'load');
    const installs = vi.spyOn(TrustStore.prototype, 'install');
    const k = await boot(dataDir, rootFile);
    expect(loads).toHaveBeenCalledTimes(1); // the boot: the bundle in force under the run's roots
    const setTrust = vi.spyOn(k.service, 'setTrust');

    expect(await eventually(() => k.service.status().trust?.version === 9)).toBe(true);
    expect(installs).toHaveBeenCalledTimes(1);
    const outcome = installs.mock.results[0]!.value as InstallOutcome;
    expect(outcome.outcome).toBe('installed');
    expect(setTrust).toHaveBeenCalledTimes(1);
    // The very object the install opened, not a second opening of the stored bytes.
    expect(setTrust.mock.calls[0]![0].prepared).toBe(
      outcome.outcome === 'installed' ? outcome.bundle.trust : null,
    );
    expect(loads).toHaveBeenCalledTimes(1);
  });
});
