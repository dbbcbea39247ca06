/**
 * `callKiosk`: the one entry for a call from a screen, whatever carried it (IPC or the
 * loopback host). The method name and arguments are untrusted: checked against the
 * contract first, and every failure comes back as a Reply with a code, never a throw.
 */
import { isMethodName, parseArgs, type CheckedArgsOf, type MethodName, type Reply, type ResultOf } from '../../contract/api.ts';
import type { KioskService } from './service.ts';

type Handlers = { [M in MethodName]: (s: KioskService, args: CheckedArgsOf<M>) => Reply<ResultOf<M>> };

const HANDLERS: Handlers = {
  scan: (s, [a]) => s.scan(a.text, a.source, a.overlong === true),
  status: (s) => ({ ok: true, value: s.status() }),
  recentScans: (s, [a]) => ({ ok: true, value: s.recentScans(a.limit) }),
};

export function callKiosk(service: KioskService, method: unknown, rawArgs: unknown): Reply<unknown> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `no method ${typeof method === 'string' ? `'${method.slice(0, 64)}'` : `of type ${typeof method}`}` } };
  const args = parseArgs(method, rawArgs);
  if (!args.ok) return args;
  try {
    return (HANDLERS[method] as (s: KioskService, a: unknown) => Reply<unknown>)(service, args.value);
  } catch (err) {
    process.stderr.write(`bmet-kiosk: ${method} failed: ${(err as Error).stack ?? String(err)}\n`);
    return { ok: false, error: { code: 'INTERNAL', message: `${method} failed: ${(err as Error).message}` } };
  }
}
