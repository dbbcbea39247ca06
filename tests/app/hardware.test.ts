// The kiosk's hardware part: a port listing that fails is reported as PORT_LIST_FAILED with
// its why (the technician screen shows it), never as an empty list; a listing that works again clears it.
import { describe, expect, it } from 'vitest';
import type { SerialPortInfo } from '../../main/contract/bridge-events.ts';
import { KioskHardware } from '../../main/app/hardware.ts';
import { PortListError } from '../../native-bridge/serial/port-list.ts';

describe('KioskHardware port listing', () => {
  it('says the listing failed, with its code and why, and clears it once a listing works', async () => {
    let failing = true;
    const port: SerialPortInfo = {
      path: '/dev/ttyACM0',
      byId: [],
      vendorId: '0c2e',
      productId: '0b61',
      serialNumber: null,
      manufacturer: null,
    };
    const listPorts = () =>
      failing
        ? Promise.reject(new PortListError(new Error('spawn udevadm ENOENT')))
        : Promise.resolve([port]);
    // Each listing ends with a 'changed' event: the test waits for it, not for time.
    let changed: () => void = () => {};
    const nextChange = () => new Promise<void>((resolve) => (changed = resolve));
    const hw = new KioskHardware({ serial: [], usb: null, listPorts });
    hw.on((e) => {
      if (e.type === 'changed') changed();
    });
    let change = nextChange();
    hw.start();
    await change;
    const d = hw.diagnostics();
    expect(d.ports).toEqual([]);
    expect(d.portsError).toMatchObject({
      code: 'PORT_LIST_FAILED',
      message: 'spawn udevadm ENOENT (udevadm is missing: install udev)',
    });
    expect(d.portsListedAt).not.toBeNull();

    failing = false;
    change = nextChange();
    // @ts-expect-error -- the private refresh, as a 'connected' event or a stale diagnostics call would run it
    hw.refreshPorts();
    await change;
    expect(hw.diagnostics()).toMatchObject({ ports: [port], portsError: null });
    await hw.stop();
  });
});
