// Scanner targets and port lookup: paths, usb:VID:PID in any case, serial numbers, by-id links.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SerialPortInfo } from '../../../main/contract/bridge-events.ts';
import {
  findPort,
  listSerialPorts,
  openPathOf,
  parseScannerTarget,
  PortListError,
} from '../../../native-bridge/serial/port-list.ts';

const port = (p: Partial<SerialPortInfo> & { path: string }): SerialPortInfo => ({
  byId: [],
  vendorId: null,
  productId: null,
  serialNumber: null,
  manufacturer: null,
  ...p,
});

describe('port-list', () => {
  it('parses targets', () => {
    expect(parseScannerTarget('/dev/ttyACM0')).toEqual({ kind: 'path', path: '/dev/ttyACM0' });
    expect(parseScannerTarget('COM3')).toEqual({ kind: 'path', path: 'COM3' });
    expect(parseScannerTarget('USB:0C2E:0B61')).toEqual({ kind: 'usb', vendorId: '0c2e', productId: '0b61' });
    expect(parseScannerTarget('usb:0c2e:0b61:A1:B2')).toEqual({
      kind: 'usb',
      vendorId: '0c2e',
      productId: '0b61',
      serialNumber: 'A1:B2',
    });
    expect(() => parseScannerTarget('usb:0c2e:xyz1')).toThrow();
    expect(() => parseScannerTarget('')).toThrow();
  });

  it('finds a port by ids case-insensitively, by serial number, and prefers its by-id link', () => {
    const ports = [
      port({
        path: '/dev/ttyACM1',
        vendorId: '0C2E',
        productId: '0B61',
        serialNumber: 'S2',
        byId: ['/dev/serial/by-id/usb-Honeywell_1900_S2-if00'],
      }),
      port({ path: '/dev/ttyACM0', vendorId: '0c2e', productId: '0b61', serialNumber: 'S1' }),
      port({ path: '/dev/ttyS0' }),
    ];
    expect(findPort(parseScannerTarget('usb:0c2e:0b61'), ports)?.path).toBe('/dev/ttyACM0');
    const s2 = findPort(parseScannerTarget('usb:0C2E:0B61:S2'), ports)!;
    expect(openPathOf(s2)).toBe('/dev/serial/by-id/usb-Honeywell_1900_S2-if00');
    expect(findPort(parseScannerTarget('/dev/serial/by-id/usb-Honeywell_1900_S2-if00'), ports)?.path).toBe(
      '/dev/ttyACM1',
    );
    expect(findPort(parseScannerTarget('usb:1234:5678'), ports)).toBeNull();
  });

  it.skipIf(process.platform !== 'linux')(
    'a machine without udevadm: the listing fails as PORT_LIST_FAILED, saying to install udev, never an empty list',
    async () => {
      // serialport spawns `udevadm` through PATH: a PATH holding nothing is a machine without udev.
      const saved = process.env.PATH;
      process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-empty-path-'));
      try {
        const err = await listSerialPorts().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(PortListError);
        expect(err).toMatchObject({ code: 'PORT_LIST_FAILED' });
        expect((err as Error).message).toMatch(/udevadm ENOENT.*install udev/);
      } finally {
        process.env.PATH = saved;
      }
    },
  );

  it('a listing refused by the OS (udevadm exits non-zero: no permission) is PORT_LIST_FAILED with its words', async () => {
    const refused = () => Promise.reject(new Error('Error listing ports udevadm exited with error code: 1'));
    await expect(listSerialPorts(refused)).rejects.toMatchObject({
      code: 'PORT_LIST_FAILED',
      message: 'Error listing ports udevadm exited with error code: 1',
    });
  });

  it('lists the ports of this machine with their ids (shape only: the hardware varies)', async () => {
    const ports = await listSerialPorts();
    for (const p of ports) {
      expect(typeof p.path).toBe('string');
      expect(Array.isArray(p.byId)).toBe(true);
      if (p.vendorId) expect(p.vendorId).toMatch(/^[0-9a-f]{4}$/);
    }
  });
});
