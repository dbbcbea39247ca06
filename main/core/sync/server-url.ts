/**
 * Which BMET addresses the kiosk will talk to (sync-protocol.md): `https://` anywhere,
 * plain `http://` only to the loopback host (tests, the reference endpoint). Decided
 * from the URL's text alone, before any lookup or connection.
 */
import net from 'node:net';
import type { SyncCode } from '../../contract/sync.ts';

/** 127.0.0.0/8, ::1 (and the IPv4-mapped ::ffff:127.x), or the name `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === 'localhost.') return true;
  if (net.isIPv4(h)) return h.split('.')[0] === '127';
  if (net.isIPv6(h)) {
    if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped ? isLoopbackHost(mapped[1]!) : false;
  }
  return false;
}

/** Whether a resolved address is on the loopback network (for `localhost`'s lookup). */
export function isLoopbackAddress(address: string): boolean {
  return net.isIP(address) !== 0 && isLoopbackHost(address);
}

export type ServerUrlCheck =
  | { ok: true; url: string }
  | { ok: false; code: Extract<SyncCode, 'SYNC_INSECURE_URL' | 'SYNC_NOT_PROVISIONED'>; why: string };

/** A BMET base URL the kiosk may use: https, or http to loopback; no credentials, query or fragment. No trailing slash. */
export function checkServerUrl(raw: string): ServerUrlCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, code: 'SYNC_NOT_PROVISIONED', why: `'${raw.slice(0, 200)}' is not a URL` };
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash)
    return {
      ok: false,
      code: 'SYNC_NOT_PROVISIONED',
      why: `'${raw.slice(0, 200)}' is not an http(s) URL without credentials, query or fragment`,
    };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
    return {
      ok: false,
      code: 'SYNC_INSECURE_URL',
      why: `plain http:// is only for the loopback host; BMET at ${u.host} needs https:// with a verified certificate`,
    };
  return { ok: true, url: u.toString().replace(/\/+$/, '') };
}

/** A checked server URL as the base the paths of sync-protocol.md resolve against (`v1/…`, kept under any path it has). */
export function serverBase(server: string): URL {
  return new URL(server.replace(/\/+$/, '') + '/');
}
