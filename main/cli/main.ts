/** Dispatches a bmet-kiosk command and maps failures to the exit statuses of cli.md. */
import { runTrust } from './commands/trust.ts';
import { runVerify } from './commands/verify.ts';
import { StoreError } from '../core/store/errors.ts';
import { runLog } from './commands/log.ts';
import { runPeople } from './commands/people.ts';
import { runReport } from './commands/report.ts';
import { EXIT, FailedError, RefusedError, UsageError } from './exit-codes.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  verify: runVerify,
  trust: runTrust,
  report: runReport,
  people: runPeople,
  log: runLog,
  // loaded on use: serialport's native binding need not load for every other command
  listen: async (args) => (await import('./commands/listen.ts')).runListen(args),
  provision: async (args) => (await import('./commands/provision.ts')).runProvision(args),
  sync: async (args) => (await import('./commands/sync.ts')).runSync(args),
  // loaded on use: the host, the store and Vite need not load for every other command
  start: async (args) => (await import('./commands/start.ts')).runStart(args),
};

const USAGE = `usage: bmet-kiosk <command> [options]
commands: verify [QR …] | trust verify|install FILE | trust status | report --date YYYY-MM-DD [--format json|csv]
          people list|add|disable|enable|reset|login … | log verify|retention|audit | listen --serial PATH [--baud N]
          provision --kiosk-id ID [--server URL] | sync [--once] [--server URL] [--resume]
          start [--no-window] [--port N] [--dev]
options:  --data-dir DIR  --root FILE…  --bundle FILE  --now ISO  --no-log  --officer ID`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  try {
    if (!command) {
      throw new UsageError(
        name && name !== '--help' && name !== '-h' ? `unknown command '${name}'` : 'no command given',
      );
    }
    return await command(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`bmet-kiosk: ${err.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (err instanceof RefusedError) {
      process.stderr.write(`bmet-kiosk: refused: ${err.message}\n`);
      if (err.code)
        process.stdout.write(JSON.stringify({ ok: false, code: err.code, message: err.message }) + '\n');
      return EXIT.refused;
    }
    if (err instanceof FailedError || err instanceof StoreError) {
      process.stderr.write(`bmet-kiosk: ${err instanceof StoreError ? `${err.code}: ` : ''}${err.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`bmet-kiosk: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failure;
  }
}
