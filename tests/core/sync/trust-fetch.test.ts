// Trust over the network: GET /v1/trust/latest through the store's own install (every USB
// check, the audit line with the network as source), If-None-Match, and refusals that
// leave the bundle in force untouched.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/core/store/store.ts';
import { storeTrustInstaller } from '../../../main/core/sync/kiosk-sync.ts';
import { trustCheckLine } from '../../../main/core/sync/trust-fetch.ts';
import type { TrustCheck } from '../../../main/contract/sync.ts';
import { loadRoots } from '../../../main/core/trust/roots.ts';
import { cleanup, engineFor, makeKiosk, startServer } from '../../helpers/sync.ts';

const VECTORS = path.resolve(import.meta.dirname, '../../../../shared/vectors');
const present = fs.existsSync(path.join(VECTORS, 'bundle.bmettrust'));
const NOW = Date.parse('2026-11-22T06:00:00Z');

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** A fresh kiosk and a reference server publishing no bundle, both closed after the test. */
async function kioskAndServer() {
  const k = makeKiosk(0);
  closers.push(
    () => cleanup(k.dataDir),
    () => k.store.close(),
  );
  const s = await startServer();
  closers.push(() => s.close());
  return { k, s };
}

describe.skipIf(!present)('trust fetch', () => {
  it('installs a fetched bundle like a USB one, then asks with If-None-Match; a tampered one is refused and audited', async () => {
    const made = makeKiosk(0);
    made.store.close();
    const store = openStore({ dataDir: made.dataDir, now: () => NOW });
    const k = { ...made, store };
    closers.push(
      () => cleanup(made.dataDir),
      () => store.close(),
    );
    const roots = loadRoots([path.join(VECTORS, 'root.pem')]);
    if (!roots.ok) throw new Error(roots.why);
    const bytes = fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust'));
    const s = await startServer({ trustFile: path.join(VECTORS, 'bundle.bmettrust') });
    closers.push(() => s.close());

    const { engine, logs } = engineFor(k, s.url, {
      trust: { install: storeTrustInstaller(store, roots.roots, 'sync') },
    });
    // The install's own report, as a stick's install gives it (less inForce, and no English reason).
    expect(await engine.checkTrust()).toEqual({
      outcome: 'installed',
      code: null,
      version: 7,
      previousVersion: null,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(store.trust.installed()).toMatchObject({
      version: 7,
      actor: 'sync',
      source: expect.stringMatching(/^network http:\/\/127\.0\.0\.1:\d+\/v1\/trust\/latest$/),
    });
    const audit = store.auditEntries().filter((e) => e.action.startsWith('trust.'));
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'trust.install',
        actor: 'sync',
        detail: expect.objectContaining({ version: 7, source: expect.stringContaining('network') }),
      }),
    ]);
    expect(engine.status().trust).toMatchObject({
      etag: expect.stringMatching(/^"[0-9a-f]{64}"$/),
      last: expect.objectContaining({ outcome: 'installed', version: 7 }),
    });

    expect(await engine.checkTrust()).toEqual({ outcome: 'not-modified' });
    expect(engine.status().trust.last).toEqual({ outcome: 'not-modified' });

    // BMET (or someone in between) serves a bundle whose payload was changed.
    const jws = JSON.parse(bytes.toString());
    const payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString());
    payload.version = 8;
    jws.payload = Buffer.from(JSON.stringify(payload)).toString('base64url');
    await fetch(`${s.url}/_test/trust`, { method: 'PUT', body: JSON.stringify(jws) });
    expect(await engine.checkTrust()).toMatchObject({ outcome: 'refused', code: 'BUNDLE_SIGNATURE_INVALID' });
    expect(engine.status().lastError).toMatchObject({ code: 'TRUST_FETCH_REFUSED' });
    expect(store.trust.installed()?.version).toBe(7);
    expect(store.auditEntries().at(-1)).toMatchObject({
      action: 'trust.refused',
      detail: expect.objectContaining({ code: 'BUNDLE_SIGNATURE_INVALID' }),
    });
    // The refused file is not fetched again and again: its ETag is kept.
    expect(await engine.checkTrust()).toEqual({ outcome: 'not-modified' });
    // The sync log's lines for the checks (a refusal is a problem, logged under its own code).
    expect(logs.filter((l) => l.code === 'TRUST_FETCHED').map((l) => l.message)).toEqual([
      'installed v7',
      'not-modified',
      'not-modified',
    ]);
  });

  it.each([
    // The bundle is issued 2026-11-20 and expires 2027-02-18.
    ['slow', 'BUNDLE_NOT_YET_VALID', '2026-11-19T00:00:00Z'],
    ['fast', 'BUNDLE_EXPIRED', '2027-03-01T00:00:00Z'],
  ])(
    'a bundle refused only because the kiosk clock is %s (%s) is fetched again, and installs once the clock is right',
    async (_clock, code, wrong) => {
      const made = makeKiosk(0);
      made.store.close();
      let now = Date.parse(wrong);
      const store = openStore({ dataDir: made.dataDir, now: () => now });
      closers.push(
        () => cleanup(made.dataDir),
        () => store.close(),
      );
      const roots = loadRoots([path.join(VECTORS, 'root.pem')]);
      if (!roots.ok) throw new Error(roots.why);
      const s = await startServer({ trustFile: path.join(VECTORS, 'bundle.bmettrust') });
      closers.push(() => s.close());
      const { engine } = engineFor({ ...made, store }, s.url, {
        trust: { install: storeTrustInstaller(store, roots.roots, 'sync') },
      });
      expect(await engine.checkTrust()).toMatchObject({ outcome: 'refused', code });
      expect(engine.status().trust.etag).toBeNull();
      expect(await engine.checkTrust()).toMatchObject({ outcome: 'refused', code });
      now = NOW;
      expect(await engine.checkTrust()).toMatchObject({ outcome: 'installed', version: 7 });
    },
  );

  it('an oversized bundle is cut off and a logged failure, nothing installed', async () => {
    const { k, s } = await kioskAndServer();
    await fetch(`${s.url}/_test/trust`, { method: 'PUT', body: Buffer.alloc(200_000, 0x7b) });
    let calls = 0;
    const { engine, logs } = engineFor(k, s.url, {
      trust: {
        install: () => (
          calls++,
          { outcome: 'unchanged', code: null, version: 1, previousVersion: 1, sha256: '', why: null }
        ),
        maxBytes: 100_000,
      },
    });
    expect(await engine.checkTrust()).toEqual({
      outcome: 'failed',
      code: 'SYNC_RESPONSE_TOO_LARGE',
      httpStatus: null,
    });
    expect(calls).toBe(0);
    expect(logs.at(-1)).toMatchObject({ code: 'TRUST_FETCH_FAILED' });
  });

  it('no bundle published (404), then an installer that fails: no install, the failure and its status in the check and the log', async () => {
    const { k, s } = await kioskAndServer();
    const { engine, logs } = engineFor(k, s.url, {
      trust: {
        install: () => {
          throw new Error('disk full');
        },
      },
    });
    expect(await engine.checkTrust()).toEqual({
      outcome: 'failed',
      code: 'SYNC_UNEXPECTED_STATUS',
      httpStatus: 404,
    });
    expect(logs.at(-1)).toMatchObject({ code: 'TRUST_FETCH_FAILED', httpStatus: 404 });
    await fetch(`${s.url}/_test/trust`, { method: 'PUT', body: '{}' });
    expect(await engine.checkTrust()).toEqual({
      outcome: 'failed',
      code: 'TRUST_FETCH_FAILED',
      httpStatus: null,
    });
    expect(engine.status().trust.last).toEqual({
      outcome: 'failed',
      code: 'TRUST_FETCH_FAILED',
      httpStatus: null,
    });
    expect(logs.at(-1)).toMatchObject({
      code: 'TRUST_FETCH_FAILED',
      message: expect.stringContaining('disk full'),
    });
  });
});

describe('the sync log line of a trust check', () => {
  const report = { previousVersion: 6, sha256: 'ab'.repeat(32) };
  it.each<[TrustCheck, string]>([
    [{ outcome: 'not-modified' }, 'not-modified'],
    [{ outcome: 'installed', code: null, version: 7, ...report }, 'installed v7'],
    [{ outcome: 'unchanged', code: null, version: 6, ...report }, 'unchanged'],
    [{ outcome: 'refused', code: 'BUNDLE_ROLLBACK', version: 5, ...report }, 'refused BUNDLE_ROLLBACK'],
    [{ outcome: 'failed', code: 'SYNC_TIMEOUT', httpStatus: null }, 'failed SYNC_TIMEOUT'],
    [
      { outcome: 'failed', code: 'SYNC_UNEXPECTED_STATUS', httpStatus: 503 },
      'failed SYNC_UNEXPECTED_STATUS HTTP 503',
    ],
  ])('%j → %s', (check, line) => {
    expect(trustCheckLine(check)).toBe(line);
  });
});
