/**
 * Which BMET addresses the kiosk will talk to (sync-protocol.md): `https://` anywhere,
 * plain `http://` only to the loopback host (tests, the reference endpoint). Decided from
 * the URL's text alone, before any lookup or connection; here, so that main (provision,
 * sync, first-boot setup) and the setup screen judge an address by the same rule.
 */
import type { SyncCode } from './sync.ts';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** 127.0.0.0/8, ::1 (and the IPv4-mapped ::ffff:127.x), or the name `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === 'localhost.') return true;
  const v4 = IPV4.exec(h);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) && v4[1] === '127';
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? isLoopbackHost(mapped[1]!) : false;
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
