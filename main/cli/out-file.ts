/**
 * Where a command writes what it makes: stdout, or `--out FILE`, opened at the first write (so a
 * failure before it leaves no empty file). A file that cannot be written is exit 1 with
 * OUT_FILE_UNWRITABLE and why in words, never the file system's stack trace; a file cut short by a
 * failed write is removed, so no part of a report passes for the whole. checkWritable asks first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FailedError } from './exit-codes.ts';

export interface Output {
  put(b: string | Uint8Array): void;
  /** Closes the file (nothing to do for stdout). */
  done(): void;
}

const WHY: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'no permission to write there',
  EPERM: 'no permission to write there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be too large',
  ELOOP: 'its path has too many symbolic links',
  ENAMETOOLONG: 'its name is too long',
  EIO: 'the disk failed',
};

function unwritable(file: string, err: unknown, removed: boolean): FailedError {
  const e = err as NodeJS.ErrnoException;
  // ENOENT under a folder that is there: a place where no file can be made (/proc).
  const why =
    e.code === 'ENOENT' && fs.existsSync(path.dirname(file))
      ? 'no file can be made in that folder'
      : ((e.code && WHY[e.code]) ?? 'the system refused');
  return new FailedError(
    `cannot write ${file}: ${why} (${e.message})${removed ? '; the incomplete file was removed' : ''}`,
    'OUT_FILE_UNWRITABLE',
  );
}

/**
 * Fails now, with the words a write would get, when `file` cannot be written: its folder missing or
 * not a folder, a folder in its place, no permission, a read-only disk, a folder where no file can
 * be made (/proc). A report can take long to make (a PDF is printed by Chromium), so a command asks
 * this before making it. An existing file is opened without being cut (its content stays until the
 * report is written); a new one is made and removed at once. A full disk shows only at the write.
 */
export function checkWritable(file: string): void {
  let fd: number;
  let made = false;
  try {
    try {
      fd = fs.openSync(file, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      fd = fs.openSync(file, 'wx', 0o600);
      made = true;
    }
  } catch (err) {
    throw unwritable(file, err, false);
  }
  fs.closeSync(fd);
  if (made) fs.rmSync(file, { force: true });
}

export function outputTo(file: string | undefined): Output {
  if (file === undefined) return { put: (b) => void process.stdout.write(b), done: () => undefined };
  let fd: number | null = null;
  /** Closes the file after a failed write; removes it when it is a regular file (never a device such as /dev/full). */
  const abandon = (err: unknown): FailedError => {
    let removed = false;
    try {
      const regular = fs.fstatSync(fd!).isFile();
      fs.closeSync(fd!);
      if (regular) {
        fs.rmSync(file);
        removed = true;
      }
    } catch {
      // The write's failure is the one to tell.
    }
    fd = null;
    return unwritable(file, err, removed);
  };
  return {
    put(b) {
      try {
        fd ??= fs.openSync(file, 'w', 0o600);
      } catch (err) {
        throw unwritable(file, err, false);
      }
      try {
        if (typeof b === 'string') fs.writeSync(fd, b);
        else fs.writeSync(fd, b);
      } catch (err) {
        throw abandon(err);
      }
    },
    done() {
      if (fd === null) return;
      const open = fd;
      fd = null;
      try {
        fs.closeSync(open);
      } catch (err) {
        throw unwritable(file, err, false);
      }
    },
  };
}
