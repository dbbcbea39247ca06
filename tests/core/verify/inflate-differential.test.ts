// The zlib stage decides exactly as node:zlib does. Seeded streams — every fixture card's,
// streams deflated at every level and strategy around the 4,096-byte bound, and mutations of
// them (bit flips, byte changes, cuts, bytes added or removed, new headers, random bodies) —
// go through inflateBounded and through node:zlib (the stage's decoder before pako), and the
// answers must match: the same bytes, or the same code.
//
// node:zlib is asked in 64-byte steps (its smallest), so it can only say "too large" once a
// step ends past 4,096 bytes; when it meets damage inside the step that crossed the bound it
// says "corrupt" where the stage, which stops at the bound, says "too large". For exactly
// those answers the test asks node:zlib how much it decodes before the damage (the longest
// prefix it reads without an error) and requires that to be more than 4,096 bytes.
//
// One more class where node:zlib's own answer depends on its steps: a stream whose header claims
// a smaller window than its back-references use (CINFO < 7, from a mutated header). Node's zlib
// keeps only the claimed window between steps, so in 64-byte steps it says "invalid distance too
// far back", while given the whole output at once it decodes the stream. The stage has room for
// the whole output at once and gives that answer (zlib checks the claim only when built strict;
// the signature covers the decoded payload, so no reading lets a forged card through). For
// exactly those streams the test requires node:zlib's one-buffer answer. README: spec readings.
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBase45 } from '../../../main/core/verify/base45.ts';
import { inflateBounded, MAX_INFLATED_BYTES } from '../../../main/core/verify/inflate.ts';
import { textStage } from '../../../main/core/verify/text-stage.ts';
import { fixtureCards } from '../../fixtures/load.ts';
import { prng, testSeed } from '../../helpers/prng.ts';

const SEED = testSeed();
const N = Number(process.env.BMET_FUZZ_N ?? 40_000);
console.log(`inflate differential: seed ${SEED} (rerun with BMET_TEST_SEED=${SEED}), ${N} streams`);
const rnd = prng(SEED);

type Answer = { ok: true; bytes: Buffer } | { ok: false; code: 'DECOMPRESS_FAILED' | 'PAYLOAD_TOO_LARGE' };

/** node:zlib's answer, mapped to the stage's codes as the stage did when it used node:zlib. */
function nodeZlib(input: Buffer): Answer {
  if (input.length === 0) return { ok: false, code: 'DECOMPRESS_FAILED' };
  try {
    const r = inflateSync(input, {
      chunkSize: 64,
      maxOutputLength: MAX_INFLATED_BYTES,
      info: true,
    }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    if (r.engine.bytesWritten !== input.length || r.buffer.length === 0)
      return { ok: false, code: 'DECOMPRESS_FAILED' };
    return { ok: true, bytes: r.buffer };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, code: code === 'ERR_BUFFER_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'DECOMPRESS_FAILED' };
  }
}

/** node:zlib's answer given room for the whole bounded output in one step (as the stage has). */
function nodeZlibOneStep(input: Buffer): Answer {
  try {
    const out = inflateSync(input, { chunkSize: 1 << 14, maxOutputLength: MAX_INFLATED_BYTES });
    return out.length === 0 ? { ok: false, code: 'DECOMPRESS_FAILED' } : { ok: true, bytes: out };
  } catch {
    return { ok: false, code: 'DECOMPRESS_FAILED' };
  }
}

/** The header claims a window smaller than zlib's largest (CINFO < 7), and the claim is broken in 64-byte steps. */
function windowClaimBroken(input: Buffer): boolean {
  if (input.length < 2 || input[0]! >> 4 >= 7) return false;
  try {
    inflateSync(input, { chunkSize: 64, maxOutputLength: MAX_INFLATED_BYTES });
    return false;
  } catch (err) {
    return /too far back/.test((err as Error).message);
  }
}

/** Bytes node:zlib decodes from the longest prefix of input it reads without an error (a cut is not one under Z_SYNC_FLUSH). */
function decodedBeforeDamage(input: Buffer): number {
  const decoded = (n: number) => {
    try {
      const out = inflateSync(input.subarray(0, n), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: 1 << 22,
      });
      return out.length;
    } catch {
      return -1;
    }
  };
  let lo = 0;
  let hi = input.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decoded(mid) >= 0) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, decoded(lo));
}

