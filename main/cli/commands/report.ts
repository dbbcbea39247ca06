/**
 * `report --date YYYY-MM-DD [--format json|csv|pdf] [--out FILE]`: the day's verification
 * report from the data dir (cli.md); audited as an export (not with --no-log, which changes
 * nothing in the data dir). `pdf` is the supervisor's A4 page, rendered from the screens'
 * print page in headless Chromium (main/app/report-printer.ts).
 */
import { printWithChromium, PrintUnavailableError } from '../../app/report-printer.ts';
import { dhakaDate } from '../../contract/dhaka-time.ts';
import { isCalendarDate } from '../../core/verify/dates.ts';
import { EXIT, FailedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { checkWritable, outputTo } from '../out-file.ts';
import { actorFrom, openReaderFor, openStoreFor, requireDatabase } from '../store-context.ts';

const USAGE = 'usage: report --date YYYY-MM-DD [--format json|csv|pdf] [--out FILE]';

export async function runReport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    date: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    technician: { type: 'string' },
  });
  const opts = sharedFrom(values);
  if (positionals.length) throw new UsageError(USAGE);
  const date = values.date;
  if (!isCalendarDate(date))
    throw new UsageError('report needs --date YYYY-MM-DD (a real calendar date, Asia/Dhaka)');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv' && format !== 'pdf')
    throw new UsageError('--format is json, csv or pdf');
  // A PDF is bytes for a file, never for a terminal.
  if (format === 'pdf' && !values.out) throw new UsageError('--format pdf needs --out FILE');
  requireDatabase(opts);
  // Before anything is read or rendered (a PDF takes Chromium seconds, tens of them on a busy
  // machine): an --out that cannot be written is said at once, and nothing is exported or audited.
  if (values.out !== undefined) checkWritable(values.out);
  // --no-log: nothing in the data dir changes (cli.md): it is read as it is (also a data dir an
  // older schema made, which a writable open would migrate), and no export audit row is written.
  const store = opts.noLog ? null : openStoreFor(opts);
  const source = store ?? openReaderFor(opts);
  try {
    // Opened at the first write: a PDF that could not be printed leaves no empty file behind.
    const write = outputTo(values.out);
    let rows: number;
    try {
      if (format === 'json') {
        const r = source.dailyReport(date);
        rows = r.total;
        write.put(JSON.stringify(r) + '\n');
      } else if (format === 'csv') {
        rows = -1; // the header
        let chunk = '';
        for (const line of source.dailyCsv(date)) {
          rows++;
          chunk += line;
          if (chunk.length > 64 * 1024) {
            write.put(chunk);
            chunk = '';
          }
        }
        write.put(chunk);
      } else {
        // Made at: the real clock's time, never --now.
        const page = source.reportPage(date, new Date().toISOString());
        rows = page.report.total;
        try {
          write.put(await printWithChromium(page));
        } catch (err) {
          if (err instanceof PrintUnavailableError) throw new FailedError(err.message, 'PRINT_UNAVAILABLE');
          throw err;
        }
      }
    } finally {
      write.done();
    }
    notYetCome(date, rows, opts.nowMs);
    store?.appendAudit(actorFrom(values, opts), 'report.export', {
      date,
      format,
      rows,
      ...(values.out ? { out: values.out } : {}),
    });
  } finally {
    source.close();
  }
  return EXIT.done;
}

/**
 * cli.md fixes the report's shape, so an empty report of a day after today is said on stderr: its
 * zeros are not a quiet past day. Only when empty: records carry the real clock's time, so under a
 * --now before them (or a clock put back) a later day can hold them, and a report that shows
 * them is not told it cannot.
 */
function notYetCome(date: string, rows: number, nowMs: number | undefined): void {
  const today = dhakaDate(nowMs ?? Date.now());
  if (date <= today || rows > 0) return;
  const by = nowMs === undefined ? '' : ', by --now';
  process.stderr.write(
    `bmet-kiosk: ${date} has not come yet (today in Dhaka is ${today}${by}): its report is empty because the day is still to come\n`,
  );
}
