// The zlib stage's own reset (main/core/verify/inflate-reset.ts) writes pako's internal state to
// reuse its code tables. Two streams take the same input, as the stage drives them; then one gets
// that reset and the other pako's own, and every field of the two states must match, except that
// the first keeps its tables where pako's makes new ones. Then a second stream goes through both:
// the same answer, the same bytes. The inputs end in every way a card's stream can (ended, too
// large, corrupt at each kind of block, truncated, a dictionary asked for, a bad header), so a
// field any of them leaves behind and this reset forgets is caught, and so is a pako upgrade that
// adds or renames one.
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { ZStream, Z_FINISH, zlibInflate, zlibInflateInit2, zlibInflateReset } from 'pako';
import { describe, expect, it } from 'vitest';
import { decodeBase45 } from '../../../main/core/verify/base45.ts';
import { codeTables, resetInflate } from '../../../main/core/verify/inflate-reset.ts';
import { MAX_INFLATED_BYTES } from '../../../main/core/verify/inflate.ts';
import { textStage } from '../../../main/core/verify/text-stage.ts';
import { fixtureCards } from '../../fixtures/load.ts';
import { prng, testSeed } from '../../helpers/prng.ts';

const TABLES = ['lencode', 'distcode', 'lendyn', 'distdyn'];
const tableless = Object.fromEntries(TABLES.map((t) => [t, null]));
// What pako 3.0.3's InflateState holds: a field added or renamed by an upgrade must be looked at here.
const STATE_FIELDS = [
  'strm', 'mode', 'last', 'wrap', 'havedict', 'flags', 'dmax', 'check', 'total', 'head', 'wbits',
  'wsize', 'whave', 'wnext', 'window', 'hold', 'bits', 'length', 'offset', 'extra', 'lencode',
  'distcode', 'lenbits', 'distbits', 'ncode', 'nlen', 'ndist', 'have', 'next', 'lens', 'work',
  'lendyn', 'distdyn', 'sane', 'back', 'was',
]; // prettier-ignore

/** A stream set up as the stage's (zlib wrapper, 15-bit window). */
function newStream(): ZStream {
  const s = new ZStream();
  zlibInflateInit2(s, 15);
  return s;
}

/** Inflates `input` into room for one byte past the bound, as the stage does; returns the status and bytes. */
function inflate(s: ZStream, input: Uint8Array) {
  const room = new Uint8Array(MAX_INFLATED_BYTES + 1);
  Object.assign(s, {
    input,
    next_in: 0,
    avail_in: input.length,
    output: room,
    next_out: 0,
    avail_out: room.length,
  });
  const status = zlibInflate(s, Z_FINISH);
  return { status, left: s.avail_in, bytes: Buffer.from(room.subarray(0, s.next_out)) };
}

const flip = (b: Buffer, at: number, bit = 1) => {
  const c = Buffer.from(b);
  c[at]! ^= bit;
  return c;
};
const text = Buffer.from('MD RAHIM UDDIN, Construction Worker, Gulf Build Co. '.repeat(20));
const dynamic = deflateSync(text);
const fixed = deflateSync(text, { strategy: constants.Z_FIXED });
const stored = deflateSync(text, { level: 0 });
const cardStreams = fixtureCards()
  .map((c) => textStage(c.qr))
  .flatMap((t) => (t.ok ? [decodeBase45(t.value)] : []))
  .flatMap((b) => (b.ok && b.value.length > 2 ? [b.value] : []));

// pako builds its static fixed-Huffman tables once a process, in the `lens` scratch of whichever
// stream first reads a fixed block; done here first, so that no case's stream is that one.
inflate(newStream(), fixed);

const CASES: [string, Buffer][] = [
  ['a card that ends', cardStreams[0]!],
  ['a dynamic-Huffman stream', dynamic],
  ['a fixed-Huffman stream', fixed],
  ['a stored stream', stored],
  ['a stream past the bound', deflateSync(Buffer.alloc(MAX_INFLATED_BYTES + 500, 0x61))],
  ['a bomb', deflateSync(Buffer.alloc(1_000_000))],
  ['a dynamic stream cut inside its code lengths', dynamic.subarray(0, 6)],
  ['a dynamic stream cut inside its data', dynamic.subarray(0, dynamic.length >> 1)],
  ['a fixed stream cut inside its data', fixed.subarray(0, fixed.length >> 1)],
  ['a stored stream cut inside its data', stored.subarray(0, 40)],
  ['a corrupt code-length set', flip(dynamic, 4, 0x40)],
  ['a corrupt dynamic body', flip(dynamic, 40, 0x10)],
  ['a corrupt fixed body', flip(fixed, 30, 0x08)],
  ['a stored length that does not match its complement', flip(stored, 4)],
  ['a wrong Adler-32', flip(dynamic, dynamic.length - 1)],
  ['bytes after the end', Buffer.concat([dynamic, Buffer.from([0, 1, 2])])],
  ['raw deflate (no zlib header)', deflateRawSync(text)],
  ['a header asking for a dictionary', Buffer.from([0x78, 0xbb, 0, 0, 0, 1, 0x03, 0x00])],
  ['a header with a bad check', Buffer.from([0x78, 0x9d, 0x03, 0x00])],
  ['one byte', Buffer.from([0x78])],
];

