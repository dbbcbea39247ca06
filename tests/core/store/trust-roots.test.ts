// Only what a run's roots verify counts (TUF-like): a bundle installed under other roots
// (a stray `trust install --root someKey`) neither blocks BMET's bundles as a rollback nor
// takes the kiosk's trust away; a real rollback under the same roots is still refused.
import { afterEach, describe, expect, it } from 'vitest';
import { signBundle } from '../../../keys/bundle-signer.ts';
import type { SigningKey } from '../../../keys/signing-key.ts';
import type { RootSet } from '../../../main/core/trust/roots.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { payloadOf, rootSetOf, ROOT, testKey } from '../../helpers/trust.ts';
import { tempDataDir } from '../../helpers/store.ts';

const STRAY = testKey('stray-root');
const BMET = rootSetOf([ROOT]);
const OTHER = rootSetOf([STRAY]);
const NOW = Date.parse('2026-11-22T06:00:00Z');
const bundle = (version: number, signer: SigningKey, over: Record<string, unknown> = {}) =>
  Buffer.from(signBundle(payloadOf({ version, ...over }), [signer]));
/** The version a run with `roots` loads; null when none is stored, or none opens (an error, shown as null here). */
function loaded(s: Store, roots: RootSet): number | null {
  try {
    return s.loadInstalledTrust(roots)?.trust.version ?? null;
  } catch (err) {
    expect((err as Error).message).toMatch(/does not open against these roots: BUNDLE_SIGNATURE_INVALID/);
    return null;
  }
}
const versions = (s: Store) => s.db.prepare('SELECT version FROM trust_bundles ORDER BY id').pluck().all();

type Step = {
  /** What is installed, signed by and installed under which roots. */
  install: { version: number; by: 'bmet' | 'stray'; over?: Record<string, unknown>; again?: boolean };
  expect: { outcome: 'installed' | 'unchanged' | 'refused'; code?: string; previousVersion?: number | null };
  /** The version in force afterwards under BMET's roots and under the stray roots. */
  inForce: { bmet: number | null; stray: number | null };
};

const cases: { name: string; steps: Step[] }[] = [
  {
    name: 'a stray bundle (v10) does not block a genuine older one (v7), which is in force under BMET roots',
    steps: [
      {
        install: { version: 10, by: 'stray' },
        expect: { outcome: 'installed', previousVersion: null },
        inForce: { bmet: null, stray: 10 },
      },
      {
        install: { version: 7, by: 'bmet' },
        expect: { outcome: 'installed', previousVersion: null },
        inForce: { bmet: 7, stray: 10 },
      },
      // The same bytes again: a no-op, compared with the bundle in force under the same roots.
      {
        install: { version: 7, by: 'bmet', again: true },
        expect: { outcome: 'unchanged', previousVersion: 7 },
        inForce: { bmet: 7, stray: 10 },
      },
      // A real rollback under the same roots is still refused, so is other bytes of the same version.
      {
        install: { version: 6, by: 'bmet' },
        expect: { outcome: 'refused', code: 'BUNDLE_ROLLBACK' },
        inForce: { bmet: 7, stray: 10 },
      },
      {
        install: { version: 7, by: 'bmet', over: { rules: [], issuedAt: '2026-11-21T00:00:00Z' } },
        expect: { outcome: 'refused', code: 'BUNDLE_ROLLBACK' },
        inForce: { bmet: 7, stray: 10 },
      },
      // A genuine bundle newer than the stray one installs too.
      {
        install: { version: 11, by: 'bmet' },
        expect: { outcome: 'installed', previousVersion: 7 },
        inForce: { bmet: 11, stray: 10 },
      },
      // The stray roots' own history is kept apart: their rollback is refused against their v10.
      {
        install: { version: 9, by: 'stray' },
        expect: { outcome: 'refused', code: 'BUNDLE_ROLLBACK' },
        inForce: { bmet: 11, stray: 10 },
      },
    ],
  },
  {
    name: 'a stray bundle installed over a genuine one does not replace it under BMET roots',
    steps: [
      {
        install: { version: 7, by: 'bmet' },
        expect: { outcome: 'installed', previousVersion: null },
        inForce: { bmet: 7, stray: null },
      },
      {
        install: { version: 20, by: 'stray' },
        expect: { outcome: 'installed', previousVersion: null },
        inForce: { bmet: 7, stray: 20 },
      },
      {
        install: { version: 8, by: 'bmet' },
        expect: { outcome: 'installed', previousVersion: 7 },
        inForce: { bmet: 8, stray: 20 },
      },
      {
        install: { version: 8, by: 'bmet', again: true },
        expect: { outcome: 'unchanged', previousVersion: 8 },
        inForce: { bmet: 8, stray: 20 },
      },
    ],
  },
];

let store: Store;
afterEach(() => store?.close());

