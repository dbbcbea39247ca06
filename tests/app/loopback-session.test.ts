// The session cookie over real HTTP on 127.0.0.1: set HttpOnly, SameSite=Lax and scoped
// to the token's path on login, never in the reply body; a forged, stale or foreign id is
// dropped (the cookie cleared) and gets nothing; logout clears it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { startLoopbackHost, type LoopbackHost } from '../../main/app/loopback-host.ts';
import { openStore } from '../../main/core/store/store.ts';
import type { MethodName, Reply, ResultOf } from '../../main/contract/api.ts';
import { hasChromium, launchChromium, VECTORS, VECTORS_NOW } from '../helpers/kiosk.ts';
import { writeLaunchPage } from '../../main/cli/commands/start.ts';

describe('loopback host sessions', () => {
  let booted: BootedKiosk;
  let host: LoopbackHost;
  let origin: string;
  const call = async <M extends MethodName>(method: M, args: unknown[], cookie?: string) => {
    const res = await fetch(`${host.url}api/${method}`, {
      method: 'POST',
      body: JSON.stringify(args),
      headers: { 'Content-Type': 'application/json', Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    });
    return {
      status: res.status,
      setCookie: res.headers.get('set-cookie'),
      body: (await res.json()) as Reply<ResultOf<M>>,
    };
  };

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-session-'));
    const store = openStore({ dataDir });
    store.people.add({ id: 'SV-1', name: 'Sup', role: 'supervisor', pin: '654321' }, 'test');
    store.close();
    const screens = fs.mkdtempSync(path.join(os.tmpdir(), 'screens-'));
    fs.writeFileSync(
      path.join(screens, 'index.html'),
      '<!doctype html><link rel="icon" href="data:,"><title>t</title>',
    );
    booted = await bootKiosk({
      dataDir,
      roots: { kind: 'command-line', files: [path.join(VECTORS, 'root.pem')] },
      bundleFile: path.join(VECTORS, 'bundle.bmettrust'),
      nowMs: Date.parse(VECTORS_NOW),
      noLog: false,
      officer: 'UNSIGNED',
      usb: false,
    });
    host = await startLoopbackHost({ service: booted.service, staticDir: screens, port: 0 });
    origin = new URL(host.url).origin;
  });
  afterAll(async () => {
    await host.close();
    await booted.close();
  });

  it('login sets an HttpOnly, SameSite=Lax cookie on the token path; the id is not in the body; the cookie names the session', async () => {
    const r = await call('login', [{ id: 'SV-1', pin: '654321' }]);
    expect(r.body).toMatchObject({
      ok: true,
      value: { signedIn: true, session: { personId: 'SV-1', role: 'supervisor' } },
    });
    const m = /^bmet_session=([A-Za-z0-9_-]{43}); Path=(\/k\/[^/]+\/); HttpOnly; SameSite=Lax$/.exec(
      r.setCookie ?? '',
    );
    expect(m, r.setCookie ?? 'no Set-Cookie').not.toBeNull();
    expect(m![2]).toBe(new URL(host.url).pathname);
    expect(JSON.stringify(r.body)).not.toContain(m![1]);
    const cookie = `bmet_session=${m![1]}`;
    expect((await call('session', [], cookie)).body).toMatchObject({ ok: true, value: { personId: 'SV-1' } });
    expect((await call('dailyReport', [{ date: '2026-11-22' }], cookie)).status).toBe(200);

    const out = await call('logout', [], cookie);
    expect(out.body).toEqual({ ok: true, value: { signedOut: true } });
    expect(out.setCookie).toMatch(/^bmet_session=; Path=\/k\/[^/]+\/; HttpOnly; SameSite=Lax; Max-Age=0$/);
    const after = await call('dailyReport', [{ date: '2026-11-22' }], cookie);
    // A refusal is the contract's answer, not an HTTP error (Chromium would log one).
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(after.setCookie).toMatch(/Max-Age=0/);
  });

  it('a forged id gets nothing and is cleared; a malformed cookie is ignored', async () => {
    const forged = await call('dailyReport', [{ date: '2026-11-22' }], `bmet_session=${'A'.repeat(43)}`);
    expect(forged.status).toBe(200);
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(forged.setCookie).toMatch(/Max-Age=0/);
    const odd = await call('session', [], 'bmet_session=../../x; other=1');
    expect(odd.body).toEqual({ ok: true, value: null });
    expect(odd.setCookie).toBeNull();
  });

  it('a wrong PIN sets no cookie', async () => {
    const r = await call('login', [{ id: 'SV-1', pin: '000000' }]);
    expect(r.body).toEqual({ ok: true, value: { signedIn: false, reason: 'refused' } });
    expect(r.setCookie).toBeNull();
  });

  it.skipIf(!hasChromium)(
    'in Chromium opened on start’s file:// launch page, a reload still ends a supervisor’s session',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const launch = writeLaunchPage(fs.mkdtempSync(path.join(os.tmpdir(), 'launch-')), host.url);
        const arrived = page.waitForURL(host.url);
        await page.goto(launch);
        await arrived;
        const api = (method: string, args: unknown[]) =>
          page.evaluate(
            async ([m, a]) =>
              (
                await fetch(`api/${m}`, {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify(a),
                })
              ).json(),
            [method, args] as const,
          );
        expect(await api('login', [{ id: 'SV-1', pin: '654321' }])).toMatchObject({
          value: { signedIn: true },
        });
        expect(await api('session', [])).toMatchObject({ value: { personId: 'SV-1' } });
        await page.reload(); // F5: the page's GET must carry the cookie for main to end the session
        expect(await api('session', [])).toEqual({ ok: true, value: null });
      } finally {
        await browser.close();
      }
    },
  );
});
