/** Roots and bundle for one CLI run: --root replaces the pinned roots, --bundle replaces the installed bundle. */
import { openBundle, readBundleBytes, type VerifiedBundle } from '../core/trust/bundle-file.ts';
import { loadPinnedRoots, loadRoots, type RootSet } from '../core/trust/roots.ts';
import { FailedError, RefusedError } from './exit-codes.ts';
import type { SharedOptions } from './options.ts';

export function rootsFor(opts: SharedOptions): RootSet {
  if (opts.roots?.length) {
    const r = loadRoots(opts.roots);
    // A --root file given on the command line was refused: exit 3, with the file's code.
    if (!r.ok) throw new RefusedError(r.why, r.code ?? 'ROOTS_UNAVAILABLE');
    return r.roots;
  }
  // No file was given: pinned roots missing or unusable is a failure of the installation (exit 1),
  // coded as the screens show it.
  const r = loadPinnedRoots();
  if (!r.ok)
    throw new FailedError(
      `no usable pinned roots: ${r.why} (a production build ships BMET's roots in keys/roots/; for checks and tests pass --root FILE)`,
      'ROOTS_UNAVAILABLE',
    );
  return r.roots;
}

/** Reads a bundle file with a size bound (readBundleBytes); a refusal exits 3 with its code (UNREADABLE or BUNDLE_MALFORMED). */
export function readBundleFile(file: string): Buffer {
  const r = readBundleBytes(file);
  if (!r.ok) throw new RefusedError(r.why, r.code);
  return r.bytes;
}

export function openBundleFile(file: string, roots: RootSet): VerifiedBundle {
  const r = openBundle(readBundleFile(file), roots);
  if (!r.ok) throw new RefusedError(`${file}: ${r.code}: ${r.why}`, r.code);
  return r.bundle;
}
