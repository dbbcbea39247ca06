// verify's stdin reader gives the same lines whatever chunks the input arrives in: a line longer
// than the reader's bound is cut there and marked overlong, whether it came in one chunk or many
// (it used to be cut only when it straddled chunks, so the log's hash of "what was read" of the
// same input depended on how the pipe delivered it).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachLineBatch, type InputLine } from '../../main/cli/commands/verify.ts';
import { MAX_SCAN_TEXT } from '../../main/contract/scan-limits.ts';

const long = 'A'.repeat(MAX_SCAN_TEXT) + 'tail';
const input = `one\n${long}\ntwo\n\n${long}`;
const expected: InputLine[] = [
  { text: 'one', overlong: false },
  { text: long.slice(0, MAX_SCAN_TEXT), overlong: true },
  { text: 'two', overlong: false },
  { text: '', overlong: false },
  { text: long.slice(0, MAX_SCAN_TEXT), overlong: true },
];

function chunked(size: number): Buffer[] {
  const bytes = Buffer.from(input);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describe('forEachLineBatch', () => {
  it.each([
    ['one chunk', [Buffer.from(input)]],
    ['chunks of 1,000 bytes', chunked(1000)],
    ['chunks of 7 bytes', chunked(7)],
    ['a chunk ending right at the bound', chunked(4 + MAX_SCAN_TEXT)],
  ])('gives the same lines from %s', async (_name, chunks) => {
    const seen: InputLine[] = [];
    await forEachLineBatch(Readable.from(chunks), (lines) => {
      seen.push(...lines);
    });
    expect(seen).toEqual(expected);
  });
});
