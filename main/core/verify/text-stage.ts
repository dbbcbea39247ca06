/** Stages 1–2 of qr-format.md: trim scanner whitespace, bound the length, check the BMET1 prefix. */
import { fail, ok, type Stage } from './stage.ts';

export const MAX_QR_CHARS = 4296;
export const PREFIX = 'BMET1:';

// Only CR, LF, TAB and space are trimmed: other Unicode whitespace is not scanner noise.
const TRIM_RE = /^[\r\n\t ]+|[\r\n\t ]+$/g;

/** Returns the base45 body after the prefix. */
export function textStage(raw: string): Stage<string> {
  const text = raw.replace(TRIM_RE, '');
  if (text.length > MAX_QR_CHARS) return fail('PAYLOAD_TOO_LARGE');
  if (!text.startsWith(PREFIX)) return fail('FORMAT_UNKNOWN');
  return ok(text.slice(PREFIX.length));
}