function seedStreams(): Buffer[] {
  const seeds: Buffer[] = [];
  for (const card of fixtureCards()) {
    const text = textStage(card.qr);
    if (!text.ok) continue;
    const bytes = decodeBase45(text.value);
    if (bytes.ok) seeds.push(bytes.value);
  }
  const words = Buffer.from('Kuwait Construction Worker Gulf Build Co. BMET-2026-00000001 '.repeat(90));
  const strategies = [
    constants.Z_DEFAULT_STRATEGY,
    constants.Z_FIXED,
    constants.Z_HUFFMAN_ONLY,
    constants.Z_RLE,
    constants.Z_FILTERED,
  ];
  for (const level of [0, 1, 6, 9])
    for (const strategy of strategies)
      for (const n of [1, 17, 300, 1000, 4000, 4096, 4097, 4200, 5000]) {
        seeds.push(deflateSync(words.subarray(0, n), { level, strategy }));
        seeds.push(deflateSync(rnd.bytes(n), { level, strategy }));
      }
  return seeds;
}

function mutate(seed: Buffer): Buffer {
  const b = Buffer.from(seed);
  switch (rnd.int(8)) {
    case 0:
      b[rnd.int(b.length)]! ^= 1 << rnd.int(8);
      return b;
    case 1:
      for (let i = 0, n = 1 + rnd.int(4); i < n; i++) b[rnd.int(b.length)] = rnd.int(256);
      return b;
    case 2:
      return b.subarray(0, rnd.int(b.length));
    case 3:
      return Buffer.concat([b, rnd.bytes(1 + rnd.int(3))]);
    case 4: {
      const at = rnd.int(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    }
    case 5: {
      const at = 2 + rnd.int(Math.max(1, b.length - 2));
      return Buffer.concat([b.subarray(0, at), rnd.bytes(1 + rnd.int(3)), b.subarray(at)]);
    }
    case 6:
      b[0] = rnd.int(256);
      b[1] = rnd.int(256);
      return b;
    default:
      return Buffer.concat([b.subarray(0, 2), rnd.bytes(rnd.int(60))]);
  }
}

describe('the zlib stage against node:zlib', () => {
  it(`gives node:zlib's answer on every seeded stream and ${N.toLocaleString('en')} mutations`, () => {
    const seeds = seedStreams();
    const tally = { ok: 0, DECOMPRESS_FAILED: 0, PAYLOAD_TOO_LARGE: 0, 'too large before damage': 0 };
    const differing: string[] = [];
    let windowClaims = 0; // rare: not every run meets one
    for (let i = 0; i < seeds.length + N; i++) {
      const input = i < seeds.length ? seeds[i]! : mutate(rnd.pick(seeds));
      const expected = nodeZlib(input);
      const got = inflateBounded(input);
      if (expected.ok ? got.ok && got.value.equals(expected.bytes) : !got.ok && got.code === expected.code) {
        tally[expected.ok ? 'ok' : expected.code]++;
        continue;
      }
      if (
        !expected.ok &&
        expected.code === 'DECOMPRESS_FAILED' &&
        !got.ok &&
        got.code === 'PAYLOAD_TOO_LARGE' &&
        decodedBeforeDamage(input) > MAX_INFLATED_BYTES
      ) {
        tally['too large before damage']++;
        continue;
      }
      const oneStep = nodeZlibOneStep(input);
      if (
        windowClaimBroken(input) &&
        (oneStep.ok ? got.ok && got.value.equals(oneStep.bytes) : !got.ok && got.code === oneStep.code)
      ) {
        windowClaims++;
        continue;
      }
      if (differing.length < 5)
        differing.push(
          `${input.toString('hex').slice(0, 64)}… (${input.length} B): node:zlib ${JSON.stringify(expected).slice(0, 60)}, stage ${JSON.stringify(got).slice(0, 60)}`,
        );
    }
    console.log('inflate differential:', tally, 'broken window claims:', windowClaims);
    expect(differing).toEqual([]);
    // The corpus reaches every kind of answer, including the one the bound decides.
    for (const count of Object.values(tally)) expect(count).toBeGreaterThan(0);
  });

  it('a stream reaching back past the window its header claims: decoded, as node:zlib decodes it in one step', () => {
    // Found by this test (seed 813433835): a mutation of a deflated words seed whose header became
    // 18 19 (CINFO 1: a 512-byte window), with back-references farther than that.
    const stream = Buffer.from(
      '1819f32e2d4fcc2c5170cecf2b2e292a4d2ec9cccf5308cf2fca4e2d52702fcd4953702acdcc495170ced75370f2750d' +
        'd135323032d33580004305ef51cda301369a4846338681c16861305a7a8ed618a3b524b869305a188c1606a385c16861' +
        '305a188cf6ab46fb9283baff0c009447fdd3',
      'hex',
    );
    expect(windowClaimBroken(stream)).toBe(true);
    const oneStep = nodeZlibOneStep(stream);
    expect(oneStep).toMatchObject({ ok: true });
    const got = inflateBounded(stream);
    expect(got.ok && oneStep.ok && got.value.equals(oneStep.bytes)).toBe(true);
  });
});
