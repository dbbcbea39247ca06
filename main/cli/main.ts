/**
 * Dispatches a bmet-kiosk command and maps failures to the exit statuses of cli.md.
 * Each command's modules load only when it runs (a one-card `verify` need not load the
 * host, sync or serialport), and `--help` loads none: it prints the usage and exits 0.
 */
import fs from 'node:fs';
import { InstalledTrustError, isSqliteError, StoreError, storeErrorFrom } from '../core/store/errors.ts';
import { EXIT, FailedError, RefusedError, UsageError } from './exit-codes.ts';
import { sourceStack, sourceStackOf } from './source-stack.ts';
import { watchStdout } from './stdout-guard.ts';
import { COMMAND_USAGE, PROGRAM_USAGE, SUBCOMMANDS, subcommandOf, usageOf, wantsHelp } from './usage.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  verify: async (args) => (await import('./commands/verify.ts')).runVerify(args),
  trust: async (args) => (await import('./commands/trust.ts')).runTrust(args),
  report: async (args) => (await import('./commands/report.ts')).runReport(args),
  people: async (args) => (await import('./commands/people.ts')).runPeople(args),
  log: async (args) => (await import('./commands/log.ts')).runLog(args),
  listen: async (args) => (await import('./commands/listen.ts')).runListen(args),
  provision: async (args) => (await import('./commands/provision.ts')).runProvision(args),
  sync: async (args) => (await import('./commands/sync.ts')).runSync(args),
  start: async (args) => (await import('./commands/start.ts')).runStart(args),
};

/**
 * What `help …` asks about: the words after it, without help flags, `help` itself or `--`. They
 * are only looked up, never run: `help verify -- X` is verify's usage, not a verification of X.
 */
function helpTopic(args: readonly string[]): string[] {
  return args.filter((a) => a !== 'help' && a !== '--help' && a !== '-h' && a !== '--');
}

/** The package's version (package.json, two folders up), for `--version`. */
function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  // A crash no command catches (a listener of `listen` or `start`, say) is still Node's to report;
  // before it does, its stack is named by the source lines (the built CLI's frames name chunks).
  process.off('uncaughtExceptionMonitor', sourceStackOf).on('uncaughtExceptionMonitor', sourceStackOf);
  const stdout = watchStdout();
  const status = await dispatch(argv);
  // stdout that could not be written: exit 1, said on stderr (a refusal keeps its own status).
  return (await stdout.settle()) && status === EXIT.done ? EXIT.failure : status;
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  // `help`, `help help`, `help -h`: the program's usage; `help CMD [SUB]`: what `CMD [SUB] --help` prints.
  const topic = name === 'help' ? helpTopic(args) : null;
  if (name === '--help' || name === '-h' || topic?.length === 0) {
    process.stdout.write(`${PROGRAM_USAGE}\n`);
    return EXIT.done;
  }
  if (name === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.done;
  }
  // In `help foo` the unknown command is foo, not help; a usage error of `help people frob` shows people's.
  const unknown = topic ? topic[0] : name;
  const [usageName, usageArgs] = topic ? [topic[0], topic.slice(1)] : [name, args];
  const command = name ? COMMANDS[name] : undefined;
  try {
    if (topic?.[0] && COMMANDS[topic[0]]) {
      // A subcommand the command does not have is as unknown here as `people frob` is.
      const subs = SUBCOMMANDS[topic[0]];
      if (subs && topic[1] !== undefined) subcommandOf(topic[0], subs, topic[1]);
      process.stdout.write(`${usageOf(topic[0], topic.slice(1))}\n`);
      return EXIT.done;
    }
    if (!command || !name) {
      throw new UsageError(unknown ? `unknown command '${unknown}'` : 'no command given');
    }
    // Before anything else: a command asked for its usage starts nothing and opens nothing.
    if (wantsHelp(args)) {
      process.stdout.write(`${usageOf(name, args)}\n`);
      return EXIT.done;
    }
    return await command(args);
  } catch (err) {
    const codeLine = (e: UsageError | RefusedError | FailedError) => {
      if (e.code)
        process.stdout.write(JSON.stringify({ ok: false, code: e.code, message: e.message }) + '\n');
    };
    if (err instanceof UsageError) {
      const usage = usageName && COMMAND_USAGE[usageName] ? usageOf(usageName, usageArgs) : PROGRAM_USAGE;
      process.stderr.write(`bmet-kiosk: ${err.message}\n${usage}\n`);
      codeLine(err);
      return EXIT.usage;
    }
    if (err instanceof RefusedError) {
      process.stderr.write(`bmet-kiosk: refused: ${err.message}\n`);
      codeLine(err);
      return EXIT.refused;
    }
    const failed = failureOf(err);
    if (failed) {
      const code = failed.code ? `${failed.code}: ` : '';
      process.stderr.write(`bmet-kiosk: ${code}${failed.message}\n`);
      codeLine(failed);
      return EXIT.failure;
    }
    // Nothing in the command foresaw it: still a code and a message; the stack only for a fault in the code.
    const { failure, stack: built } = unexpected(err);
    // Frames in the built command line (dist/cli) named by the source lines they came from.
    const stack = built && sourceStack(built);
    process.stderr.write(`bmet-kiosk: UNEXPECTED: ${failure.message}\n${stack ? `${stack}\n` : ''}`);
    codeLine(failure);
    return EXIT.failure;
  }
}

/**
 * A failure a command foresaw, or one of the store's, which carry the contract's codes: a program
 * reads the code on stdout as for any other failure. The database's (damaged, foreign, too new,
 * read-only, full, locked …) and a stored bundle that does not open under the run's roots (its own
 * code, not the disk's) reach here from every command that opens the data dir. A bare SQLite error
 * (a query of the store that gave up on a lock) gets the code the store would have given it.
 */
function failureOf(err: unknown): FailedError | null {
  if (err instanceof FailedError) return err;
  if (err instanceof StoreError || err instanceof InstalledTrustError)
    return new FailedError(err.message, err.code);
  if (isSqliteError(err)) {
    const s = storeErrorFrom(err, 'the kiosk database');
    return new FailedError(s.message, s.code);
  }
  return null;
}

/** An error from the file system or the OS (Node's system errors carry an E… code and the call that failed). */
function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.syscall === 'string' && /^E[A-Z0-9]+$/.test(e.code ?? '');
}

/**
 * What a command did not handle itself, as an UNEXPECTED failure. A system error is the machine's
 * answer (a file, a folder, a port): its message says it all, no stack. Anything else is a fault in
 * bmet-kiosk, not in what it was given: said so, with the stack to report it by.
 */
function unexpected(err: unknown): { failure: FailedError; stack: string | null } {
  if (isSystemError(err))
    return {
      failure: new FailedError(`${err.message} (the system refused what the command asked)`, 'UNEXPECTED'),
      stack: null,
    };
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    failure: new FailedError(
      `${e.name}: ${e.message}: a fault in bmet-kiosk, not in what it was given; please report it with the lines below`,
      'UNEXPECTED',
    ),
    stack: e.stack ?? null,
  };
}
