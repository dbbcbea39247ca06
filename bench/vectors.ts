/** The shared vectors as the benchmarks use them: the trust prepared from their bundle and root, and the valid cards. */
import fs from 'node:fs';
import path from 'node:path';
import { openBundle } from '../main/core/trust/bundle-file.ts';
import type { PreparedTrust } from '../main/core/trust/prepared-trust.ts';
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