describe('the zlib stage resets pako’s state as pako does, keeping its tables', () => {
  it('pako’s inflate state has the fields this reset was written for', () => {
    expect(Object.keys(newStream().state).sort()).toEqual([...STATE_FIELDS].sort());
  });

  // Fields no card can change (a dictionary, a gzip header, zlib's "undermine") are scribbled on
  // in both states first, so that a field pako's reset writes and this one does not shows.
  it('writes every field pako’s reset writes', () => {
    const mine = newStream();
    const pakos = newStream();
    const tables = codeTables(mine);
    for (const s of [mine, pakos]) {
      for (const f of STATE_FIELDS) {
        // Not the fields that say what the stream is (pako refuses to reset a state whose mode is not one of its own).
        if (!['strm', 'mode', 'wrap', 'wbits'].includes(f) && !ArrayBuffer.isView(s.state[f])) s.state[f] = 7;
      }
      Object.assign(s, { total_in: 7, total_out: 7, msg: 'scribbled', adler: 7 });
    }
    resetInflate(mine, tables);
    zlibInflateReset(pakos);
    expect({ ...mine.state, ...tableless, strm: null }).toEqual({ ...pakos.state, ...tableless, strm: null });
    for (const f of ['total_in', 'total_out', 'msg', 'adler'] as const) expect(mine[f], f).toEqual(pakos[f]);
  });

  it.each(CASES)('after %s', (_name, first) => {
    const mine = newStream();
    const pakos = newStream();
    const tables = codeTables(mine);
    expect(inflate(mine, first)).toEqual(inflate(pakos, first));

    resetInflate(mine, tables);
    expect(zlibInflateReset(pakos)).toBe(0);
    for (const f of ['total_in', 'total_out', 'msg', 'adler'] as const) expect(mine[f], f).toEqual(pakos[f]);
    for (const f of STATE_FIELDS) {
      const [a, b] = [mine.state[f], pakos.state[f]];
      if (f === 'strm') expect(a).toBe(mine);
      else if (TABLES.includes(f)) {
        expect(a, f).toBe(f.startsWith('len') ? tables.lengths : tables.distances);
        expect(a.length, f).toBe(b.length);
      } else expect(a, f).toEqual(b);
    }

    // The next stream reads nothing of the first: the same answer as pako's freshly reset state.
    for (const next of [cardStreams[1]!, fixed, stored, flip(dynamic, 40, 0x10)]) {
      expect(inflate(mine, next)).toEqual(inflate(pakos, next));
      resetInflate(mine, tables);
      zlibInflateReset(pakos);
    }
  });
});

// Why reusing the tables is safe, checked rather than argued: tables that record which entries the
// current stream wrote (since its reset) flag any read of another entry — one left by an earlier
// stream. Streams of every block kind, and seeded mutations of them and of real cards' streams, go
// one after another through one state, as cards do through the stage.
describe('the reused code tables are read only where the current stream wrote them', () => {
  const SEED = testSeed();
  const N = Number(process.env.BMET_FUZZ_N ?? 3_000);
  const rnd = prng(SEED);

  it(`seed ${SEED} (rerun with BMET_TEST_SEED=${SEED}), ${N} streams`, () => {
    let written = [new Set<number>(), new Set<number>()];
    const stale: string[] = [];
    let reads = 0;
    let current = '';
    const recording = (table: Int32Array, which: 0 | 1) =>
      new Proxy(table, {
        get(t, p) {
          if (typeof p === 'string' && /^\d+$/.test(p)) {
            reads++;
            if (!written[which]!.has(+p))
              stale.push(`${which ? 'distance' : 'length'} table [${p}] in ${current}`);
            return t[+p];
          }
          const v: unknown = Reflect.get(t, p, t);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
        },
        set(t, p, v: number) {
          if (typeof p === 'string' && /^\d+$/.test(p)) {
            written[which]!.add(+p);
            t[+p] = v;
            return true;
          }
          return Reflect.set(t, p, v, t);
        },
      });
    const s = newStream();
    const own = codeTables(s);
    const tables = { lengths: recording(own.lengths, 0), distances: recording(own.distances, 1) };
    const seeds = [...cardStreams, ...CASES.map(([, b]) => b)];
    const mutate = (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      switch (rnd.int(4)) {
        case 0:
          c[2 + rnd.int(Math.max(1, c.length - 2))]! ^= 1 << rnd.int(8);
          return c;
        case 1:
          for (let i = 0, n = 1 + rnd.int(4); i < n; i++)
            c[2 + rnd.int(Math.max(1, c.length - 2))] = rnd.int(256);
          return c;
        case 2:
          return c.subarray(0, rnd.int(c.length + 1));
        default:
          return c; // the stream as it is
      }
    };
    for (let k = 0; k < N; k++) {
      const input = mutate(rnd.pick(seeds));
      current = `stream #${k} ${input.toString('hex').slice(0, 64)}`;
      written = [new Set(), new Set()];
      resetInflate(s, tables);
      inflate(s, input);
    }
    expect(stale.slice(0, 5)).toEqual([]);
    expect(reads).toBeGreaterThan(N); // the tables were read through the recorder, many times
  });
});
