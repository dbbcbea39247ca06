/**
 * `findTrustFiles(root)`: the `*.bmettrust` files at a stick's root or in its `bmet/`
 * folder — regular files only, bounded in size and number, never through a link and never
 * off the stick's file system — and every one it does not offer with why, down to a folder it
 * did not look into or listed only in part. `readTrustFile` reads one found that way, checking again at open time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  StickSkipReason,
  TrustFileCandidate,
  TrustStickEvent,
} from '../../main/contract/bridge-events.ts';
import { MAX_BUNDLE_BYTES } from '../../main/contract/trust-bundle.ts';

export interface TrustScanLimits {
  /** Largest trust file offered (a bundle is a few kB; a revocation list can make it larger). */
  maxBytes: number;
  /** Directory entries looked at per folder: a stick with a million files is not scanned to the end. */
  maxEntries: number;
}

// The size bound is the kiosk's own (one constant in the contract): a stick offers exactly what an install would read.
export const DEFAULT_TRUST_LIMITS: TrustScanLimits = { maxBytes: MAX_BUNDLE_BYTES, maxEntries: 5000 };

const TRUST_RE = /\.bmettrust$/i;

/** The stick's root as a skipped entry names it (a folder with too many entries). */
export const STICK_ROOT = '.';

export type TrustScan = Pick<TrustStickEvent, 'files' | 'skipped'>;

