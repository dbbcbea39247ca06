import { describe, expect, it } from 'vitest';
import { decideInstall, type CandidateInfo } from '../../../main/core/trust/install-decision.ts';

const NOW = Date.parse('2026-11-22T06:00:00Z');
const cand = (over: Partial<CandidateInfo> = {}): CandidateInfo => ({
  version: 8,
  sha256: 'b'.repeat(64),
  issuedAt: '2026-11-20T00:00:00Z',
  expiresAt: '2027-02-18T00:00:00Z',
  ...over,
});
const installed = { version: 7, sha256: 'a'.repeat(64) };

describe('decideInstall', () => {
  it.each([
    ['a newer version', installed, cand(), 'installed'],
    ['the first bundle', null, cand({ version: 1 }), 'installed'],
    ['the same version, same bytes', installed, cand({ version: 7, sha256: 'a'.repeat(64) }), 'unchanged'],
    ['the same version, other bytes', installed, cand({ version: 7 }), 'BUNDLE_ROLLBACK'],
    ['an older version', installed, cand({ version: 6 }), 'BUNDLE_ROLLBACK'],
    ['issued exactly 300 s ahead', installed, cand({ issuedAt: '2026-11-22T06:05:00Z' }), 'installed'],
    ['issued 301 s ahead', installed, cand({ issuedAt: '2026-11-22T06:05:01Z' }), 'BUNDLE_NOT_YET_VALID'],
    ['expiring exactly now', installed, cand({ expiresAt: '2026-11-22T06:00:00Z' }), 'BUNDLE_EXPIRED'],
    ['expiring a second from now', installed, cand({ expiresAt: '2026-11-22T06:00:01Z' }), 'installed'],
    [
      'an old expired bundle (rollback wins)',
      installed,
      cand({ version: 3, expiresAt: '2020-01-01T00:00:00Z' }),
      'BUNDLE_ROLLBACK',
    ],
  ])('%s', (_why, inst, c, want) => {
    const d = decideInstall(inst, c, NOW);
    expect(d.outcome === 'refused' ? d.code : d.outcome).toBe(want);
  });
});
