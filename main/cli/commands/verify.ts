/** `verify [QR …]`: one JSON verdict line per QR argument, or per stdin line. */
import type { Verdict } from '../../contract/verdict.ts';
import { MAX_QR_CHARS } from '../../core/verify/text-stage.ts';
import { EXIT } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { makeScanHandler } from '../scan-handler.ts';

/** The verdict as cli.md prints it: rule texts stay in the screens, not the JSON line. */
export function verdictLine(v: Verdict): string {
  const reasons = v.reasons.map(({ text: _text, ...r }) => r);
  return JSON.stringify({ status: v.status, reasons, kid: v.kid, clearance: v.clearance });
}

// A line longer than this is cut off and answered PAYLOAD_TOO_LARGE, not buffered without bound.
const MAX_LINE_CHARS = MAX_QR_CHARS * 4;

/** Splits a stream of chunks into lines (LF-terminated; a final unterminated line counts). */
export async function forEachLineBatch(input: NodeJS.ReadableStream, onLines: (lines: string[]) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let overlong = false;
  for await (const chunk of input) {
    const text = pending + decoder.decode(chunk as Buffer, { stream: true });
    const lines = text.split('\n');
    pending = lines.pop()!;
    if (overlong && lines.length) {
      lines[0] = '\u0000'.repeat(MAX_LINE_CHARS + 1); // the tail of an overlong line: still one verdict
      overlong = false;
    }
    if (pending.length > MAX_LINE_CHARS) {
      overlong = true;
      pending = '';
    }
    if (lines.length) onLines(lines);
  }
  pending += decoder.decode();
  if (overlong) onLines(['\u0000'.repeat(MAX_LINE_CHARS + 1)]);
  else if (pending.length) onLines([pending]);
}

export async function runVerify(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {});
  const handler = makeScanHandler(sharedFrom(values));
  let notLogged = 0;
  try {
    // Each verdict is committed by handle() before its line is written (log before show).
    // One that could not be logged is still printed, with "logged": false, and said on stderr.
    const verifyLines = (lines: string[]) => {
      let out = '';
      for (const line of lines) {
        const r = handler.handle(line);
        if (r.error === undefined) out += verdictLine(r.verdict) + '\n';
        else {
          notLogged++;
          out += verdictLine(r.verdict).slice(0, -1) + ',"logged":false}\n';
          process.stderr.write(`bmet-kiosk: NOT LOGGED: ${r.error}\n`);
        }
      }
      process.stdout.write(out);
    };
    if (positionals.length) verifyLines(positionals);
    else await forEachLineBatch(process.stdin, verifyLines);
  } finally {
    handler.close();
  }
  if (notLogged) process.stderr.write(`bmet-kiosk: ${notLogged} verdict(s) were shown but NOT LOGGED\n`);
  return notLogged ? EXIT.failure : EXIT.done;
}