export function findTrustFiles(root: string, limits: TrustScanLimits = DEFAULT_TRUST_LIMITS): TrustScan {
  const out: TrustScan = { files: [], skipped: [] };
  const skip = (relative: string, why: StickSkipReason) => out.skipped.push({ relative, why });
  const top = fs.lstatSync(root);
  if (!top.isDirectory()) throw new Error(`${root} is not a directory`);
  // The root itself unreadable is the stick's problem (the caller reports the stick).
  const rootList = list(root, limits);
  const folders: { dir: string; listing: Listing | null }[] = [{ dir: '', listing: rootList }];
  const bmets = rootList.names.filter((e) => e.name.toLowerCase() === 'bmet').map((e) => e.name);
  // A root listed only in part may have bmet/ past the cut: it is looked up by name, one lstat more.
  if (rootList.cut && !bmets.length) bmets.push('bmet');
  for (const name of bmets) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(path.join(root, name));
    } catch {
      continue; // removed while we looked, or (looked up by name) not there
    }
    // bmet/ must be a real folder on this stick: a link could point anywhere on the kiosk
    const why = st.isSymbolicLink()
      ? 'folder-link'
      : !st.isDirectory()
        ? 'not-folder'
        : st.dev !== top.dev
          ? 'folder-other-device'
          : null;
    if (why) skip(name, why);
    else folders.push({ dir: name, listing: null });
  }
  for (const { dir, listing } of folders) {
    // A bmet/ the kiosk may not list (another owner's 0700 folder, an I/O error) is skipped with
    // its reason; the files at the root are still offered.
    let l: Listing;
    try {
      l = listing ?? list(path.join(root, dir), limits);
    } catch {
      skip(dir, 'unreadable');
      continue;
    }
    // Not a list that looks complete: the technician is told which folder was listed only in part.
    if (l.cut) skip(dir || STICK_ROOT, 'too-many-entries');
    for (const { name, utf8 } of l.names) {
      if (!TRUST_RE.test(name)) continue;
      const relative = dir ? `${dir}/${name}` : name;
      // The name as decoded (U+FFFD for the bytes that are not UTF-8) names no file on the stick, and
      // an install opens the file by the name the screen sends back: it is said, never offered.
      if (!utf8) {
        skip(relative, 'name-not-utf8');
        continue;
      }
      const file = path.join(root, relative);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(file);
      } catch {
        continue; // removed while we looked
      }
      const why = st.isSymbolicLink()
        ? 'link'
        : !st.isFile()
          ? 'not-regular'
          : st.dev !== top.dev
            ? 'other-device'
            : st.size > limits.maxBytes
              ? 'too-large'
              : null;
      if (why) skip(relative, why);
      else out.files.push({ path: file, relative, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  const byRel = (a: { relative: string }, b: { relative: string }) =>
    a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0;
  out.files.sort(byRel);
  out.skipped.sort(byRel);
  return out;
}

/** A folder's entries, at most `maxEntries` of them: each name decoded, and whether its bytes were UTF-8. */
interface Listing {
  names: { name: string; utf8: boolean }[];
  /** The folder has more entries than were read. */
  cut: boolean;
}

function list(dir: string, limits: TrustScanLimits): Listing {
  const names: Listing['names'] = [];
  // latin1 hands over a name's bytes one for one, so a name that is not UTF-8 can be told apart.
  const d = fs.opendirSync(dir, { encoding: 'latin1' });
  try {
    for (let e = d.readSync(); e; e = d.readSync()) {
      if (names.length >= limits.maxEntries) return { names, cut: true };
      const bytes = Buffer.from(e.name, 'latin1');
      const name = bytes.toString('utf8');
      names.push({ name, utf8: Buffer.from(name, 'utf8').equals(bytes) });
    }
  } finally {
    d.closeSync();
  }
  return { names, cut: false };
}

/**
 * Reads a candidate for the technician's install step. The stick may have changed since it
 * was listed (bmet/ swapped for a link to another drive, the file for a FIFO), so every check
 * is made again at open time, and the ones that matter on the opened descriptor itself:
 * - each folder between the stick's root and the file is a real folder (lstat, not a link) on
 *   the stick's file system, before the open and again after it;
 * - the file is opened without following a link (O_NOFOLLOW) and without blocking (a FIFO);
 * - the descriptor's file is a regular file within the size bound, on the stick's device
 *   (`st_dev` of the mount point), and is the very file the path names after the open (same
 *   device and inode), so a swap and a swap back around the open cannot hand over another file.
 * `hooks.beforeOpen` lets a test change the stick between the checks and the open.
 */
export function readTrustFile(
  c: TrustFileCandidate,
  stickRoot: string,
  limits: TrustScanLimits = DEFAULT_TRUST_LIMITS,
  hooks: { beforeOpen?: () => void } = {},
): Buffer {
  const parts = c.relative.split('/');
  const file = path.join(stickRoot, ...parts);
  if (parts.some((p) => p === '' || p === '.' || p === '..') || path.resolve(c.path) !== path.resolve(file))
    throw new Error(`${c.relative} is not a file the stick offered`);
  // The mount point's own stat is the stick's file system (not a string prefix of a path).
  const root = fs.statSync(stickRoot);
  if (!root.isDirectory()) throw new Error(`${stickRoot} is not a directory`);
  const foldersOnStick = () => {
    let dir = stickRoot;
    for (const name of parts.slice(0, -1)) {
      dir = path.join(dir, name);
      const st = fs.lstatSync(dir);
      if (st.isSymbolicLink())
        throw new Error(`${c.relative}: ${name}/ is a link, not a folder on the stick`);
      if (!st.isDirectory() || st.dev !== root.dev)
        throw new Error(`${c.relative}: ${name}/ is not a folder on the stick`);
    }
  };
  foldersOnStick();
  hooks.beforeOpen?.();
  const fd = fs.openSync(
    file,
    fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0),
  );
  try {
    const st = fs.fstatSync(fd);
    if (st.dev !== root.dev) throw new Error(`${c.relative} is not on the stick (another device)`);
    if (!st.isFile()) throw new Error(`${c.relative} is not a regular file`);
    foldersOnStick();
    const named = fs.lstatSync(file);
    if (named.dev !== st.dev || named.ino !== st.ino)
      throw new Error(`${c.relative} changed while it was opened`);
    if (st.size > limits.maxBytes) throw new Error(`${c.relative} is larger than ${limits.maxBytes} bytes`);
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const r = fs.readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
