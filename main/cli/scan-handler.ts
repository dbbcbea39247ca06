/**
 * The one path a scan takes in a CLI run (verify, listen): QR text in, verdict out.
 * Roots and bundle come from the shared options (--root, --bundle); the store adds
 * logging and the duplicate check here, so every command logs the same way.
 */
import type { Verdict } from '../contract/verdict.ts';
import type { PreparedTrust } from '../core/trust/prepared-trust.ts';
import { verifyQr, type VerifyContext } from '../core/verify/verify-qr.ts';
import { UsageError } from './exit-codes.ts';
import type { SharedOptions } from './options.ts';
import { openBundleFile, rootsFor } from './trust-context.ts';

export interface ScanHandler {
  /** Verifies (and, unless --no-log, logs before returning) one scan. */
  handle(qr: string): Verdict;
  trust: PreparedTrust;
  close(): void;
}

export function makeScanHandler(opts: SharedOptions): ScanHandler {
  if (!opts.bundle) throw new UsageError('needs --bundle FILE until the kiosk has an installed bundle (trust install)');
  const bundle = openBundleFile(opts.bundle, rootsFor(opts));
  for (const w of bundle.warnings) process.stderr.write(`bmet-kiosk: ${w}\n`);
  const ctx: VerifyContext = { trust: bundle.trust, nowMs: 0 };
  return {
    trust: bundle.trust,
    handle(qr) {
      ctx.nowMs = opts.nowMs ?? Date.now();
      return verifyQr(qr, ctx);
    },
    close() {},
  };
}
