/** stdin as verify reads it, and InputReadError: the input itself failed, told apart from a fault in what reads it. */
import fs from 'node:fs';

/** Reading the input failed (not a line in it being wrong): what was read before stays answered. */
export class InputReadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * process.stdin, except where Node would give an empty stream: for a stdin it has no reader for (a
 * folder, a block device) Node makes a stream that ends at once, so `verify < /tmp` printed nothing
 * and exited 0. There the fd is read as a file, which gives the system's own answer (EISDIR).
 */
export function stdinStream(): NodeJS.ReadableStream {
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(0);
  } catch {
    return process.stdin; // no fd 0 to look at: Node's own stdin says what there is
  }
  if (stat.isFile() || stat.isCharacterDevice() || stat.isFIFO() || stat.isSocket()) return process.stdin;
  return fs.createReadStream('/dev/stdin', { fd: 0, autoClose: false });
}

/** The chunks of `input`; a failure to read them is an InputReadError (one of the consumer's own is not). */
export async function* chunksOf(input: NodeJS.ReadableStream): AsyncGenerator<Buffer | string> {
  try {
    for await (const chunk of input) yield chunk as Buffer | string;
  } catch (err) {
    throw new InputReadError(err);
  }
}
