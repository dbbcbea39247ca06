import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateBounded, MAX_INFLATED_BYTES } from '../../../main/core/verify/inflate.ts';

const z = (n: number) => deflateSync(Buffer.alloc(n, 0x61));
/** A stream of n bytes whose Adler-32 (its last 4 bytes) is wrong: corrupt only at its very end. */
const badCheck = (n: number) => {
  const b = deflateSync(Buffer.alloc(n, 0x61));
  b[b.length - 1]! ^= 1;
  return b;
};
/** A stored (uncompressed) final block of n bytes with no Adler-32 after it: truncated after its data. */
const storedWithoutCheck = (n: number) =>
  Buffer.concat([
    Buffer.from([0x78, 0x01, 0x01, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff]),
    Buffer.alloc(n, 0x62),
  ]);

describe('bounded zlib inflate', () => {
  it('inflates a normal stream', () => {
    const r = inflateBounded(deflateSync(Buffer.from('hello')));
    expect(r.ok && r.value.toString()).toBe('hello');
  });
  it('accepts exactly the bound', () => {
    const r = inflateBounded(z(MAX_INFLATED_BYTES));
    expect(r.ok && r.value.length).toBe(MAX_INFLATED_BYTES);
  });
  it.each([
    ['one byte over the bound', z(MAX_INFLATED_BYTES + 1), 'PAYLOAD_TOO_LARGE'],
    ['a zlib bomb (10 MB of zeros)', deflateSync(Buffer.alloc(10_000_000)), 'PAYLOAD_TOO_LARGE'],
    ['an empty input', Buffer.alloc(0), 'DECOMPRESS_FAILED'],
    ['a stream of nothing', deflateSync(Buffer.alloc(0)), 'DECOMPRESS_FAILED'],
    ['a truncated stream', deflateSync(Buffer.from('hello world')).subarray(0, 8), 'DECOMPRESS_FAILED'],
    [
      'a bad Adler-32',
      (() => {
        const b = deflateSync(Buffer.from('hello'));
        b[b.length - 1]! ^= 1;
        return b;
      })(),
      'DECOMPRESS_FAILED',
    ],
    ['raw deflate without the zlib header', deflateRawSync(Buffer.from('hello')), 'DECOMPRESS_FAILED'],
    [
      'bytes after the end of the stream',
      Buffer.concat([deflateSync(Buffer.from('hello')), Buffer.from([0])]),
      'DECOMPRESS_FAILED',
    ],
    ['random bytes', Buffer.from('not zlib at all'), 'DECOMPRESS_FAILED'],
  ])('rejects %s', (_why, input, code) => {
    expect(inflateBounded(input)).toEqual({ ok: false, code });
  });

  // qr-format.md: "Inflated size above 4,096 bytes: stop inflating and reject as PAYLOAD_TOO_LARGE".
  // What comes after the bound is never read, so damage there cannot turn the answer into
  // DECOMPRESS_FAILED; damage inside the bound still does.
  it.each([
    ['4,097 bytes, then a wrong Adler-32', 'PAYLOAD_TOO_LARGE', badCheck(MAX_INFLATED_BYTES + 1)],
    ['5,000 bytes, then a wrong Adler-32', 'PAYLOAD_TOO_LARGE', badCheck(5000)],
    [
      'a 4,097-byte stored block, then the stream ends',
      'PAYLOAD_TOO_LARGE',
      storedWithoutCheck(MAX_INFLATED_BYTES + 1),
    ],
    ['4,096 bytes, then a wrong Adler-32', 'DECOMPRESS_FAILED', badCheck(MAX_INFLATED_BYTES)],
    [
      'a 4,096-byte stored block, then the stream ends',
      'DECOMPRESS_FAILED',
      storedWithoutCheck(MAX_INFLATED_BYTES),
    ],
  ])('at the bound: %s is %s', (_why, code, input) => {
    expect(inflateBounded(input)).toEqual({ ok: false, code });
  });

  it('keeps nothing of one card for the next: a stream that refers back before its own start fails', () => {
    // A card that runs past the bound is the one that leaves bytes in the decoder's window (a
    // finished card never fills it). The second stream's first symbol copies from 1 byte back:
    // valid only with a window from before.
    const first = deflateSync(Buffer.alloc(5000, 0x61));
    expect(inflateBounded(first)).toEqual({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    // Fixed-Huffman block: length 3 (code 257), distance 1 (code 0), end of block; header 78 01;
    // the Adler-32 of "aaa", so a window the reset left behind would make it a sound card.
    const backRef = Buffer.from([0x78, 0x01, 0x03, 0x02, 0x00, 0x02, 0x49, 0x01, 0x24]);
    expect(inflateBounded(backRef)).toEqual({ ok: false, code: 'DECOMPRESS_FAILED' });
    // And a sound card after both still inflates to exactly its own bytes.
    const r = inflateBounded(deflateSync(Buffer.from('hello')));
    expect(r.ok && r.value.toString()).toBe('hello');
  });
});
