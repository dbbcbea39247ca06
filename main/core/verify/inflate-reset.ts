/**
 * zlib's inflateReset (inflate.c: inflateReset, inflateResetKeep) on pako's stream state, field for
 * field as pako 3.0.3's own, except that the two code tables are reused, as zlib's C reset does
 * (`lencode = distcode = next = codes`). pako allocates both tables anew on every reset: 4–6 µs
 * and 5.8 KB of memory a card, more than the inflating itself, and over 20,000 cards about 5 % of
 * a whole `verify` run (README, Benchmarks, start-up). Reusing them is safe for the reason it is in
 * zlib: a table is always built (inflate_table, from the block's own code lengths) before it is
 * read, and fixed blocks read static tables, so nothing of an earlier card is read back.
 *
 * This writes pako's internal state, so package.json pins pako's exact version, and
 * tests/core/verify/inflate-reset.test.ts holds this reset to pako's own, field by field, after
 * streams of every outcome; an upgrade that changes the state fails there.
 */
import type { ZStream } from 'pako';

/** The fields of pako's InflateState (pako 3.0.3) that a reset writes. */
interface InflateState {
  mode: number;
  last: boolean | number;
  havedict: boolean | number;
  flags: number;
  dmax: number;
  total: number;
  head: unknown;
  wrap: number;
  wsize: number;
  whave: number;
  wnext: number;
  hold: number;
  bits: number;
  lencode: Int32Array | null;
  distcode: Int32Array | null;
  lendyn: Int32Array;
  distdyn: Int32Array;
  sane: number;
  back: number;
}

/** A stream's own code tables, taken once after inflateInit2 and handed back at every reset. */
export interface CodeTables {
  lengths: Int32Array;
  distances: Int32Array;
}

// pako's mode for "a stream begins with its zlib header" (inflate.c's HEAD).
const HEAD = 16180;
// zlib's dmax when it is not built with INFLATE_STRICT (a distance never exceeds 32 KiB anyway).
const DMAX = 32768;

const stateOf = (stream: ZStream) => stream.state as InflateState;

export function codeTables(stream: ZStream): CodeTables {
  const state = stateOf(stream);
  return { lengths: state.lendyn, distances: state.distdyn };
}

/** inflateReset(stream), reusing `tables`. */
export function resetInflate(stream: ZStream, tables: CodeTables): void {
  const state = stateOf(stream);
  // inflateReset: the window is kept, but empty.
  state.wsize = 0;
  state.whave = 0;
  state.wnext = 0;
  // inflateResetKeep.
  stream.total_in = stream.total_out = state.total = 0;
  stream.msg = '';
  if (state.wrap) stream.adler = state.wrap & 1;
  state.mode = HEAD;
  state.last = 0;
  state.havedict = 0;
  state.flags = -1;
  state.dmax = DMAX;
  state.head = null;
  state.hold = 0;
  state.bits = 0;
  state.lencode = state.lendyn = tables.lengths;
  state.distcode = state.distdyn = tables.distances;
  state.sane = 1;
  state.back = -1;
}
