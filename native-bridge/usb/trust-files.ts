/**
 * `findTrustFiles(root)`: the `*.bmettrust` files at a stick's root or in its `bmet/`
 * folder — regular files only, bounded in size and number, never through a link and never
 * off the stick's file system. `readTrustFile` reads one found that way, checking again at open time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TrustFileCandidate, TrustStickEvent } from '../../main/contract/bridge-events.ts';
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

export type TrustScan = Pick<TrustStickEvent, 'files' | 'skipped'>;

export function findTrustFiles(root: string, limits: TrustScanLimits = DEFAULT_TRUST_LIMITS): TrustScan {
  const out: TrustScan = { files: [], skipped: [] };
  const top = fs.lstatSync(root);
  if (!top.isDirectory()) throw new Error(`${root} is not a directory`);
  const dirs: string[] = [''];
  for (const name of entries(root, limits)) {
    if (name.toLowerCase() !== 'bmet') continue;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(path.join(root, name));
    } catch {
      continue; // removed while we looked
    }
    // bmet/ must be a real folder on this stick: a link could point anywhere on the kiosk
    if (st.isDirectory() && st.dev === top.dev) dirs.push(name);
  }
  for (const dir of dirs) {
    // A bmet/ the kiosk may not list (another owner's 0700 folder, an I/O error) is skipped with
    // its reason; the files at the root are still offered. The root itself unreadable is the stick's problem.
    let names: string[];
    try {
      names = entries(path.join(root, dir), limits);
    } catch (err) {
      if (!dir) throw err;
      out.skipped.push({ relative: dir, why: 'unreadable' });
      continue;
    }
    for (const name of names) {
      if (!TRUST_RE.test(name)) continue;
      const relative = dir ? `${dir}/${name}` : name;
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
      if (why) out.skipped.push({ relative, why });
      else out.files.push({ path: file, relative, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  const byRel = (a: { relative: string }, b: { relative: string }) =>
    a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0;
  out.files.sort(byRel);
  out.skipped.sort(byRel);
  return out;
}

function entries(dir: string, limits: TrustScanLimits): string[] {
  const names: string[] = [];
  const d = fs.opendirSync(dir);
  try {
    for (let e = d.readSync(); e && names.length < limits.maxEntries; e = d.readSync()) names.push(e.name);
  } finally {
    d.closeSync();
  }
  return names;
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
