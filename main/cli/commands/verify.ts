/** `verify [QR …]`: one JSON verdict line per QR argument, or per stdin line. */
import type { Verdict } from '../../contract/verdict.ts';
import { MAX_SCAN_TEXT } from '../../contract/scan-limits.ts';
import { EXIT, FailedError } from '../exit-codes.ts';
import { chunksOf, InputReadError, stdinStream } from '../input.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { watchStdout } from '../stdout-guard.ts';
import { makeScanHandler } from '../scan-handler.ts';

/**
 * The verdict as cli.md prints it: rule texts stay in the screens, not the JSON line. A
 * verdict that could not be logged carries `"logged": false` (cli.md's one extra field).
 */
export function verdictLine(v: Verdict, logged = true): string {
  const reasons = v.reasons.map(({ text: _text, ...r }) => r);
  const line = { status: v.status, reasons, kid: v.kid, clearance: v.clearance };
  return JSON.stringify(logged ? line : { ...line, logged: false });
}

/**
 * Counts the verdicts shown but not logged and says why on stderr: once per distinct reason in
 * a row (a store that never opened is one message, not one a line).
 */
export function notLoggedTally(say: (s: string) => void) {
  let count = 0;
  let last: string | null = null;
  return {
    note(error: string) {
      count++;
      if (error !== last) say(`NOT LOGGED: ${error}`);
      last = error;
    },
    get count() {
      return count;
    },
  };
}

// A line longer than this is cut off and answered PAYLOAD_TOO_LARGE, not buffered without bound (a reader's bound).
const MAX_LINE_CHARS = MAX_SCAN_TEXT;

/** One input line; `overlong` when it ran past MAX_LINE_CHARS and `text` holds only its cut head. */
export interface InputLine {
  text: string;
  overlong: boolean;
}

/**
 * A whole line as read: one longer than the bound is cut there however the input came in chunks,
 * so the same input is answered and logged the same (the log keeps the SHA-256 of what was read).
 */
const inputLine = (text: string): InputLine =>
  text.length > MAX_LINE_CHARS
    ? { text: text.slice(0, MAX_LINE_CHARS), overlong: true }
    : { text, overlong: false };

/**
 * Splits a stream of chunks into lines (LF-terminated; a final unterminated line counts). A failure
 * to read `input` rejects with an InputReadError, after the lines read before it were given.
 */
export async function forEachLineBatch(
  input: NodeJS.ReadableStream,
  onLines: (lines: InputLine[]) => void | Promise<void>,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let head: string | null = null; // the first MAX_LINE_CHARS of a line being skipped as overlong
  for await (const chunk of chunksOf(input)) {
    const parts = (pending + decoder.decode(chunk as Buffer, { stream: true })).split('\n');
    pending = parts.pop()!;
    const lines = parts.map(inputLine);
    if (head !== null && lines.length) {
      lines[0] = { text: head, overlong: true }; // the tail of an overlong line: still exactly one verdict
      head = null;
    }
    if (pending.length > MAX_LINE_CHARS) {
      head ??= pending.slice(0, MAX_LINE_CHARS);
      pending = '';
    }
    if (lines.length) await onLines(lines);
  }
  pending += decoder.decode();
  if (head !== null) await onLines([{ text: head, overlong: true }]);
  else if (pending.length) await onLines([inputLine(pending)]);
}

/** Thrown from the line loop to stop reading once stdout cannot be written. */
const OUTPUT_FAILED = new Error('stdout failed');

/** A turn of the event loop: worker answers and stdout's errors come in (see runVerify). */
const aTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runVerify(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {});
  const handler = await makeScanHandler(sharedFrom(values));
  const notLogged = notLoggedTally((s) => process.stderr.write(`bmet-kiosk: ${s}\n`));
  // Verdicts come in order, each committed to the log before it is given here (log before show);
  // one that could not be logged is still printed, with "logged": false, and said on stderr.
  let out = '';
  // stdout that cannot be written (`verify … | head -1`, a full disk; kept by stdout-guard.ts): stop
  // reading and verifying and say why on stderr. Scans already read are still logged.
  const stdout = watchStdout();
  let flushQueued = false;
  const flush = () => {
    flushQueued = false;
    if (out && !stdout.error) process.stdout.write(out);
    out = '';
  };
  const batch = handler.batch((r) => {
    if (r.error !== undefined) notLogged.note(r.error);
    out += verdictLine(r.verdict, r.error === undefined) + '\n';
    if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush); // verdicts delivered by a worker's answer go out in the same turn
    }
  });
  const verifyLines = async (lines: InputLine[]) => {
    for (const line of lines) {
      if (batch.full) await batch.room();
      if (stdout.error) throw OUTPUT_FAILED;
      batch.push(line.text, line.overlong);
    }
    flush();
    // A turn after each chunk: libuv reads up to 32 chunks of a pipe in one turn, and without it
    // verdicts, the worker's answers and stdout's errors would wait until the pipe stops giving.
    await aTurn();
  };
  let readError: InputReadError | null = null;
  let inputEnded = false;
  try {
    if (positionals.length) await verifyLines(positionals.map((text) => ({ text, overlong: false })));
    else await forEachLineBatch(stdinStream(), verifyLines);
    inputEnded = true;
  } catch (err) {
    // The verdicts of the lines read stand (each logged first); what follows could not be read.
    if (err instanceof InputReadError) readError = err;
    else if (err !== OUTPUT_FAILED) throw err;
  } finally {
    try {
      await batch.drain(); // after a fault, the scans read before it are still answered first
    } finally {
      flush();
      await aTurn(); // the last write's error, if any, is in by then
      batch.close();
      handler.close();
    }
  }
  const outError = stdout.error;
  if (outError) {
    // No JSON line: there is no stdout to print it on.
    const why = stdout.why(outError);
    process.stderr.write(
      `bmet-kiosk: stdout could not be written (${why}): verification stopped; the scans verified before it are logged${inputEnded ? '' : ', the rest of the input was not read'}\n`,
    );
  }
  if (notLogged.count)
    process.stderr.write(`bmet-kiosk: ${notLogged.count} verdict(s) were shown but NOT LOGGED\n`);
  if (readError)
    throw new FailedError(
      `stdin could not be read: ${readError.message}; only the lines read before it have verdicts`,
      'INPUT_UNREADABLE',
    );
  return outError || notLogged.count ? EXIT.failure : EXIT.done;
}
