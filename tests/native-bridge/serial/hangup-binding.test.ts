// A hung-up serial device reads 0 bytes; serialport 13 would read again for ever (never
// reporting the unplug). The kiosk's binding turns that 0 into a disconnect.
import fs from 'node:fs';
import path from 'node:path';
import { unixRead } from '@serialport/bindings-cpp/dist/unix-read.js';
import { describe, expect, it } from 'vitest';
import { readOrHangUp } from '../../../native-bridge/serial/hangup-binding.ts';
import { tempDir } from '../../helpers/pty.ts';

describe.skipIf(process.platform === 'win32')('the hang-up aware serial binding', () => {
  it('a read of 0 bytes (what a hung-up tty gives) is a disconnect, not "read again"', async () => {
    // An empty file reads 0 bytes at once, exactly as a tty after its device went away.
    const file = path.join(tempDir(), 'hung-up');
    fs.writeFileSync(file, '');
    const fd = fs.openSync(file, 'r');
    try {
      const binding = { isOpen: true, fd } as unknown as Parameters<typeof unixRead>[0]['binding'];
      const err = await unixRead({
        binding,
        buffer: Buffer.alloc(16),
        offset: 0,
        length: 16,
        fsReadAsync: readOrHangUp as never,
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({
        code: 'ENXIO',
        disconnect: true,
        message: expect.stringMatching(/hung up/),
      });
    } finally {
      fs.closeSync(fd);
    }
  });

  it('bytes that are there are read as usual', async () => {
    const file = path.join(tempDir(), 'data');
    fs.writeFileSync(file, 'BMET1:X\r');
    const fd = fs.openSync(file, 'r');
    try {
      const r = await readOrHangUp(fd, Buffer.alloc(16), 0, 16, null);
      expect(r.buffer.subarray(0, r.bytesRead).toString()).toBe('BMET1:X\r');
    } finally {
      fs.closeSync(fd);
    }
  });
});
