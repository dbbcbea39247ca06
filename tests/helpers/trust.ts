/** An in-process trust made from seeded test keys: a root, issuing keys, a signed bundle, prepared. */
import { createHash } from 'node:crypto';
import { bundleKeyEntry, signBundle } from '../../keys/bundle-signer.ts';
import { signingKeyFromSeed, type SigningKey } from '../../keys/signing-key.ts';
import { openBundle, type OpenResult } from '../../main/core/trust/bundle-file.ts';
import { prepareVerifyKey } from '../../main/core/crypto/ed25519.ts';
import type { RootSet } from '../../main/core/trust/roots.ts';

export const testKey = (label: string): SigningKey =>
  signingKeyFromSeed(createHash('sha256').update(`bmet-test:${label}`).digest());

export function rootSetOf(keys: SigningKey[], threshold = 1): RootSet {
  const map = new Map();
  for (const k of keys) {
    const p = prepareVerifyKey(k.publicKey);
    if (!p.ok) throw new Error(p.why);
    map.set(k.kid, p.key);
  }
  return { keys: map, threshold };
}

export const ROOT = testKey('root');
export const ISSUER = testKey('issuer-active');
export const RETIRED = testKey('issuer-retired');
export const REVOKED = testKey('issuer-revoked');

/** A bundle payload in the shape of trust-bundle.md; `over` replaces top-level fields. */
export function payloadOf(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    typ: 'bmet-trust-bundle',
    version: 7,
    issuedAt: '2026-11-20T00:00:00Z',
    expiresAt: '2027-02-18T00:00:00Z',
    keys: [
      bundleKeyEntry(ISSUER, { nbf: '2026-01-01T00:00:00Z', exp: '2028-12-31T23:59:59Z', status: 'active' }),
      bundleKeyEntry(RETIRED, {
        nbf: '2025-01-01T00:00:00Z',
        exp: '2025-12-31T23:59:59Z',
        status: 'retired',
      }),
      bundleKeyEntry(REVOKED, {
        nbf: '2025-01-01T00:00:00Z',
        exp: '2028-12-31T23:59:59Z',
        status: 'revoked',
      }),
    ],
    revoked: { kids: [], clearances: ['BMET-2026-00000042'] },
    rules: [],
    ...over,
  };
}

export function openTestBundle(
  payload = payloadOf(),
  signers: SigningKey[] = [ROOT],
  roots = rootSetOf([ROOT]),
): OpenResult {
  return openBundle(Buffer.from(signBundle(payload, signers)), roots);
}

export function testTrust(payload = payloadOf()) {
  const r = openTestBundle(payload);
  if (!r.ok) throw new Error(`${r.code}: ${r.why}`);
  return r.bundle.trust;
}