function run(s: Store, steps: Step[]): void {
  const installed = new Map<string, Buffer>();
  for (const [i, step] of steps.entries()) {
    const { version, by, over, again } = step.install;
    const key = `${by}:${version}`;
    const bytes = again ? installed.get(key)! : bundle(version, by === 'bmet' ? ROOT : STRAY, over);
    if (!again && !over) installed.set(key, bytes);
    const r = s.trust.install({
      bytes,
      roots: by === 'bmet' ? BMET : OTHER,
      nowMs: NOW,
      actor: 'TC-1',
      source: `step ${i}`,
    });
    expect(r, `step ${i}`).toMatchObject(step.expect);
    for (const [name, roots] of [
      ['bmet', BMET],
      ['stray', OTHER],
    ] as const) {
      expect(s.trust.inForce(roots)?.version ?? null, `step ${i}: in force under ${name} roots`).toBe(
        step.inForce[name],
      );
      expect(loaded(s, roots), `step ${i}: loaded under ${name} roots`).toBe(step.inForce[name]);
    }
  }
}

describe("the bundle in force is the newest one the run's roots open", () => {
  it.each(cases)('$name', ({ steps }) => {
    const dir = tempDataDir();
    store = openStore({ dataDir: dir });
    run(store, steps);
    // A later run with BMET's roots (the kiosk booting) sees the same, from the file.
    const last = steps.at(-1)!.inForce;
    store.close();
    store = openStore({ dataDir: dir, readonly: true });
    expect(store.loadTrustInForce(BMET)!.installed.version).toBe(last.bmet);
    expect(loaded(store, OTHER)).toBe(last.stray);
  });

  it.each(cases)(
    'rows from before schema 5 (no record of signers) are opened to decide: $name',
    ({ steps }) => {
      store = openStore({ dataDir: tempDataDir() });
      // Every row loses its record right after it is written, as if installed by the older software.
      store.db.exec(
        'CREATE TEMP TRIGGER forget_signers AFTER INSERT ON main.trust_bundles BEGIN UPDATE trust_bundles SET signature_kids = NULL, signed_by = NULL WHERE id = NEW.id; END',
      );
      run(store, steps);
      expect(
        store.db.prepare('SELECT count(*) FROM trust_bundles WHERE signed_by IS NOT NULL').pluck().get(),
      ).toBe(0);
    },
  );

  it('loading is an error only when no stored bundle opens under the roots', () => {
    store = openStore({ dataDir: tempDataDir() });
    store.trust.install({ bytes: bundle(10, STRAY), roots: OTHER, nowMs: NOW, actor: 'TC-1', source: 'x' });
    store.trust.install({ bytes: bundle(11, STRAY), roots: OTHER, nowMs: NOW, actor: 'TC-1', source: 'x' });
    expect(() => store.loadInstalledTrust(BMET)).toThrow(
      /version 11\) does not open against these roots: BUNDLE_SIGNATURE_INVALID: .*nor does any of the 1 older one/,
    );
    expect(store.trust.inForce(BMET)).toBeNull();
  });

  it('stray installs do not push the genuine bundle out of the stored history', () => {
    store = openStore({ dataDir: tempDataDir() });
    store.trust.install({ bytes: bundle(7, ROOT), roots: BMET, nowMs: NOW, actor: 'TC-1', source: 'bmet' });
    for (let v = 10; v < 16; v++) {
      expect(
        store.trust.install({
          bytes: bundle(v, STRAY),
          roots: OTHER,
          nowMs: NOW,
          actor: 'TC-1',
          source: 'stray',
        }),
      ).toMatchObject({ outcome: 'installed' });
    }
    expect(versions(store)).toEqual([7, 14, 15]);
    expect(store.loadInstalledTrust(BMET)!.trust.version).toBe(7);
    // Under BMET's roots the usual pruning goes on: the bundle in force and the one before it.
    store.trust.install({ bytes: bundle(8, ROOT), roots: BMET, nowMs: NOW, actor: 'TC-1', source: 'bmet' });
    store.trust.install({ bytes: bundle(9, ROOT), roots: BMET, nowMs: NOW, actor: 'TC-1', source: 'bmet' });
    expect(versions(store)).toEqual([15, 8, 9]);
    expect(store.loadInstalledTrust(OTHER)!.trust.version).toBe(15);
  });

  it("the common case opens nothing stored: the newest row's record of its signers decides", () => {
    store = openStore({ dataDir: tempDataDir() });
    store.trust.install({ bytes: bundle(7, ROOT), roots: BMET, nowMs: NOW, actor: 'TC-1', source: 'bmet' });
    // Spoil the stored bytes: had the install opened them, v7 would not count and v6 would install.
    store.db.prepare("UPDATE trust_bundles SET bytes = x'00'").run();
    expect(
      store.trust.install({ bytes: bundle(6, ROOT), roots: BMET, nowMs: NOW, actor: 'TC-1', source: 'bmet' }),
    ).toMatchObject({ outcome: 'refused', code: 'BUNDLE_ROLLBACK' });
    expect(
      store.trust.install({ bytes: bundle(8, ROOT), roots: BMET, nowMs: NOW, actor: 'TC-1', source: 'bmet' }),
    ).toMatchObject({ outcome: 'installed', previousVersion: 7 });
    // A stray row on top is passed over unopened under BMET's roots.
    store.trust.install({
      bytes: bundle(30, STRAY),
      roots: OTHER,
      nowMs: NOW,
      actor: 'TC-1',
      source: 'stray',
    });
    store.db.prepare("UPDATE trust_bundles SET bytes = x'00' WHERE version = 30").run();
    expect(store.loadInstalledTrust(BMET)!.trust.version).toBe(8);
  });
});
