/**
 * `log verify`: re-verifies the hash chain and names the first broken record (exit 1 if any).
 * `log retention [--days N]`: sets the retention period (audited) and applies it now.
 * `log audit [--after SEQ] [--limit N]`: the audit log, one JSON object a line.
 */
import { EXIT, FailedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { actorFrom, dataDirFor, hasDatabase, openStoreFor } from '../store-context.ts';
import { RETENTION_SETTING } from '../../core/store/retention.ts';

const print = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

function intOption(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
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
  const [sub, ...rest] = positionals;
  if (rest.length || !['verify', 'retention', 'audit'].includes(sub ?? ''))
    throw new UsageError(
      'usage: log verify | log retention [--days N] | log audit [--after SEQ] [--limit N]',
    );
  const dataDir = dataDirFor(opts);
  if (!hasDatabase(dataDir)) throw new FailedError(`no kiosk database in ${dataDir}`);
  if (sub === 'verify') {
    const store = openStoreFor(opts, true);
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
    const store = openStoreFor(opts, true);
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
  const days = intOption(values.days, '--days', 1, 36500);
  const store = openStoreFor(opts);
  try {
    const actor = actorFrom(values, opts);
    if (days !== undefined && days !== store.retentionDays())
      store.setSetting(RETENTION_SETTING, String(days), actor);
    print(store.applyRetention(actor));
    return EXIT.done;
  } finally {
    store.close();
  }
}
