/**
 * Which BMET addresses the kiosk will talk to: the rule on the URL's text is the contract's
 * (main/contract/server-url.ts, shared with the setup screen); here what needs Node — whether a
 * looked-up address is on the loopback network — and the base URL sync's paths resolve against.
 */
import net from 'node:net';
import { isLoopbackHost } from '../../contract/server-url.ts';

export { checkServerUrl, isLoopbackHost, type ServerUrlCheck } from '../../contract/server-url.ts';

/** Whether a resolved address is on the loopback network (for `localhost`'s lookup). */
export function isLoopbackAddress(address: string): boolean {
  return net.isIP(address) !== 0 && isLoopbackHost(address);
}

/** A checked server URL as the base the paths of sync-protocol.md resolve against (`v1/…`, kept under any path it has). */
export function serverBase(server: string): URL {
  return new URL(server.replace(/\/+$/, '') + '/');
}
