/** readBounded: a file named for the kiosk (a bundle, a root key, the device key), read only when it is a regular file within a size bound. */
import fs from 'node:fs';

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** unreadable: it cannot be opened or read at all (missing, no permission, an I/O error). */
      problem: 'unreadable' | 'not-a-file' | 'too-large' | 'changed';
      why: string;
    };

/**
 * One descriptor, opened without blocking and checked to be a regular file of at most
 * `maxBytes` before anything is read, and never more than that read: a FIFO, a device such
 * as /dev/zero or a file that grows meanwhile is refused, not waited on or slurped.
 */
export function readBounded(file: string, maxBytes: number): BoundedRead {
  const unreadable = (err: unknown): BoundedRead => ({
    ok: false,
    problem: 'unreadable',
    why: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
  });
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return unreadable(err);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, problem: 'not-a-file', why: `${file} is not a regular file` };
    if (st.size > maxBytes)
      return { ok: false, problem: 'too-large', why: `${file} is larger than ${maxBytes} bytes` };
    const buf = Buffer.alloc(st.size + 1); // one byte more than stat saw: growth shows
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = fs.readSync(fd, buf, n, buf.length - n, n);
    if (n > st.size) return { ok: false, problem: 'changed', why: `${file} changed while it was read` };
    return { ok: true, bytes: buf.subarray(0, n) };
  } catch (err) {
    return unreadable(err);
  } finally {
    fs.closeSync(fd);
  }
}
