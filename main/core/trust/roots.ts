/** Root keys that may sign trust bundles: pinned PEM files, and the signature threshold. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RootFileCode } from '../../contract/codes.ts';
import { kidOf } from '../crypto/kid.ts';
import { readBounded } from '../read-bounded.ts';
import { prepareVerifyKey, rawKeyFromPem, type VerifyKey } from '../crypto/ed25519.ts';

export interface RootSet {
  keys: Map<string, VerifyKey>;
  threshold: number;
}

/** The folder of roots a production build pins (keys/roots/ in the project). */
export const PINNED_ROOTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../keys/roots',
);

/** A refusal names the file and why: it could not be read (UNREADABLE), or it is no root key. */
export type RootsResult =
  | { ok: true; roots: RootSet }
  | { ok: false; code: RootFileCode; file: string; why: string }
  /** Every file is a key, but too few (or a bad threshold) to meet the threshold. */
  | { ok: false; code: null; why: string };

/** A root key PEM is ~113 bytes; anything near this is no root key. */
export const MAX_ROOT_KEY_BYTES = 64 * 1024;

/** Reads PEM root keys; any unreadable or non-Ed25519 file is an error, never silently skipped. */
export function loadRoots(files: readonly string[], threshold = 1): RootsResult {
  const keys = new Map<string, VerifyKey>();
  for (const file of files) {
    const read = readBounded(file, MAX_ROOT_KEY_BYTES);
    // Missing, no permission, a directory, a FIFO or a device: the file could not be read as one.
    if (!read.ok && (read.problem === 'unreadable' || read.problem === 'not-a-file'))
      return { ok: false, code: 'UNREADABLE', file, why: `root key: ${read.why}` };
    const raw = read.ok ? rawKeyFromPem(read.bytes.toString('utf8')) : null;
    const prepared = raw && prepareVerifyKey(raw);
    if (!prepared || !prepared.ok)
      return {
        ok: false,
        code: 'ROOT_KEY_INVALID',
        file,
        why: read.ok ? `${file} is not an Ed25519 public key (PEM, SPKI)` : `root key: ${read.why}`,
      };
    keys.set(kidOf(prepared.key.raw), prepared.key);
  }
  if (!Number.isInteger(threshold) || threshold < 1)
    return { ok: false, code: null, why: 'root threshold must be a positive integer' };
  if (keys.size < threshold)
    return { ok: false, code: null, why: `${keys.size} root key(s) cannot meet a threshold of ${threshold}` };
  return { ok: true, roots: { keys, threshold } };
}

/**
 * The pinned roots: every *.pem in keys/roots/, and the threshold from keys/roots/threshold
 * (default 1). The development root is never among them (see keys/README.md).
 */
export function loadPinnedRoots(dir = PINNED_ROOTS_DIR): RootsResult {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.pem'))
      .sort();
  } catch {
    return { ok: false, code: null, why: `no pinned roots folder at ${dir}` };
  }
  let threshold = 1;
  const tfile = path.join(dir, 'threshold');
  if (fs.existsSync(tfile)) threshold = Number(fs.readFileSync(tfile, 'utf8').trim());
  return loadRoots(
    names.map((n) => path.join(dir, n)),
    threshold,
  );
}
