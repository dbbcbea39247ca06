/**
 * The kiosk's device identity (sync-protocol.md, Identity): an Ed25519 key pair made once
 * and never overwritten, the private half in a file only the kiosk's user can read. The
 * kiosk id and server URL are store settings ('kioskId', 'sync.server').
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DeviceCode } from '../../contract/sync.ts';
import { readBounded } from '../read-bounded.ts';

export const DEVICE_KEY_FILE = 'device-key.pem';
export const DEVICE_PUB_FILE = 'device-key.pub.pem';

/** Airport-terminal-desk style ids, e.g. DAC-T1-D07: letters, digits and dashes. */
export const KIOSK_ID_RE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export interface DeviceKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export type IdentityResult<T> = { ok: true; value: T } | { ok: false; code: DeviceCode; why: string };

/** The store setting holding the sync server's base URL ('kioskId' is the store's own). */
export const SERVER_SETTING = 'sync.server';

/** A server base URL: http(s) only, no credentials, no query; returned without a trailing slash. */
export function normaliseServerUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash)
    return null;
  return u.toString().replace(/\/+$/, '');
}

/** An existing device key that cannot be used: its code (DEVICE_KEY_UNREADABLE) and why. It is never replaced. */
export class DeviceKeyError extends Error {
  readonly code: DeviceCode;
  constructor(code: DeviceCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** An Ed25519 PKCS#8 PEM is ~119 bytes: a file near this is no device key. */
const MAX_DEVICE_KEY_BYTES = 64 * 1024;

/**
 * Whether the key's name is taken at all: a directory or a link to nothing takes it too (it is
 * then an unusable key, never a free name), and so does a name that cannot even be looked at.
 */
function keyNameTaken(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Makes the device key unless one exists. The key is written to a private temporary file
 * and hard-linked into place: link() fails if the name exists, so two racing provisions
 * cannot both win, and an existing key is never replaced. An existing key that cannot be
 * used throws DeviceKeyError.
 */
export function ensureDeviceKey(dataDir: string): { created: boolean; publicKeyPem: string } {
  const file = path.join(dataDir, DEVICE_KEY_FILE);
  const existing = () => {
    const key = loadDeviceKey(dataDir);
    if (!key.ok) throw new DeviceKeyError(key.code, key.why);
    return { created: false, publicKeyPem: key.value.publicKeyPem };
  };
  if (keyNameTaken(file)) return existing();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // whatever the umask
    fs.writeSync(fd, pem);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another provision won the race: keep its key.
    fs.unlinkSync(tmp);
    return existing();
  }
  fs.unlinkSync(tmp);
  fs.writeFileSync(path.join(dataDir, DEVICE_PUB_FILE), publicKeyPem, { mode: 0o644 });
  return { created: true, publicKeyPem };
}

export function loadDeviceKey(dataDir: string): IdentityResult<DeviceKey> {
  const file = path.join(dataDir, DEVICE_KEY_FILE);
  if (!keyNameTaken(file))
    return {
      ok: false,
      code: 'NOT_PROVISIONED',
      why: `no device key in ${dataDir}`,
    };
  // Bounded, and never waiting on a FIFO or device put in its place.
  const read = readBounded(file, MAX_DEVICE_KEY_BYTES);
  if (!read.ok) return { ok: false, code: 'DEVICE_KEY_UNREADABLE', why: read.why };
  try {
    const privateKey = createPrivateKey(read.bytes);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }) as string;
    // The spec wants the file readable by the kiosk's user alone: tighten it if something loosened it.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return { ok: true, value: { privateKey, publicKeyPem } };
  } catch (err) {
    return {
      ok: false,
      code: 'DEVICE_KEY_UNREADABLE',
      why: `${file} is not an Ed25519 private key (${(err as Error).message})`,
    };
  }
}
