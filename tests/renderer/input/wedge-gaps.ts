/**
 * Gap patterns between a wedge scanner's keystrokes, as the page sees them: steady
 * scanners at 4, 20, 45 and 80 ms a key, and a 45 ms scanner on a busy machine, whose key
 * events arrive late in clumps (a long gap, then a few nearly at once) — modelled on what
 * a loaded 2-core kiosk does to input delivery. Deterministic: the same gaps every run.
 */
import { prng } from '../../helpers/prng.ts';

export type GapPattern = 'steady-4' | 'steady-20' | 'steady-45' | 'steady-80' | 'busy-45' | 'stall-in-prefix';
export const GAP_PATTERNS: GapPattern[] = [
  'steady-4',
  'steady-20',
  'steady-45',
  'steady-80',
  'busy-45',
  'stall-in-prefix',
];

/** `n` gaps in ms: gap i is the time between key i-1 and key i (gap 0 is unused). */
export function gaps(pattern: GapPattern, n: number, seed = 45): number[] {
  const steady = /^steady-(\d+)$/.exec(pattern);
  if (steady) return new Array<number>(n).fill(Number(steady[1]));
  if (pattern === 'stall-in-prefix') return Array.from({ length: n }, (_, i) => (i === 3 ? 400 : 45));
  const r = prng(seed);
  const out: number[] = [];
  while (out.length < n) {
    if (out.length > 0 && r.next() < 0.06) {
      out.push(120 + r.int(780)); // the machine was busy: events held back...
      for (let k = 2 + r.int(5); k > 0; k--) out.push(r.int(3)); // ...then delivered together
    } else out.push(39 + r.int(13));
  }
  return out.slice(0, n);
}
