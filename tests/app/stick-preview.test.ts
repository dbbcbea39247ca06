// The technician's install preview, in process: a kiosk run on a bundle file (as `npm start`
// runs on the development bundle) with a stick (a temp dir in an injected mount table)
// offering newer bundles signed by a second root. An install replaces the installed bundle, not
// the file in force, so the preview's changes are against the installed one (none at first:
// everything is new) and it writes nothing; the install then reports the version this run had
// in force, not none; the next file's changes are against what was installed; an older file's
// preview names both the file in force and the installed bundle it is refused against.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signBundle } from '../../keys/bundle-signer.ts';
import { publicKeyPem } from '../../keys/signing-key.ts';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import { openStore } from '../../main/core/store/store.ts';
import { VECTORS, VECTORS_NOW } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';
import { cleanup, eventually } from '../helpers/sync.ts';
import { testKey } from '../helpers/trust.ts';

const ROOT2 = testKey('stick-preview-root');
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  cleanup(...dirs.splice(0));
});

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

/**
 * A kiosk run on the vectors' bundle file (v7) with a second root, a technician TC-7, and a stick
 * offering v8 (one revocation and one rule text more), v9 (one revocation more again), v10 (v8 with
 * a rule of an unknown kind) and v6.
 */
async function kioskWithStick() {
  const tmp = tempDataDir('stick-preview');
  dirs.push(tmp);
  const dataDir = path.join(tmp, 'data');
  const rootFile = path.join(tmp, 'root2.pem');
  fs.writeFileSync(rootFile, publicKeyPem(ROOT2));
  const store = openStore({ dataDir, now: () => Date.parse(VECTORS_NOW) });
  store.people.add({ id: 'TC-7', name: 'Tech', role: 'technician', pin: '246802' }, 'TC-SETUP');
  store.close();

  const bundleFile = path.join(VECTORS, 'bundle.bmettrust');
  const payload = JSON.parse(
    Buffer.from(JSON.parse(fs.readFileSync(bundleFile, 'utf8')).payload, 'base64url').toString('utf8'),
  );
  const [first, ...rest] = payload.rules as { id: string; text: { en: string } }[];
  const v8 = {
    ...payload,
    version: 8,
    revoked: { ...payload.revoked, clearances: [...payload.revoked.clearances, 'BMET-2026-09999999'] },
    rules: [{ ...first, text: { ...first!.text, en: `${first!.text.en} (amended)` } }, ...rest],
  };
  const stick = path.join(tmp, 'stick');
  fs.mkdirSync(stick);
  const v9 = {
    ...v8,
    version: 9,
    revoked: { ...v8.revoked, clearances: [...v8.revoked.clearances, 'BMET-2026-09999998'] },
  };
  fs.writeFileSync(path.join(stick, 'v8.bmettrust'), signBundle(v8, [ROOT2]));
  fs.writeFileSync(path.join(stick, 'v9.bmettrust'), signBundle(v9, [ROOT2]));
  // v10: v8 with a rule of a kind this kiosk does not know.
  const unknown = { id: 'QA-VISA-CHECK', kind: 'visaRequired', countries: ['KW'], severity: 'block' };
  fs.writeFileSync(
    path.join(stick, 'v10.bmettrust'),
    signBundle({ ...v8, version: 10, rules: [...v8.rules, unknown] }, [ROOT2]),
  );
  fs.writeFileSync(path.join(stick, 'v6.bmettrust'), signBundle({ ...payload, version: 6 }, [ROOT2]));
  const mountTable = path.join(tmp, 'mountinfo');
  fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} rw,nosuid - vfat /dev/sdb1 rw\n`);

  const k: BootedKiosk = await bootKiosk({
    dataDir,
    roots: { kind: 'command-line', files: [path.join(VECTORS, 'root.pem'), rootFile] },
    bundleFile,
    nowMs: Date.parse(VECTORS_NOW),
    noLog: false,
    officer: 'UNSIGNED',
    usb: { mountTable, intervalMs: 50 },
  });
  closers.push(() => k.close());
  expect(await eventually(() => k.service.parts.trustSticks().length === 1)).toBe(true);

  const tech = page();
  const signIn = () => callKiosk(k.service, 'login', [{ id: 'TC-7', pin: '246802' }], tech);
  return { k, stick, mountTable, tech, signIn, payload, first, v8, v9 };
}

describe('previewTrustFromStick', () => {
  it('lists the changes of a newer bundle on a stick, writes nothing, and the install says from which version', async () => {
    const { k, stick, tech, signIn, payload, v8 } = await kioskWithStick();
    const args = [{ mountPoint: stick, relative: 'v8.bmettrust' }];
    expect(callKiosk(k.service, 'previewTrustFromStick', args, tech)).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await signIn();
    const auditCount = () =>
      (callKiosk(k.service, 'auditLog', [{ limit: 50 }], tech) as { value: unknown[] }).value.length;
    const auditBefore = auditCount();

    expect(callKiosk(k.service, 'previewTrustFromStick', args, tech)).toMatchObject({ ok: true });
    expect(
      (callKiosk(k.service, 'previewTrustFromStick', args, tech) as { value: unknown }).value,
    ).toMatchObject({
      // In force: the run's bundle file; nothing installed for an install to be judged against or
      // replace, so all of v8 is new (against the file in force it would be one revocation, one rule).
      from: { version: 7, expiresAt: payload.expiresAt, source: 'file' },
      installed: null,
      to: { version: 8, signedBy: [ROOT2.kid] },
      refusal: null,
      same: false,
      keys: { added: v8.keys.map((key: { kid: string }) => key.kid), removed: [], revoked: v8.revoked.kids },
      revocationsAdded: v8.revoked.clearances.length,
      rules: { added: v8.rules.map((r: { id: string }) => r.id), removed: [], changed: [] },
    });
    // Nothing written: no install row, no audit line.
    expect(auditCount()).toBe(auditBefore);
    expect(k.service.status().trust?.version).toBe(7);

    // The run verifies against its bundle file: installed, not in force, and "from v7", not "from none".
    expect(callKiosk(k.service, 'installTrustFromStick', args, tech)).toMatchObject({
      ok: true,
      value: { outcome: 'installed', version: 8, previousVersion: 7, inForce: false },
    });

    // v8 again: the very bundle installed, nothing changes; v9: one revocation more than the installed v8.
    expect(callKiosk(k.service, 'previewTrustFromStick', args, tech)).toMatchObject({
      ok: true,
      value: {
        installed: { version: 8 },
        to: { version: 8 },
        refusal: null,
        same: true,
        revocationsAdded: 0,
      },
    });
    const next = [{ mountPoint: stick, relative: 'v9.bmettrust' }];
    expect(callKiosk(k.service, 'previewTrustFromStick', next, tech)).toMatchObject({
      ok: true,
      value: {
        from: { version: 7, source: 'file' },
        installed: { version: 8, expiresAt: v8.expiresAt },
        to: { version: 9 },
        refusal: null,
        same: false,
        keys: { added: [], removed: [], retired: [], revoked: [] },
        revocationsAdded: 1,
        rules: { added: [], removed: [], changed: [] },
      },
    });

    // An older file is refused against the installed v8, while the file (v7) stays in force: the
    // preview says both, not "v7 → v6".
    const older = [{ mountPoint: stick, relative: 'v6.bmettrust' }];
    expect(callKiosk(k.service, 'previewTrustFromStick', older, tech)).toMatchObject({
      ok: true,
      value: {
        from: { version: 7, source: 'file' },
        installed: { version: 8 },
        to: { version: 6 },
        refusal: { code: 'BUNDLE_ROLLBACK' },
      },
    });
  });

  it('installs only the bytes the preview showed: a file changed since, or a stick taken out, is refused and audited', async () => {
    const { k, stick, mountTable, tech, signIn } = await kioskWithStick();
    await signIn();
    const call = (m: 'previewTrustFromStick' | 'installTrustFromStick', a: object) =>
      callKiosk(k.service, m, [a], tech) as { ok: boolean; value: Record<string, unknown> };
    const refusals = () =>
      (
        callKiosk(k.service, 'auditLog', [{ limit: 50 }], tech) as {
          value: { action: string; detail: { code?: string } }[];
        }
      ).value
        .filter((l) => l.action === 'trust.refused')
        .map((l) => l.detail.code);
    const file = (name: string) => ({ mountPoint: stick, relative: name });
    const bytesOf = (name: string) => fs.readFileSync(path.join(stick, name));

    // [what the preview was of, what the file holds at the confirmation]: neither is installed.
    const CASES = [
      {
        name: 'a newer bundle swapped for the one previewed',
        previewedFile: 'v8.bmettrust',
        swap: 'v9.bmettrust',
      },
      // "Record the refusal": the preview said BUNDLE_ROLLBACK; a newer file put there must not install.
      {
        name: 'a file previewed as refused, swapped for one that would install',
        previewedFile: 'v6.bmettrust',
        swap: 'v8.bmettrust',
      },
    ];
    for (const c of CASES) {
      const preview = call('previewTrustFromStick', file(c.previewedFile));
      expect(preview.ok, c.name).toBe(true);
      const previewed = preview.value.sha256 as string;
      expect(previewed, c.name).toMatch(/^[0-9a-f]{64}$/);
      const kept = bytesOf(c.previewedFile);
      fs.writeFileSync(path.join(stick, c.previewedFile), bytesOf(c.swap));
      const r = call('installTrustFromStick', { ...file(c.previewedFile), previewed });
      expect(r, c.name).toMatchObject({
        ok: true,
        value: { outcome: 'refused', code: 'FILE_CHANGED', inForce: false },
      });
      expect(refusals()[0], c.name).toBe('FILE_CHANGED');
      fs.writeFileSync(path.join(stick, c.previewedFile), kept);
    }
    // Nothing was installed: the run's file (v7) in force, no bundle stored.
    expect(k.service.status().trust?.version).toBe(7);
    expect(call('previewTrustFromStick', file('v8.bmettrust')).value).toMatchObject({ installed: null });

    // The bytes previewed, unchanged: installed.
    const v8 = call('previewTrustFromStick', file('v8.bmettrust')).value.sha256 as string;
    expect(call('installTrustFromStick', { ...file('v8.bmettrust'), previewed: v8 })).toMatchObject({
      ok: true,
      value: { outcome: 'installed', version: 8 },
    });

    // The stick taken out between preview and confirmation: NOT_FOUND, and the attempt audited.
    const before = refusals().length;
    fs.writeFileSync(mountTable, '');
    expect(await eventually(() => k.service.parts.trustSticks().length === 0)).toBe(true);
    const gone = call('installTrustFromStick', { ...file('v9.bmettrust'), previewed: v8 });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(refusals().length).toBe(before + 1);
    expect(refusals()[0]).toBe('UNREADABLE');
  });

  it('a rule of a kind the kiosk does not know: the preview names it, and the install audits it as ignored', async () => {
    const { k, stick, tech, signIn } = await kioskWithStick();
    await signIn();
    const file = { mountPoint: stick, relative: 'v10.bmettrust' };
    const preview = callKiosk(k.service, 'previewTrustFromStick', [file], tech) as {
      value: { sha256: string; rulesIgnored: unknown; rules: { added: string[] } };
    };
    expect(preview.value.rulesIgnored).toEqual([{ id: 'QA-VISA-CHECK', kind: 'visaRequired' }]);
    expect(preview.value.rules.added).not.toContain('QA-VISA-CHECK');
    expect(
      callKiosk(k.service, 'installTrustFromStick', [{ ...file, previewed: preview.value.sha256 }], tech),
    ).toMatchObject({ ok: true, value: { outcome: 'installed', version: 10 } });
    const audit = callKiosk(k.service, 'auditLog', [{ limit: 5 }], tech) as {
      value: { action: string; detail: Record<string, unknown> }[];
    };
    expect(audit.value.find((l) => l.action === 'trust.install')?.detail).toMatchObject({
      version: 10,
      rulesIgnored: ['QA-VISA-CHECK (visaRequired)'],
    });
  });
});
