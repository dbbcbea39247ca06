/** CLI test setup: the shared vectors (bundle, root, cards) and data dirs with that bundle installed. */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, runCli } from './cli.ts';
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

/** The options every CLI call against `dir` with the vectors' root and clock shares. */
export const at = (dir: string, now = VNOW) => ['--data-dir', dir, '--root', VROOT, '--now', now];

/** A data dir (under `parent`, or a new temp dir) with the vectors bundle installed through the CLI. */
export function installedDataDir(parent?: string): string {
  const dir = parent ? path.join(parent, 'data') : path.join(tempDataDir('cli'), 'data');
  const r = runCli(['trust', 'install', VBUNDLE, ...at(dir), '--technician', 'TC-1']);
  if (r.status !== 0) throw new Error(`trust install failed: ${r.stderr}`);
  return dir;
}
