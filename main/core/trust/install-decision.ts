/** Whether a verified bundle may replace the one in force (trust-bundle.md), as a pure function. */
import type { BundleCode } from '../../contract/codes.ts';

export const MAX_ISSUE_SKEW_MS = 300_000;

export interface InstalledBundleInfo {
  version: number;
  sha256: string;
}

export interface CandidateInfo {
  version: number;
  sha256: string;
  issuedAt: string;
  expiresAt: string;
}

/** The outcome installing the candidate would have, in the contract's words (TrustInstallReport's outcome). */
export type InstallDecision =
  | { outcome: 'installed' }
  | { outcome: 'unchanged'; why: string }
  | { outcome: 'refused'; code: BundleCode; why: string };

export function decideInstall(
  installed: InstalledBundleInfo | null,
  candidate: CandidateInfo,
  nowMs: number,
): InstallDecision {
  if (installed && candidate.version <= installed.version) {
    if (candidate.version === installed.version && candidate.sha256 === installed.sha256) {
      return { outcome: 'unchanged', why: `version ${candidate.version} is already installed` };
    }
    return {
      outcome: 'refused',
      code: 'BUNDLE_ROLLBACK',
      why: `version ${candidate.version} is not newer than installed version ${installed.version}`,
    };
  }
  if (Date.parse(candidate.issuedAt) > nowMs + MAX_ISSUE_SKEW_MS) {
    return {
      outcome: 'refused',
      code: 'BUNDLE_NOT_YET_VALID',
      why: `issued at ${candidate.issuedAt}, in the future`,
    };
  }
  if (Date.parse(candidate.expiresAt) <= nowMs) {
    return { outcome: 'refused', code: 'BUNDLE_EXPIRED', why: `expired at ${candidate.expiresAt}` };
  }
  return { outcome: 'installed' };
}
