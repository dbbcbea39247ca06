// diffTrust: what the technician's preview lists before an install, from real signed test bundles.
import { describe, expect, it } from 'vitest';
import { bundleKeyEntry } from '../../../keys/bundle-signer.ts';
import { diffTrust } from '../../../main/core/trust/trust-diff.ts';
import { ISSUER, payloadOf, RETIRED, REVOKED, testKey, testTrust } from '../../helpers/trust.ts';
import type { BundlePayload } from '../../../main/core/trust/bundle-types.ts';

const rule = (id: string, months: number) => ({
  id,
  kind: 'passportMinValidity',
  countries: ['KW'],
  from: '2026-01-01',
  severity: 'block',
  text: { en: `${months} months`, bn: `${months} মাস` },
  months,
});

describe('diffTrust', () => {
  it('from nothing: every key, revocation and rule is new', () => {
    const next = payloadOf({ rules: [rule('KW-6M', 6)] }) as unknown as BundlePayload;
    const d = diffTrust(null, next);
    expect(d.keys.added).toEqual([ISSUER.kid, RETIRED.kid, REVOKED.kid]);
    expect(d.keys.retired).toEqual([RETIRED.kid]);
    expect(d.keys.revoked).toEqual([REVOKED.kid]);
    expect(d.revocationsAdded).toBe(1);
    expect(d.rules).toEqual({ added: ['KW-6M'], removed: [], changed: [] });
  });

  it('a newer bundle: a key added, one retired, one revoked by list, revocations and rules changed', () => {
    const current = testTrust(payloadOf({ rules: [rule('KW-6M', 6), rule('OLD', 3)] }));
    const extra = testKey('issuer-new');
    const base = payloadOf() as { keys: Record<string, unknown>[] };
    const keys = base.keys.map((k) => (k.kid === ISSUER.kid ? { ...k, status: 'retired' } : k));
    keys.push({
      ...bundleKeyEntry(extra, {
        nbf: '2026-06-01T00:00:00Z',
        exp: '2029-01-01T00:00:00Z',
        status: 'active',
      }),
    });
    const next = payloadOf({
      version: 8,
      keys,
      revoked: {
        kids: [RETIRED.kid],
        clearances: ['BMET-2026-00000042', 'BMET-2026-00000043', 'BMET-2026-00000044'],
      },
      rules: [rule('KW-6M', 7), rule('NEW', 1)],
    }) as unknown as BundlePayload;
    const d = diffTrust(current, next);
    expect(d.keys).toEqual({
      added: [extra.kid],
      removed: [],
      retired: [ISSUER.kid],
      revoked: [RETIRED.kid],
    });
    expect(d.revokedKidsAdded).toEqual([RETIRED.kid]);
    expect(d.revocationsAdded).toBe(2);
    expect(d.rules).toEqual({ added: ['NEW'], removed: ['OLD'], changed: ['KW-6M'] });
  });

  it('the same bundle changes nothing', () => {
    const p = payloadOf({ rules: [rule('KW-6M', 6)] });
    const d = diffTrust(testTrust(p), p as unknown as BundlePayload);
    expect(d).toEqual({
      keys: { added: [], removed: [], retired: [], revoked: [] },
      revocationsAdded: 0,
      revokedKidsAdded: [],
      rules: { added: [], removed: [], changed: [] },
    });
  });
});
