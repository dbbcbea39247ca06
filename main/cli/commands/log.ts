/**
 * `log verify`: re-verifies the hash chain and names the first broken record (exit 1 if any).
 * `log retention [--days N]`: sets the retention period (audited) and applies it now, by
 * BMET's time (never `--now`; exit 1 when skipped for want of a trusted time).
 * `log audit [--after SEQ] [--limit N]`: the audit log, one JSON object a line.
 */
import { EXIT, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { subcommandOf } from '../usage.ts';
import { actorFrom, openReaderFor, openStoreFor, requireDatabase } from '../store-context.ts';
import { MAX_RETENTION_DAYS, RETENTION_SETTING } from '../../core/store/redaction.ts';

const print = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

/** Decimal digits only: Number() would also take 0x10, 1e3, 10.0, +5 and 0b11, which no one types as a count of days. */
function intOption(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} wants a whole number from ${min} to ${max}`);
  return n;
}

export async function runLog(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    days: { type: 'string' },
    after: { type: 'string' },
    limit: { type: 'string' },
    technician: { type: 'string' },
  });
  const opts = sharedFrom(values);
  const [given, ...rest] = positionals;
  const sub = subcommandOf('log', ['verify', 'retention', 'audit'], given);
  if (rest.length)
    throw new UsageError(
      'usage: log verify | log retention [--days N] | log audit [--after SEQ] [--limit N]',
    );
  requireDatabase(opts);
  // verify and audit read the logs as they are, also in a data dir of an older schema: reading it
  // needs no migration (and a read-only open cannot make one).
  if (sub === 'verify') {
    const store = openReaderFor(opts);
    try {
      const r = store.verifyChain();
      print(r);
      if (!r.ok)
        process.stderr.write(
          `bmet-kiosk: chain broken at record ${r.firstBroken!.seq}: ${r.firstBroken!.problem}\n`,
        );
      return r.ok ? EXIT.done : EXIT.failure;
    } finally {
      store.close();
    }
  }
  if (sub === 'audit') {
    const store = openReaderFor(opts);
    try {
      for (const e of store.auditEntries(
        intOption(values.after, '--after', 0, Number.MAX_SAFE_INTEGER) ?? 0,
        intOption(values.limit, '--limit', 1, 100_000) ?? 1000,
      ))
        print(e);
      return EXIT.done;
    } finally {
      store.close();
    }
  }
  // A fixed clock is for verdicts, never for erasing: retention judges age by BMET's time.
  if (opts.nowMs !== undefined)
    throw new UsageError('log retention does not take --now: it judges age by the time BMET last gave');
  const days = intOption(values.days, '--days', 1, MAX_RETENTION_DAYS);
  const store = openStoreFor(opts);
  try {
    const actor = actorFrom(values, opts);
    if (days !== undefined && days !== store.retentionDays())
      store.setSetting(RETENTION_SETTING, String(days), actor);
    const r = store.applyRetention(actor);
    print(r);
    if (r.skipped) {
      process.stderr.write(`bmet-kiosk: retention skipped (${r.skipped.code}): ${r.skipped.why}\n`);
      return EXIT.failure;
    }
    return EXIT.done;
  } finally {
    store.close();
  }
}
