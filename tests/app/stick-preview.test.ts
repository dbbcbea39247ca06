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

describe('previewTrustFromStick', () => {
  it('lists the changes of a newer bundle on a stick, writes nothing, and the install says from which version', async () => {
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
    const args = [{ mountPoint: stick, relative: 'v8.bmettrust' }];
    expect(callKiosk(k.service, 'previewTrustFromStick', args, tech)).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await callKiosk(k.service, 'login', [{ id: 'TC-7', pin: '246802' }], tech);
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
});
