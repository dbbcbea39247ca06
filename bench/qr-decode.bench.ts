/**
 * `npm run bench -- qr-decode`: the image decoder (decode/, through native-bridge's PNG
 * reader) against Debian's zbarimg on a larger seeded qrencode set than the test's (the
 * same classes of damage, other seeds): reads a class, wrong texts, and the median time a
 * read takes. Target: no wrong text and at least zbar's reads in every class.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeQrPng } from '../native-bridge/image/qr-image.ts';
import { CLASSES, haveTools, makeQrSet, zbarRead } from '../tests/native-bridge/image/qrencode-set.ts';
import { fmt, percentile, type BenchSection } from './table.ts';

const PER_CLASS = Number(process.env.QR_BENCH_PER_CLASS ?? 30);
const SEED = 77_000;

export async function run(): Promise<BenchSection> {
  const title = `QR images: kiosk decoder vs zbarimg (${PER_CLASS} qrencode images a class)`;
  if (!haveTools()) return { title, rows: [], targets: [], notes: ['qrencode or zbarimg missing: not run'] };
  const cards = fs
    .readFileSync(path.join(import.meta.dirname, '../../shared/vectors/cards.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { qr: string }).qr);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-qr-bench-'));
  const rows: BenchSection['rows'] = [];
  const targets: BenchSection['targets'] = [];
  try {
    for (const [i, [cls]] of CLASSES.entries()) {
      const set = makeQrSet(dir, SEED + i, PER_CLASS, cards, [cls]);
      let ours = 0,
        zbar = 0,
        oursWrong = 0,
        zbarWrong = 0;
      const ms: number[] = [];
      for (const s of set) {
        const bytes = fs.readFileSync(s.file);
        const t0 = performance.now();
        const r = decodeQrPng(bytes);
        ms.push(performance.now() - t0);
        if (r.ok) {
          if (r.text === s.text) ours++;
          else oursWrong++;
        }
        const z = zbarRead(s.file);
        if (z === s.text) zbar++;
        else if (z !== null) zbarWrong++;
      }
      ms.sort((a, b) => a - b);
      rows.push({
        class: cls,
        images: set.length,
        kiosk: ours,
        zbar,
        'kiosk wrong': oursWrong,
        'zbar wrong': zbarWrong,
        'median ms': fmt(percentile(ms, 50)),
        'p95 ms': fmt(percentile(ms, 95)),
      });
      targets.push({
        what: `${cls}: no wrong text, reads ≥ zbar`,
        met: oursWrong === 0 && ours >= zbar,
        detail: `${ours} vs ${zbar}, ${oursWrong} wrong`,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    title,
    rows,
    targets,
    notes: ['time: decodeQrPng on the PNG bytes (PNG decode included); a miss costs the most (every retry)'],
  };
}
