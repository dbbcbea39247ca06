/**
 * `TrustCell`: the trust this run verifies against, made before the service and its parts so
 * that neither calls back through the other. An install (USB stick or network) puts the bundle
 * it opened here; the service subscribes and verifies against it; the parts read it.
 */
import type { VerifiedBundle } from '../core/trust/bundle-file.ts';
import type { PreparedTrust } from '../core/trust/prepared-trust.ts';
import type { TrustInForce } from './service.ts';
import { bundleWarnings } from '../core/trust/bundle-types.ts';

export class TrustCell {
  private current: TrustInForce | null;
  private readonly fixed: boolean;
  private readonly listeners = new Set<(t: TrustInForce) => void>();

  /** `fixed`: this run verifies against a bundle file named for it, which installs do not replace. */
  constructor(initial: TrustInForce | null, fixed: boolean) {
    this.current = initial;
    this.fixed = fixed;
  }

  /** The trust scans are verified against now, or null. */
  get(): PreparedTrust | null {
    return this.current?.prepared ?? null;
  }

  /** The same, with where it came from: installed, or a bundle file named for this run. */
  inForce(): TrustInForce | null {
    return this.current;
  }

  /**
   * Puts a newly installed bundle in force as the install opened it (never opened again);
   * false when this run verifies against a bundle file instead.
   */
  install(bundle: VerifiedBundle): boolean {
    // Installed from a stick or the network: a rule it cannot check goes to the journal, as at start.
    for (const w of bundleWarnings(bundle)) process.stderr.write(`bmet-kiosk: ${w}\n`);
    if (this.fixed) return false;
    this.current = { prepared: bundle.trust, source: 'installed' };
    for (const l of this.listeners) l(this.current);
    return true;
  }

  /** Called with the new trust after each install that put one in force; returns the unsubscribe. */
  onChange(listener: (t: TrustInForce) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
