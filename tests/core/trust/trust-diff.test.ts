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
      reinstated: [],
    });
    expect(d.revokedKidsAdded).toEqual([RETIRED.kid]);
    expect(d.revocationsAdded).toBe(2);
    expect(d.rules).toEqual({ added: ['NEW'], removed: ['OLD'], changed: ['KW-6M'] });
  });

  it('the same bundle changes nothing', () => {
    const p = payloadOf({ rules: [rule('KW-6M', 6)] });
    const d = diffTrust(testTrust(p), p as unknown as BundlePayload);
    expect(d).toEqual({
      keys: { added: [], removed: [], retired: [], revoked: [], reinstated: [] },
      revocationsAdded: 0,
      revocationsRemoved: 0,
      revokedKidsAdded: [],
      revokedKidsRemoved: [],
      rules: { added: [], removed: [], changed: [] },
    });
  });

  /** The test bundle's keys, with these kids' statuses changed. */
  const keysWith = (status: Record<string, string>) =>
    (payloadOf() as { keys: { kid: string }[] }).keys.map((k) =>
      status[k.kid] ? { ...k, status: status[k.kid] } : k,
    );
  const revoked = (kids: string[], clearances: string[]) => ({ revoked: { kids, clearances } });
  const C42 = 'BMET-2026-00000042'; // revoked by the test bundle
  // What a bundle takes back, or lists twice: each must show as it is, never as "no change".
  // `current`: the test bundle with these fields changed (null: nothing to compare with).
  const CASES: {
    name: string;
    current?: Record<string, unknown> | null;
    next: Record<string, unknown>;
    want: object;
  }[] = [
    {
      name: 'a revoked key active again',
      next: { keys: keysWith({ [REVOKED.kid]: 'active' }) },
      want: { keys: { reinstated: [REVOKED.kid], revoked: [] } },
    },
    {
      name: 'a retired key active again',
      next: { keys: keysWith({ [RETIRED.kid]: 'active' }) },
      want: { keys: { reinstated: [RETIRED.kid], retired: [] } },
    },
    {
      name: 'a revoked clearance no longer revoked',
      next: revoked([], []),
      want: { revocationsAdded: 0, revocationsRemoved: 1 },
    },
    {
      name: 'a kid taken off revoked.kids',
      current: revoked([RETIRED.kid], [C42]),
      next: revoked([], [C42]),
      want: { revokedKidsAdded: [], revokedKidsRemoved: [RETIRED.kid], keys: { reinstated: [] } },
    },
    {
      name: 'clearances listed twice count once, in both bundles',
      current: revoked([], [C42, C42, 'BMET-2026-00000050']),
      next: revoked([], [C42, 'BMET-2026-00000051', 'BMET-2026-00000051', C42]),
      want: { revocationsAdded: 1, revocationsRemoved: 1 },
    },
    {
      name: 'from nothing, a clearance listed twice is one revocation',
      current: null,
      next: revoked([], [C42, C42]),
      want: { revocationsAdded: 1, revocationsRemoved: 0 },
    },
  ];
  it.each(CASES)('$name', (c) => {
    const next = payloadOf({ version: 8, ...c.next }) as unknown as BundlePayload;
    const current = c.current === null ? null : testTrust(payloadOf(c.current ?? {}));
    expect(diffTrust(current, next)).toMatchObject(c.want);
  });
});
