// The appliance's scanners need no configuration: udev links each CDC-ACM scanner into /dev/bmet
// as scanner-acm-<usb port> and removes the link with the device. Here a temp folder plays
// /dev/bmet, socat pseudo-terminals play the scanners, and the test makes and removes the links
// as udev would; the kiosk's hardware part opens what appears, reads its scans, and lets go.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskHardware, type HardwareEvent } from '../../main/app/hardware.ts';
import {
  closePort,
  EventLog,
  openScannerEnd,
  ptyPair,
  tempDir,
  writeAll,
  type PtyPair,
} from '../helpers/pty.ts';

const card = (
  JSON.parse(
    fs.readFileSync(new URL('../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8').split('\n')[0]!,
  ).qr as string
).trim();

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

/** The hardware part looking in `folder` only (no configured scanner, no sticks, no port listing). */
function hardwareOn(folder: string) {
  const hw = new KioskHardware({
    serial: [],
    usb: null,
    scannerFolder: { dir: folder, intervalMs: 20 },
    listPorts: () => Promise.resolve([]),
  });
  const log = new EventLog<HardwareEvent>();
  hw.on(log.push);
  cleanup.push(() => hw.stop());
  return { hw, log };
}

/** A scanner "plugged in": a socat pair, and udev's link to its host end in the folder. */
async function plugScanner(folder: string, port: string): Promise<{ pair: PtyPair; link: string }> {
  const pair = await ptyPair(tempDir(), port);
  const link = path.join(folder, `scanner-acm-${port}`);
  fs.symlinkSync(pair.host, link);
  cleanup.push(() => pair.close());
  return { pair, link };
}

describe('scanners found in a folder of device links', () => {
  it('opens a scanner when its link appears, reads its scans, and drops it when the link goes', async () => {
    const folder = path.join(tempDir(), 'bmet'); // udev makes the folder with the first link
    const { hw, log } = hardwareOn(folder);
    hw.start();
    expect(hw.diagnostics().scannerFolder).toEqual({ dir: folder, lastError: null });
    expect(hw.scannerStates()).toEqual([]);

    fs.mkdirSync(folder);
    const { pair, link } = await plugScanner(folder, 'usb-0-2');
    // A HID-POS scanner's link is not a serial port: left alone.
    fs.symlinkSync(pair.scanner, path.join(folder, 'scanner-hid-usb-0-3'));
    await log.waitFor(() => hw.scannerStates().some((s) => s.scanner === link && s.connected));

    const dev = await openScannerEnd(pair.scanner);
    cleanup.push(() => closePort(dev));
    const from = log.all.length;
    await writeAll(dev, `${card}\r\n`);
    const scan = await log.waitFor((e) => e.type === 'scan', from);
    expect(scan).toMatchObject({ type: 'scan', scan: { scanner: link, text: card } });

    // Unplugged: the device goes, and udev takes the link away with it.
    await pair.unplug();
    fs.unlinkSync(link);
    await log.waitFor(() => hw.scannerStates().length === 0);
    expect(hw.diagnostics().scanners).toEqual([]);

    // Plugged in again (the same port, the same name): opened again.
    await pair.plug();
    fs.symlinkSync(pair.host, link);
    await log.waitFor(() => hw.scannerStates().some((s) => s.scanner === link && s.connected));
    expect(hw.scannerStates()).toHaveLength(1);
  });

  it('scanners already plugged in when the kiosk starts are opened at once', async () => {
    const folder = tempDir();
    const { link } = await plugScanner(folder, 'usb-0-1');
    const { hw, log } = hardwareOn(folder);
    hw.start();
    await log.waitFor(() => hw.scannerStates().some((s) => s.scanner === link && s.connected));
  });

  it('a folder that cannot be read is PORT_LIST_FAILED with its why, and cleared once it can be', async () => {
    const folder = path.join(tempDir(), 'bmet');
    fs.writeFileSync(folder, 'not a folder'); // readdir answers ENOTDIR (root reads any folder, so no EACCES)
    const { hw, log } = hardwareOn(folder);
    hw.start();
    expect(hw.diagnostics().scannerFolder?.lastError).toMatchObject({
      code: 'PORT_LIST_FAILED',
      message: expect.stringContaining(`cannot read ${folder}`),
    });
    fs.rmSync(folder);
    fs.mkdirSync(folder);
    const { link } = await plugScanner(folder, 'usb-0-4');
    await log.waitFor(() => hw.scannerStates().some((s) => s.scanner === link && s.connected));
    expect(hw.diagnostics().scannerFolder).toEqual({ dir: folder, lastError: null });
  });
});
