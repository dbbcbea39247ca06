/** CLI test setup: the shared vectors (bundle, root, cards) and data dirs with that bundle installed. */
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../main/core/store/store.ts';
import type { InstallOutcome } from '../../main/core/store/trust-store.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { PROJECT_ROOT } from './cli.ts';
import { tempDataDir } from './store.ts';

export const VECTORS = path.resolve(PROJECT_ROOT, '../shared/vectors');
export const VROOT = path.join(VECTORS, 'root.pem');
export const VBUNDLE = path.join(VECTORS, 'bundle.bmettrust');
export const VNOW = '2026-11-22T06:00:00Z';

export interface VectorCard {
  name: string;
  qr: string;
  expect: { status: string };
}
export const vectorCards = (): VectorCard[] =>
  fs
    .readFileSync(path.join(VECTORS, 'cards.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as VectorCard)
    .map((c) => ({ ...c, qr: c.qr.replace(/\n$/, '') }));

/** The vectors bundle's signed payload, to sign again as another version or by another root. */
export function vectorsPayload(): Record<string, unknown> {
  const envelope = JSON.parse(fs.readFileSync(VBUNDLE, 'utf8')) as { payload: string };
  return JSON.parse(Buffer.from(envelope.payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The options every CLI call against `dir` with the vectors' root and clock shares. */
export const at = (dir: string, now = VNOW) => ['--data-dir', dir, '--root', VROOT, '--now', now];

/**
 * Installs the vectors bundle into `dir` through the store's own install, as of VNOW, trusting
 * `roots` (default: the vectors' root). `trust install` takes no --now (it installs on the real
 * clock) and this bundle expires 2027-02-18, so set-ups that need it installed do it here,
 * where the clock is the test's. Throws unless it was installed (or was already).
 */
export function installVectorsBundle(
  dir: string,
  o: { roots?: string[]; actor?: string } = {},
): Extract<InstallOutcome, { outcome: 'installed' | 'unchanged' }> {
  const roots = loadRoots(o.roots ?? [VROOT]);
  if (!roots.ok) throw new Error(roots.why);
  const store = openStore({ dataDir: dir, now: () => Date.parse(VNOW), retentionAtStart: false });
  try {
    const r = store.trust.install({
      bytes: fs.readFileSync(VBUNDLE),
      roots: roots.roots,
      nowMs: Date.parse(VNOW),
      actor: o.actor ?? 'TC-1',
      source: VBUNDLE,
    });
    if (r.outcome === 'refused') throw new Error(`vectors bundle not installed: ${r.code}: ${r.why}`);
    return r;
  } finally {
    store.close();
  }
}

/** A data dir (under `parent`, or a new temp dir) with the vectors bundle installed (as of VNOW). */
export function installedDataDir(parent?: string): string {
  const dir = parent ? path.join(parent, 'data') : path.join(tempDataDir('cli'), 'data');
  installVectorsBundle(dir);
  return dir;
}
