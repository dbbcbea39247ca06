/** Roots and bundle for one CLI run: --root replaces the pinned roots, --bundle replaces the installed bundle. */
import { openBundle, readBundleBytes, type VerifiedBundle } from '../core/trust/bundle-file.ts';
import { loadPinnedRoots, loadRoots, type RootSet } from '../core/trust/roots.ts';
import { RefusedError } from './exit-codes.ts';
import type { SharedOptions } from './options.ts';

export function rootsFor(opts: SharedOptions): RootSet {
  const r = opts.roots?.length ? loadRoots(opts.roots) : loadPinnedRoots();
  if (!r.ok) throw new RefusedError(r.why);
  return r.roots;
}

/** Reads a bundle file with a size bound (readBundleBytes); a refusal exits 3. */
export function readBundleFile(file: string): Buffer {
  const r = readBundleBytes(file);
  if (!r.ok) throw new RefusedError(r.why, r.code === 'UNREADABLE' ? undefined : r.code);
  return r.bytes;
}

export function openBundleFile(file: string, roots: RootSet): VerifiedBundle {
  const r = openBundle(readBundleFile(file), roots);
  if (!r.ok) throw new RefusedError(`${file}: ${r.code}: ${r.why}`, r.code);
  return r.bundle;
}
