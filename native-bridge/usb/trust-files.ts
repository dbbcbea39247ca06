/**
 * `findTrustFiles(root)`: the `*.bmettrust` files at a stick's root or in its `bmet/`
 * folder — regular files only, bounded in size and number, never through a link and never
 * off the stick's file system. `readTrustFile` reads one found that way, checking again.
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
    const st = fs.lstatSync(path.join(root, name));
    // bmet/ must be a real folder on this stick: a link could point anywhere on the kiosk
    if (st.isDirectory() && st.dev === top.dev) dirs.push(name);
  }
  for (const dir of dirs) {
    for (const name of entries(path.join(root, dir), limits)) {
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
 * Reads a candidate for the technician's install step: opened without following a link,
 * checked again to be a regular file within the size bound, in the folder it was found in.
 */
export function readTrustFile(
  c: TrustFileCandidate,
  stickRoot: string,
  limits: TrustScanLimits = DEFAULT_TRUST_LIMITS,
): Buffer {
  const expectedDir = fs.realpathSync(path.join(stickRoot, path.dirname(c.relative)));
  if (
    fs.realpathSync(path.dirname(c.path)) !== expectedDir ||
    !expectedDir.startsWith(fs.realpathSync(stickRoot))
  ) {
    throw new Error(`${c.relative} moved off the stick`);
  }
  const fd = fs.openSync(
    c.path,
    fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0),
  );
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`${c.relative} is not a regular file`);
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
