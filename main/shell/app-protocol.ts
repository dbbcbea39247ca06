/**
 * `app://kiosk/…`: serves the built screens to the kiosk window from one folder, with
 * the same strict CSP as the loopback host; nothing outside that folder is reachable.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { KIOSK_ORIGIN, SERVICE_PATH } from './policy.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = KIOSK_ORIGIN;

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data: blob:; connect-src 'self'; media-src 'self' blob: mediastream:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The service screen is static: its own inline style, no script at all. */
const SERVICE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** `serviceScreen`: the page served at SERVICE_PATH, made by the shell (policy.ts), not by the screens' build. */
export function serveScreens(dir: string, serviceScreen: () => string): void {
  const root = path.resolve(dir);
  protocol.handle(APP_SCHEME, async (req) => {
    const url = new URL(req.url);
    if (url.host === 'kiosk' && url.pathname === SERVICE_PATH)
      return new Response(serviceScreen(), {
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': SERVICE_CSP },
      });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${rel}`);
    if (url.host !== 'kiosk' || rel.includes('\0') || !file.startsWith(root + path.sep))
      return new Response('forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
