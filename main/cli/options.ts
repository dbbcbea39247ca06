/** Options shared by every command (cli.md), parsed strictly: an unknown flag is a usage error. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.ts';
import { STAFF_ID_RE } from '../contract/staff.ts';
import { checkServerUrl } from '../contract/server-url.ts';

export const SHARED_OPTIONS = {
  'data-dir': { type: 'string' },
  root: { type: 'string', multiple: true },
  bundle: { type: 'string' },
  now: { type: 'string' },
  'no-log': { type: 'boolean' },
  officer: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface SharedOptions {
  dataDir?: string;
  roots?: string[];
  bundle?: string;
  nowMs?: number;
  noLog: boolean;
  officer: string;
}

/** The options a command takes, as a person would type them: `--port N  --dev  --root FILE…`. */
export function optionList(options: NonNullable<ParseArgsConfig['options']>): string {
  return Object.entries(options)
    .map(([name, o]) => `--${name}${o.type === 'string' ? ' VALUE' : ''}${o.multiple ? '…' : ''}`)
    .join('  ');
}

export function parseCommandArgs<O extends ParseArgsConfig['options']>(args: string[], extra: O) {
  const options = { ...SHARED_OPTIONS, ...extra };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    // An option this command does not take: say which ones it does (not node's advice about '--').
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'([^']+)'/.exec(e.message)?.[1] ?? e.message;
      throw new UsageError(`unknown option '${given}'; this command takes: ${optionList(options)}`);
    }
    throw new UsageError(e.message);
  }
  refuseRepeated(parsed.tokens, options);
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * A value option given twice (`--date A --date B`) is a usage error naming it: parseArgs keeps the
 * last one silently, so a script's stray default plus its real value would run on whichever came
 * last. Only --root (and any option marked `multiple`) may repeat; a flag said twice says nothing new.
 */
function refuseRepeated(
  tokens: readonly { kind: string; name?: string; value?: string | undefined }[],
  options: NonNullable<ParseArgsConfig['options']>,
): void {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    if (options[t.name]?.type !== 'string' || options[t.name]?.multiple) continue;
    // The values are not repeated back: one may be a PIN.
    if (seen.has(t.name)) throw new UsageError(`--${t.name} was given more than once: give it once`);
    seen.add(t.name);
  }
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function sharedFrom(values: Record<string, unknown>): SharedOptions {
  let nowMs: number | undefined;
  if (values.now !== undefined) {
    const s = String(values.now);
    nowMs = ISO_RE.test(s) ? Date.parse(s) : NaN;
    if (Number.isNaN(nowMs))
      throw new UsageError(
        `--now wants an ISO 8601 instant with a zone, such as 2026-11-22T06:00:00Z (got '${s}')`,
      );
  }
  const officer = values.officer === undefined ? 'CLI' : String(values.officer);
  if (!STAFF_ID_RE.test(officer))
    throw new UsageError('--officer wants 1 to 32 letters, digits, dot, dash or underscore');
  return {
    dataDir: values['data-dir'] as string | undefined,
    roots: values.root as string[] | undefined,
    bundle: values.bundle as string | undefined,
    nowMs,
    noLog: values['no-log'] === true,
    officer,
  };
}

/**
 * `--server URL` (provision, sync): the command line's value, so a bad one is a usage error (exit 2),
 * with a code for programs: SYNC_INSECURE_URL for plain http:// beyond the loopback host, and
 * SERVER_URL_INVALID for what is no https:// URL at all. Checked before anything is opened.
 */
export function serverFrom(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const checked = checkServerUrl(String(value));
  if (checked.ok) return checked.url;
  throw new UsageError(
    `--server: ${checked.why}`,
    checked.code === 'SYNC_INSECURE_URL' ? checked.code : 'SERVER_URL_INVALID',
  );
}
