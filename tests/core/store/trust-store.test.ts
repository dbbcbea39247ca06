// Trust installs through the store: the checks of trust-bundle.md, atomic, audited, and loaded back at start-up.
import { afterEach, describe, expect, it } from 'vitest';
import { signBundle } from '../../../keys/bundle-signer.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { payloadOf, rootSetOf, ROOT, testKey } from '../../helpers/trust.ts';
import { tempDataDir } from '../../helpers/store.ts';

const roots = rootSetOf([ROOT]);
const NOW = Date.parse('2026-11-22T06:00:00Z');
const bundle = (over: Record<string, unknown> = {}, signers = [ROOT]) =>
  Buffer.from(signBundle(payloadOf(over), signers));
const install = (s: Store, bytes: Buffer, nowMs = NOW) =>
  s.trust.install({ bytes, roots, nowMs, actor: 'TC-1', source: '/media/usb/b.bmettrust' });

let store: Store;
afterEach(() => store?.close());

describe('trust installs', () => {
  it('installs, loads back with its prepared keys, and audits', () => {
    const dir = tempDataDir();
    store = openStore({ dataDir: dir });
    expect(store.loadInstalledTrust(roots)).toBeNull();
    const r = install(store, bundle({ version: 7 }));
    expect(r).toMatchObject({ outcome: 'installed', version: 7, previousVersion: null });
    store.close();
    store = openStore({ dataDir: dir, readonly: true });
    const loaded = store.loadInstalledTrust(roots)!;
    expect(loaded.trust.version).toBe(7);
    expect(loaded.trust.revokedClearances.has('BMET-2026-00000042')).toBe(true);
    expect(loaded.trust.keys.size).toBe(3);
    const audit = store.auditEntries().find((e) => e.action === 'trust.install')!;
    expect(audit).toMatchObject({
      actor: 'TC-1',
      detail: { source: '/media/usb/b.bmettrust', version: 7, sha256: r.sha256 },
    });
  });

  it('refuses with the codes of trust-bundle.md, keeps the bundle in force, audits each refusal', () => {
    store = openStore({ dataDir: tempDataDir() });
    install(store, bundle({ version: 7 }));
    const cases: [Buffer, string, number?][] = [
      [Buffer.from('{"not":"a jws"}'), 'BUNDLE_MALFORMED'],
      [bundle({ version: 9 }, [testKey('stranger')]), 'BUNDLE_SIGNATURE_INVALID'],
      [bundle({ version: 6 }), 'BUNDLE_ROLLBACK'],
      [bundle({ version: 7, rules: [], issuedAt: '2026-11-21T00:00:00Z' }), 'BUNDLE_ROLLBACK'], // same version, other bytes
      [bundle({ version: 9, issuedAt: '2026-11-23T00:00:00Z' }), 'BUNDLE_NOT_YET_VALID'],
      [bundle({ version: 9, expiresAt: '2026-11-22T05:00:00Z' }), 'BUNDLE_EXPIRED'],
    ];
    for (const [bytes, code] of cases)
      expect(install(store, bytes)).toMatchObject({ outcome: 'refused', code });
    expect(store.trust.installed()?.version).toBe(7);
    const refusals = store.auditEntries().filter((e) => e.action === 'trust.refused');
    expect(refusals.map((e) => e.detail.code)).toEqual(cases.map((c) => c[1]));
    for (const e of refusals) expect(e.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same version with identical bytes is a no-op; a newer one replaces it', () => {
    store = openStore({ dataDir: tempDataDir() });
    const v7 = bundle({ version: 7 });
    install(store, v7);
    expect(install(store, v7)).toMatchObject({ outcome: 'unchanged', version: 7 });
    expect(install(store, bundle({ version: 8 }))).toMatchObject({
      outcome: 'installed',
      version: 8,
      previousVersion: 7,
    });
    expect(store.loadInstalledTrust(roots)!.trust.version).toBe(8);
    install(store, bundle({ version: 9 }));
    // The bundle in force and the one before it are kept; older bytes go.
    expect(store.db.prepare('SELECT version FROM trust_bundles ORDER BY id').pluck().all()).toEqual([8, 9]);
  });

  it('is atomic: a failure inside the install transaction leaves the old bundle in force', () => {
    store = openStore({ dataDir: tempDataDir() });
    install(store, bundle({ version: 7 }));
    // Make the audit write (the last step of the install transaction) fail.
    store.db.exec(
      "CREATE TEMP TRIGGER fail_install BEFORE INSERT ON main.audit WHEN NEW.action = 'trust.install' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    );
    expect(() => install(store, bundle({ version: 8 }))).toThrow(/injected failure/);
    expect(store.trust.installed()?.version).toBe(7);
    expect(store.loadInstalledTrust(roots)!.trust.version).toBe(7);
    expect(store.db.prepare('SELECT count(*) FROM trust_bundles WHERE version = 8').pluck().get()).toBe(0);
  });

  it('an installed bundle that no longer opens against the roots of this run is an error, not silence', () => {
    store = openStore({ dataDir: tempDataDir() });
    install(store, bundle({ version: 7 }));
    expect(() => store.loadInstalledTrust(rootSetOf([testKey('other-root')]))).toThrow(
      /does not open against these roots: BUNDLE_SIGNATURE_INVALID/,
    );
  });
});
