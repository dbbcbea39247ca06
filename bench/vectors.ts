/** The shared vectors as the benchmarks use them: the trust prepared from their bundle and root, and the valid cards. */
import fs from 'node:fs';
import path from 'node:path';
import { openBundle } from '../main/core/trust/bundle-file.ts';
import type { PreparedTrust } from '../main/core/trust/prepared-trust.ts';
import { decodeBase45 } from '../main/core/verify/base45.ts';
import { parseCoseSign1, sigStructure } from '../main/core/verify/cose.ts';
import { inflateBounded } from '../main/core/verify/inflate.ts';
import { textStage } from '../main/core/verify/text-stage.ts';
import { loadRoots } from '../main/core/trust/roots.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
export const VECTORS = path.resolve(PROJECT_ROOT, '../shared/vectors');
/** The instant every shared vector card is verified at. */
export const VECTORS_NOW = '2026-11-22T06:00:00Z';

export function vectorsTrust(): { trust: PreparedTrust; valid: string[] } {
  const roots = loadRoots([path.join(VECTORS, 'root.pem')]);
  if (!roots.ok) throw new Error(roots.why);
  const opened = openBundle(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust')), roots.roots);
  if (!opened.ok) throw new Error(opened.why);
  const valid = fs
    .readFileSync(path.join(VECTORS, 'cards.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { qr: string; expect: { status: string } })
    .filter((c) => c.expect.status === 'valid')
    .map((c) => c.qr.trim());
  return { trust: opened.bundle.trust, valid };
}

/** The signature inputs of one card, decoded once, for the raw crypto.verify baselines. */
export function signatureOf(qr: string, trust: PreparedTrust) {
  const t = textStage(qr);
  if (!t.ok) throw new Error(t.code);
  const b = decodeBase45(t.value);
  if (!b.ok) throw new Error(b.code);
  const z = inflateBounded(b.value);
  if (!z.ok) throw new Error(z.code);
  const c = parseCoseSign1(z.value);
  if (!c.ok) throw new Error(c.code);
  const key = trust.keys.get(c.value.kid.toString('base64url'))!;
  return {
    message: sigStructure(c.value.protectedBytes, c.value.payload),
    signature: c.value.signature,
    key,
  };
}
