/** Root keys that may sign trust bundles: pinned PEM files, and the signature threshold. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kidOf } from '../crypto/kid.ts';
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

export type RootsResult = { ok: true; roots: RootSet } | { ok: false; why: string };

/** Reads PEM root keys; any unreadable or non-Ed25519 file is an error, never silently skipped. */
export function loadRoots(files: readonly string[], threshold = 1): RootsResult {
  const keys = new Map<string, VerifyKey>();
  for (const file of files) {
    let pem: string;
    try {
      pem = fs.readFileSync(file, 'utf8');
    } catch (err) {
      return { ok: false, why: `cannot read root key ${file}: ${(err as Error).message}` };
    }
    const raw = rawKeyFromPem(pem);
    const prepared = raw && prepareVerifyKey(raw);
    if (!prepared || !prepared.ok)
      return { ok: false, why: `${file} is not an Ed25519 public key (PEM, SPKI)` };
    keys.set(kidOf(prepared.key.raw), prepared.key);
  }
  if (!Number.isInteger(threshold) || threshold < 1)
    return { ok: false, why: 'root threshold must be a positive integer' };
  if (keys.size < threshold)
    return { ok: false, why: `${keys.size} root key(s) cannot meet a threshold of ${threshold}` };
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
    return { ok: false, why: `no pinned roots folder at ${dir}` };
  }
  let threshold = 1;
  const tfile = path.join(dir, 'threshold');
  if (fs.existsSync(tfile)) threshold = Number(fs.readFileSync(tfile, 'utf8').trim());
  return loadRoots(
    names.map((n) => path.join(dir, n)),
    threshold,
  );
}
