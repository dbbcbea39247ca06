/** Lists serial ports with their USB ids, parses scanner targets (a path or usb:VID:PID[:SERIAL]) and finds a target's port. */
import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import type { SerialPortInfo } from '../../main/contract/bridge-events.ts';

export type ScannerTarget =
  | { kind: 'path'; path: string }
  | { kind: 'usb'; vendorId: string; productId: string; serialNumber?: string };

const HEX4 = /^[0-9a-f]{4}$/i;

/** `usb:0c2e:0b61` or `usb:0C2E:0B61:SERIAL` names a device by its ids; anything else is a path (or COMn). */
export function parseScannerTarget(s: string): ScannerTarget {
  if (/^usb:/i.test(s)) {
    const [, vid, pid, ...serial] = s.split(':');
    if (!vid || !pid || !HEX4.test(vid) || !HEX4.test(pid))
      throw new RangeError(`'${s}': want usb:VID:PID with 4 hex digits each`);
    return {
      kind: 'usb',
      vendorId: vid.toLowerCase(),
      productId: pid.toLowerCase(),
      ...(serial.length ? { serialNumber: serial.join(':') } : {}),
    };
  }
  if (!s) throw new RangeError('empty scanner path');
  return { kind: 'path', path: s };
}

export function targetLabel(t: ScannerTarget): string {
  return t.kind === 'path'
    ? t.path
    : `usb:${t.vendorId}:${t.productId}${t.serialNumber ? `:${t.serialNumber}` : ''}`;
}

const BY_ID = '/dev/serial/by-id';

/** The /dev/serial/by-id links per real device path (Linux; empty elsewhere or when there are none). */
function byIdLinks(dir = BY_ID): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const link = path.join(dir, name);
    try {
      const real = fs.realpathSync(link);
      out.set(real, [...(out.get(real) ?? []), link]);
    } catch {
      // a dangling link: the device is going away
    }
  }
  return out;
}

const norm = (s: string | undefined) => (s ? s.toLowerCase() : null);

/**
 * The OS could not list the serial ports (Linux: serialport runs `udevadm`, so no udev package
 * or no permission). Distinct from "no ports": the technician and `listen` are told which.
 */
export class PortListError extends Error {
  readonly code = 'PORT_LIST_FAILED' as const;
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    // serialport's own message for a missing udevadm is only "spawn udevadm ENOENT".
    super(/udevadm/.test(why) && /ENOENT/.test(why) ? `${why} (udevadm is missing: install udev)` : why);
    this.name = 'PortListError';
  }
}

type RawLister = () => Promise<Awaited<ReturnType<typeof SerialPort.list>>>;

/**
 * Every serial port the OS lists, with its ids (vendor/product ids lower-case hex). Throws
 * PortListError when the listing itself fails. `list`: the raw lister (tests inject a failing one).
 */
export async function listSerialPorts(list: RawLister = () => SerialPort.list()): Promise<SerialPortInfo[]> {
  let ports;
  try {
    ports = await list();
  } catch (err) {
    throw new PortListError(err);
  }
  const links = byIdLinks();
  return ports.map((p) => ({
    path: p.path,
    byId: links.get(p.path) ?? [],
    vendorId: norm(p.vendorId),
    productId: norm(p.productId),
    serialNumber: p.serialNumber ?? null,
    manufacturer: p.manufacturer ?? null,
  }));
}

/**
 * The port to open for a target, or null when it is not there now. A usb target matches
 * vendor and product id case-insensitively (and the serial number, if given); the
 * /dev/serial/by-id link is preferred because it names the same scanner after replugging.
 */
export function findPort(target: ScannerTarget, ports: SerialPortInfo[]): SerialPortInfo | null {
  if (target.kind === 'path')
    return ports.find((p) => p.path === target.path || p.byId.includes(target.path)) ?? null;
  const matches = ports
    .filter(
      (p) =>
        norm(p.vendorId ?? undefined) === target.vendorId &&
        norm(p.productId ?? undefined) === target.productId,
    )
    .filter((p) => !target.serialNumber || p.serialNumber === target.serialNumber)
    .sort((a, b) => a.path.localeCompare(b.path));
  return matches[0] ?? null;
}

/** The path to open for a port: its first by-id link if it has one. */
export const openPathOf = (p: SerialPortInfo) => p.byId[0] ?? p.path;
