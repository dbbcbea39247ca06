// The bundle signer against the independent encoder's bundle (../shared/vectors): the same
// protected header and payload serialization, the same signing input; and its own bundles
// open with the kiosk's bundle reader.
import fs from 'node:fs';
import path from 'node:path';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { rawKeyFromPem } from '../../main/core/crypto/ed25519.ts';
import { kidOf } from '../../main/core/crypto/kid.ts';
import { openBundle } from '../../main/core/trust/bundle-file.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { bundleKeyEntry, signBundle, signBundleJws } from '../../keys/bundle-signer.ts';
import { publicKeyPem, signingKeyFromSeed } from '../../keys/signing-key.ts';
import os from 'node:os';

const DIR = path.resolve(import.meta.dirname, '../../../shared/vectors');
const present = fs.existsSync(path.join(DIR, 'bundle.bmettrust'));

describe.skipIf(!present)('bundle signer vs the independent encoder', () => {
  const file = JSON.parse(fs.readFileSync(path.join(DIR, 'bundle.bmettrust'), 'utf8'));
  const rootRaw = rawKeyFromPem(fs.readFileSync(path.join(DIR, 'root.pem'), 'utf8'))!;

  it('writes the same protected header, payload serialization and signing input', () => {
    const payload = JSON.parse(Buffer.from(file.payload, 'base64url').toString('utf8'));
    // Sign the same payload with any key under the vector root's kid: header and payload text match theirs.
    const ours = signBundleJws(payload, [
      { key: signingKeyFromSeed(Buffer.alloc(32, 1)), header: { kid: kidOf(rootRaw) } },
    ]);
    expect(ours.payload).toBe(file.payload);
    expect(ours.signatures[0]!.protected).toBe(file.signatures[0].protected);
    // Their signature covers exactly protected || "." || payload, as we sign it.
    const input = Buffer.from(`${file.signatures[0].protected}.${file.payload}`, 'ascii');
    expect(
      nacl.sign.detached.verify(input, Buffer.from(file.signatures[0].signature, 'base64url'), rootRaw),
    ).toBe(true);
  });
});

describe('bundle signer round trip', () => {
  it('a bundle it signs opens with the kiosk reader, at threshold 2 with two roots', () => {
    const a = signingKeyFromSeed(Buffer.alloc(32, 2)),
      b = signingKeyFromSeed(Buffer.alloc(32, 3)),
      issuer = signingKeyFromSeed(Buffer.alloc(32, 4));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-signer-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.pem'), publicKeyPem(a));
      fs.writeFileSync(path.join(dir, 'b.pem'), publicKeyPem(b));
      const roots = loadRoots([path.join(dir, 'a.pem'), path.join(dir, 'b.pem')], 2);
      if (!roots.ok) throw new Error(roots.why);
      const payload = {
        typ: 'bmet-trust-bundle',
        version: 3,
        issuedAt: '2026-01-01T00:00:00Z',
        expiresAt: '2027-01-01T00:00:00Z',
        keys: [
          bundleKeyEntry(issuer, {
            nbf: '2026-01-01T00:00:00Z',
            exp: '2026-12-31T23:59:59Z',
            status: 'active',
            label: 'test',
          }),
        ],
        revoked: { kids: [], clearances: ['BMET-2026-00000001'] },
        rules: [],
      };
      const both = openBundle(Buffer.from(signBundle(payload, [a, b])), roots.roots);
      expect(both.ok && both.bundle.signedBy.sort()).toEqual([a.kid, b.kid].sort());
      const one = openBundle(Buffer.from(signBundle(payload, [a])), roots.roots);
      expect(one).toMatchObject({ ok: false, code: 'BUNDLE_SIGNATURE_INVALID' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
