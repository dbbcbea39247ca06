/**
 * `HANGUP_AWARE_BINDING`: serialport's own binding for this OS, except that on Linux and macOS a
 * read that returns 0 bytes is a disconnect. serialport 13 (bindings-cpp unixRead) reads again
 * at once when read() returns 0, but 0 is what a hung-up tty gives: an unplugged USB scanner or a
 * pty whose other side went away. It then spins for ever and never reports the loss, so the
 * scanner is never reopened (serialport/bindings-cpp#162). Here the 0 becomes ENXIO, which
 * bindings-cpp itself treats as a disconnect: the port closes and SerialScanner reconnects.
 * With O_NONBLOCK (as bindings-cpp opens) "no data yet" is EAGAIN, never 0.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import type { AutoDetectTypes, LinuxBindingInterface } from '@serialport/bindings-cpp';
import { unixRead } from '@serialport/bindings-cpp/dist/unix-read.js';
import { SerialPort } from 'serialport';

const readAsync = promisify(fs.read);

/** fs.read for unixRead: a 0-byte read is the device hanging up, reported as ENXIO (a disconnect to bindings-cpp). */
export async function readOrHangUp(
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number | null,
): Promise<{ bytesRead: number; buffer: Buffer }> {
  const r = await readAsync(fd, buffer, offset, length, position);
  if (r.bytesRead === 0)
    throw Object.assign(new Error('the serial device hung up (read returned 0 bytes)'), { code: 'ENXIO' });
  return r;
}

/** The same binding, its ports reading through readOrHangUp (Linux and macOS share bindings-cpp's unixRead). */
function hangUpAware(base: LinuxBindingInterface): LinuxBindingInterface {
  return {
    list: () => base.list(),
    async open(options) {
      const port = await base.open(options);
      port.read = async (buffer: Buffer, offset: number, length: number) => {
        if (!port.isOpen) throw new Error('Port is not open');
        return unixRead({
          binding: port,
          buffer,
          offset,
          length,
          fsReadAsync: readOrHangUp as typeof readAsync,
        });
      };
      return port;
    },
  };
}

export const HANGUP_AWARE_BINDING: AutoDetectTypes =
  process.platform === 'linux' || process.platform === 'darwin'
    ? hangUpAware(SerialPort.binding as LinuxBindingInterface)
    : SerialPort.binding;
