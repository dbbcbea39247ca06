import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateBounded, MAX_INFLATED_BYTES } from '../../../main/core/verify/inflate.ts';

const z = (n: number) => deflateSync(Buffer.alloc(n, 0x61));

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
});
