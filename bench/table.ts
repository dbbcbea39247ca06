/** Helpers shared by the benchmarks: timing samples, percentiles, and the printed tables. */

export type BenchRow = Record<string, string | number>;
export interface BenchTarget {
  what: string;
  met: boolean;
  detail: string;
}
export interface BenchSection {
  title: string;
  rows: BenchRow[];
  targets: BenchTarget[];
  notes?: string[];
}

export function percentile(sortedNs: Float64Array | number[], p: number): number {
  const i = Math.min(sortedNs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedNs.length) - 1));
  return sortedNs[i]!;
}

/** Times `fn` once per sample with hrtime; returns sorted durations in µs. */
export function sampleMicros(samples: number, fn: (i: number) => void): Float64Array {
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out.sort();
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

export function printSection(s: BenchSection): void {
  console.log(`\n## ${s.title}\n`);
  const cols = [...new Set(s.rows.flatMap((r) => Object.keys(r)))];
  console.log(`| ${cols.join(' | ')} |`);
  console.log(`|${cols.map(() => '---').join('|')}|`);
  for (const r of s.rows) console.log(`| ${cols.map((c) => String(r[c] ?? '')).join(' | ')} |`);
  if (s.targets.length) {
    console.log('');
    for (const t of s.targets) console.log(`- ${t.met ? 'met' : 'MISSED'}: ${t.what} (${t.detail})`);
  }
  for (const n of s.notes ?? []) console.log(`- ${n}`);
}
