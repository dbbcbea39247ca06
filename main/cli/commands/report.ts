/** `report --date YYYY-MM-DD [--format json|csv]`: the day's verification report from the data dir (cli.md); audited as an export. */
import { isCalendarDate } from '../../core/verify/dates.ts';
import { EXIT, FailedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { actorFrom, dataDirFor, hasDatabase, openStoreFor } from '../store-context.ts';

export async function runReport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    date: { type: 'string' },
    format: { type: 'string' },
    technician: { type: 'string' },
  });
  const opts = sharedFrom(values);
  if (positionals.length) throw new UsageError('usage: report --date YYYY-MM-DD [--format json|csv]');
  const date = values.date;
  if (!isCalendarDate(date))
    throw new UsageError('report needs --date YYYY-MM-DD (a real calendar date, Asia/Dhaka)');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError('--format is json or csv');
  const dataDir = dataDirFor(opts);
  if (!hasDatabase(dataDir)) throw new FailedError(`no kiosk database in ${dataDir}`);
  const store = openStoreFor(opts);
  try {
    let rows: number;
    if (format === 'json') {
      const r = store.dailyReport(date);
      rows = r.total;
      process.stdout.write(JSON.stringify(r) + '\n');
    } else {
      rows = -1; // the header
      let chunk = '';
      for (const line of store.dailyCsv(date)) {
        rows++;
        chunk += line;
        if (chunk.length > 64 * 1024) {
          process.stdout.write(chunk);
          chunk = '';
        }
      }
      process.stdout.write(chunk);
    }
    store.appendAudit(actorFrom(values, opts), 'report.export', { date, format, rows });
  } finally {
    store.close();
  }
  return EXIT.done;
}
