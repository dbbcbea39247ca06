/** RFC 1950 zlib stage with a hard output bound: inflation stops at 4,096 bytes. */
import { inflateSync } from 'node:zlib';
import { fail, ok, type Stage } from './stage.ts';

export const MAX_INFLATED_BYTES = 4096;

export function inflateBounded(compressed: Buffer): Stage<Buffer> {
  if (compressed.length === 0) return fail('DECOMPRESS_FAILED');
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    // maxOutputLength makes zlib stop (and throw) as soon as the bound is crossed.
    result = inflateSync(compressed, {
      maxOutputLength: MAX_INFLATED_BYTES,
      info: true,
    }) as unknown as typeof result;
  } catch (err) {
    return fail(
      (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
        ? 'PAYLOAD_TOO_LARGE'
        : 'DECOMPRESS_FAILED',
    );
  }
  // Bytes after the end of the zlib stream are corruption, not padding.
  if (result.engine.bytesWritten !== compressed.length) return fail('DECOMPRESS_FAILED');
  if (result.buffer.length === 0) return fail('DECOMPRESS_FAILED');
  return ok(result.buffer);
}
