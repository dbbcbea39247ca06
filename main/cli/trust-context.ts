/** Roots and bundle for one CLI run: --root replaces the pinned roots, --bundle replaces the installed bundle. */
import fs from 'node:fs';
import { openBundle, MAX_BUNDLE_BYTES, type VerifiedBundle } from '../core/trust/bundle-file.ts';
import { loadPinnedRoots, loadRoots, type RootSet } from '../core/trust/roots.ts';
import { RefusedError } from './exit-codes.ts';
import type { SharedOptions } from './options.ts';

export function rootsFor(opts: SharedOptions): RootSet {
  const r = opts.roots?.length ? loadRoots(opts.roots) : loadPinnedRoots();
  if (!r.ok) throw new RefusedError(r.why);
  return r.roots;
}

/** Reads a bundle file with a size bound, so a huge or special file is refused, not slurped. */
export function readBundleFile(file: string): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    throw new RefusedError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!st.isFile()) throw new RefusedError(`${file} is not a regular file`, 'BUNDLE_MALFORMED');
  if (st.size > MAX_BUNDLE_BYTES) throw new RefusedError(`${file} is larger than ${MAX_BUNDLE_BYTES} bytes`, 'BUNDLE_MALFORMED');
  return fs.readFileSync(file);
}

export function openBundleFile(file: string, roots: RootSet): VerifiedBundle {
  const r = openBundle(readBundleFile(file), roots);
  if (!r.ok) throw new RefusedError(`${file}: ${r.code}: ${r.why}`, r.code);
  return r.bundle;
}
