/** `listen --serial PATH [--baud N]`: a headless desk printing one JSON verdict line per serial scan, as it comes. */
import type { ScannerEvent } from '../../contract/bridge-events.ts';
import { BRIDGE_ERROR_WORDS } from '../../contract/words.ts';
import { openScanners, type Scanners } from '../../app/scanners.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { stopRequest } from '../stop-request.ts';
import { watchStdout } from '../stdout-guard.ts';
import { makeScanHandler } from '../scan-handler.ts';
import { notLoggedTally, verdictLine } from './verify.ts';

export async function runListen(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    serial: { type: 'string', multiple: true },
    baud: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`listen takes no arguments (got '${positionals[0]}')`);
  const serials = (values.serial as string[] | undefined) ?? [];
  if (!serials.length)
    throw new UsageError('listen needs --serial PATH (a device path, COMn, or usb:VID:PID)');
  const baud = String(values.baud ?? '9600');
  if (!/^\d{1,7}$/.test(baud)) throw new UsageError(`--baud wants a number (got '${baud}')`);
  const baudRate = Number(baud);
  let hub: Scanners;
  try {
    // One scanner per --serial; named by what was given, so stderr says which one.
    hub = openScanners(serials.map((target) => ({ target, baudRate })));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const handler = await makeScanHandler(sharedFrom(values));
  const say = (s: string) => process.stderr.write(`bmet-kiosk: ${s}\n`);
  const notLogged = notLoggedTally(say);

  const onEvent = (e: ScannerEvent) => {
    switch (e.type) {
      case 'scan': {
        let line: string;
        try {
          // handle() commits the verdict to the log before it returns (log before show).
          const r = handler.handle(e.text, e.overlong);
          line = verdictLine(r.verdict, r.error === undefined);
          if (r.error !== undefined) notLogged.note(r.error);
        } catch (err) {
          // a bug, not a card: say so loudly and keep the desk running
          say(`scanner ${e.scanner}: scan not verified: ${(err as Error).message}`);
          return;
        }
        process.stdout.write(line + '\n');
        return;
      }
      case 'connected':
        return say(
          `scanner ${e.scanner}: connected (${e.path})${e.reconnects ? `, reconnect ${e.reconnects}` : ''}`,
        );
      case 'disconnected':
        return say(
          `scanner ${e.scanner}: ${e.reason === 'unplugged' ? 'disconnected; waiting for it to return' : 'closed'}`,
        );
      case 'noise':
        return say(`scanner ${e.scanner}: dropped ${e.bytes} noise byte(s): ${e.hex}`);
      case 'error':
        // The code, its words (so a port listing that failed never reads as "no scanner"), then the system's why.
        return say(
          `scanner ${e.scanner}: ${e.code} (${BRIDGE_ERROR_WORDS[e.code].en}): ${e.message}${e.retryAt ? '; retrying' : ''}`,
        );
    }
  };

  const request = stopRequest();
  // Whoever reads our stdout went away: stop cleanly (main says so and exits 1).
  const unwatch = watchStdout().onFailure(() => request.stop());
  try {
    hub.start(onEvent);
    await request.done;
  } finally {
    request.dispose();
    await hub.stop();
    handler.close();
    unwatch();
  }
  say('listen stopped');
  if (notLogged.count) say(`${notLogged.count} verdict(s) were shown but NOT LOGGED`);
  return notLogged.count ? EXIT.failure : EXIT.done;
}
