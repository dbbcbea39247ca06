/**
 * The usage text of the program, of each command and of each subcommand (cli.md): what
 * `--help` prints, and subcommandOf, which the commands and `help` judge a subcommand by. Kept
 * apart from the commands so `--help` loads none of them.
 */
import { UsageError } from './exit-codes.ts';

const SHARED =
  'shared options: --data-dir DIR  --root FILE (repeatable)  --bundle FILE  --now ISO  --no-log  --officer ID  -h, --help';

export const PROGRAM_USAGE = `usage: bmet-kiosk <command> [options]   (bmet-kiosk <command> --help for one command)
commands:
  verify [QR …]                      verify QR texts (or each stdin line); one JSON verdict a line
  trust verify|install FILE | status check, install or show the trust bundle
  report --date YYYY-MM-DD           the day's verification report (json, csv or an A4 pdf)
  people list|add|disable|enable|reset|login …   officers, supervisors, technicians
  log verify|retention|audit         the verification log's chain, retention, the audit log
  listen --serial PATH               a headless desk: a verdict line per serial scan
  provision --kiosk-id ID            make the device key and store the kiosk id and server
  sync [--once]                      ship the verification log to BMET
  start [--no-window]                run the kiosk
  help [COMMAND [SUB]]               this usage, or one command's (as COMMAND [SUB] --help)
  --version                          the program's version
${SHARED}`;

const TECH = '--technician ID (the actor audited; else --officer, else CLI)';

/** Usage by command, and by "command sub" for commands with subcommands. */
export const COMMAND_USAGE: Record<string, string> = {
  verify: `usage: bmet-kiosk verify [QR …]
Verifies each QR text given, or each line of stdin; prints one JSON verdict a line, after
logging it (unless --no-log). A verdict that could not be logged has "logged": false (exit 1).
A stdout that cannot be written (its reader went away, a full disk) stops the run with exit 1,
saying why on stderr; the scans verified before it keep their log rows.`,
  trust: `usage: bmet-kiosk trust verify FILE | trust install FILE [--technician ID] | trust status`,
  'trust verify': `usage: bmet-kiosk trust verify FILE
Checks a .bmettrust file against the roots and prints its facts, or its refusal code (exit 3).`,
  'trust install': `usage: bmet-kiosk trust install FILE [--technician ID]
Installs the bundle into the data dir (every check of trust-bundle.md, on the real clock: never --now), audited.
options: ${TECH}`,
  'trust status': `usage: bmet-kiosk trust status
The bundle in force under this run's roots: version, dates, kids.`,
  report: `usage: bmet-kiosk report --date YYYY-MM-DD [--format json|csv|pdf] [--out FILE] [--technician ID]
The day's verification report (Asia/Dhaka date) from the data dir; audited as an export, except
with --no-log (nothing in the data dir changes).
--now says which day is today (an empty report of a day still to come says so on stderr);
the "made at" time and the audit are the real clock's, never --now.
csv: UTF-8 with a BOM, times in Dhaka, reasons in words beside their codes.
pdf: the supervisor's A4 page, printed by headless Chromium; needs --out FILE.`,
  people: `usage: bmet-kiosk people list
       bmet-kiosk people add ID --name NAME --role officer|supervisor|technician [--pin PIN]
       bmet-kiosk people disable|enable|reset|login ID [--pin PIN]
A PIN comes from --pin or, safer, the first line of stdin; lock-outs follow the real clock (never --now).
options: ${TECH}`,
  'people list': `usage: bmet-kiosk people list
Every person, one JSON object a line. With --no-log the data dir is only read (as it is: not migrated).`,
  'people add': `usage: bmet-kiosk people add ID --name NAME --role officer|supervisor|technician [--pin PIN] [--technician ID]
Adds a person; the PIN (6–12 digits) from --pin or the first line of stdin.`,
  'people disable': `usage: bmet-kiosk people disable ID [--technician ID]`,
  'people enable': `usage: bmet-kiosk people enable ID [--technician ID]`,
  'people reset': `usage: bmet-kiosk people reset ID [--pin PIN] [--technician ID]
A new PIN (from --pin or stdin); clears failed attempts and any lock-out.`,
  'people login': `usage: bmet-kiosk people login ID [--pin PIN]
Checks a PIN (from --pin or stdin) as the screens do; exit 0 when it is right.`,
  log: `usage: bmet-kiosk log verify | log retention [--days N] | log audit [--after SEQ] [--limit N]`,
  'log verify': `usage: bmet-kiosk log verify
Re-verifies the hash chain of the verification log; names the first broken record (exit 1).`,
  'log retention': `usage: bmet-kiosk log retention [--days N] [--technician ID]
Sets the retention period (days, audited) and applies it, judged by BMET's time (never --now).`,
  'log audit': `usage: bmet-kiosk log audit [--after SEQ] [--limit N]
The audit log, one JSON object a line.`,
  listen: `usage: bmet-kiosk listen --serial PATH|COMn|usb:VID:PID[:SERIAL] (repeatable) [--baud N]
A headless desk: one JSON verdict line per serial scan, after logging it; status on stderr.`,
  provision: `usage: bmet-kiosk provision --kiosk-id ID [--server URL] [--ca FILE]
Makes the device key once (never replaced) and stores the kiosk id and server; prints the public key.
The server is https:// (http:// only to loopback); --ca FILE adds BMET's own CA certificate(s) (PEM).`,
  sync: `usage: bmet-kiosk sync [--once] [--server URL] [--resume [--technician ID]]
Ships the verification log to BMET: the loop, or one pass with --once (exit 0 when all is acknowledged).
--resume clears an alert first (audited sync.resume; ${TECH}).`,
  start: `usage: bmet-kiosk start [--no-window] [--port N] [--dev] [--serial PATH|usb:VID:PID … [--baud N]]
                        [--scanner-folder DIR] [--mount-table FILE | --no-usb]
Runs the kiosk: the Electron shell, or the screens on the loopback host (--no-window: serve only).
With no --serial and no scanner setting in the data dir, every scanner-acm-* link in --scanner-folder
(default on Linux: /dev/bmet, the appliance's udev links) is read as a serial scanner as it appears.`,
};

/** The subcommands of a command that has them. */
export const SUBCOMMANDS: Record<string, readonly string[]> = {
  trust: ['verify', 'install', 'status'],
  people: ['list', 'add', 'disable', 'enable', 'reset', 'login'],
  log: ['verify', 'retention', 'audit'],
};

/**
 * `given` when it is one of `subs`; otherwise a usage error that names what was wrong — no
 * subcommand, or which one is unknown — and the ones `command` has.
 */
export function subcommandOf<S extends string>(
  command: string,
  subs: readonly S[],
  given: string | undefined,
): S {
  if ((subs as readonly (string | undefined)[]).includes(given)) return given as S;
  const has = subs.join(', ');
  throw new UsageError(
    given === undefined
      ? `${command} needs a subcommand: ${has}`
      : `unknown subcommand '${command} ${given}' (${command} has: ${has})`,
  );
}

/** The usage of `command` (and its subcommand when `args` names one), with the shared options. */
export function usageOf(command: string, args: readonly string[] = []): string {
  const subs = SUBCOMMANDS[command];
  const sub = subs ? args.find((a) => subs.includes(a)) : undefined;
  const text = COMMAND_USAGE[sub ? `${command} ${sub}` : command] ?? PROGRAM_USAGE;
  return `${text}\n${SHARED}`;
}

/** True when `--help` or `-h` comes before any `--` (after which everything is an argument). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
