/**
 * RFC 1950 zlib stage with a hard output bound (qr-format.md): a corrupt, truncated or empty
 * stream is DECOMPRESS_FAILED; once the output passes 4,096 bytes inflation stops there and
 * the card is PAYLOAD_TOO_LARGE, whatever follows.
 *
 * The decoder is pako's port of zlib's own inflate (same header, Huffman-table, distance and
 * Adler-32 checks), driven through its low-level API so that (1) zlib is handed room for
 * exactly 4,097 bytes, which makes "more than 4,096" a fact it cannot run past, and (2) one
 * stream state is reset per card (inflate-reset.ts, without allocating) instead of node:zlib
 * building a Transform stream and a native handle for every call (20–30 µs a card in a fresh
 * process, most of the verify path's cost after the signature).
 * tests/core/verify/inflate-differential.test.ts holds it to node:zlib's answers on seeded
 * mutations of real cards and synthesized streams, one after another through the one state.
 */
import { ZStream, Z_FINISH, Z_STREAM_END, zlibInflate, zlibInflateInit2 } from 'pako';
import { codeTables, resetInflate } from './inflate-reset.ts';
import { fail, ok, type Stage } from './stage.ts';

export const MAX_INFLATED_BYTES = 4096;

// zlib's default window (15 bits) with the zlib wrapper: the header and Adler-32 are checked.
const ZLIB_WINDOW_BITS = 15;
const stream = new ZStream();
zlibInflateInit2(stream, ZLIB_WINDOW_BITS);
const tables = codeTables(stream);
// One byte more than the bound: a stream that fills it is too large, without inflating further.
const room = new Uint8Array(MAX_INFLATED_BYTES + 1);
const EMPTY = new Uint8Array(0);

export function inflateBounded(compressed: Uint8Array): Stage<Buffer> {
  if (compressed.length === 0) return fail('DECOMPRESS_FAILED');
  // The reset empties the window (its fill counters) and the check, and each block builds its code
  // tables before reading them: nothing of the previous card can be read back (a back-reference
  // past this card's own output is an error).
  resetInflate(stream, tables);
  stream.input = compressed;
  stream.next_in = 0;
  stream.avail_in = compressed.length;
  stream.output = room;
  stream.next_out = 0;
  stream.avail_out = room.length;
  const status = zlibInflate(stream, Z_FINISH);
  const produced = stream.next_out;
  const code =
    produced > MAX_INFLATED_BYTES
      ? 'PAYLOAD_TOO_LARGE'
      : // Not ended, bytes after the end of the stream (corruption, not padding), or nothing in it.
        status !== Z_STREAM_END || stream.avail_in !== 0 || produced === 0
        ? 'DECOMPRESS_FAILED'
        : null;
  // A copy (the room is reused by the next card; the COSE stage keeps slices of this one), then the
  // shared state lets go of this card: its input dropped, its bytes wiped from the room. (pako keeps
  // its 32 KiB window, which holds output only of a card that ran past the bound or was cut short,
  // until a later such card; the log keeps the same fields anyway.)
  const out = code ? null : Buffer.from(room.subarray(0, produced));
  stream.input = EMPTY;
  room.fill(0, 0, produced);
  return out ? ok(out) : fail(code!);
}
