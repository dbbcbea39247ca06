/** RFC 9285 base45, strict: the 45-character alphabet only, no dangling character, no overflow. */
import { fail, ok, type Stage } from './stage.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? VALUE[c]! : -1;
}

export function decodeBase45(text: string): Stage<Buffer> {
  const n = text.length;
  if (n % 3 === 1) return fail('BASE45_INVALID');
  const out = Buffer.allocUnsafe(Math.floor(n / 3) * 2 + (n % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const a = digit(text, i),
      b = digit(text, i + 1),
      c = digit(text, i + 2);
    if (a < 0 || b < 0 || c < 0) return fail('BASE45_INVALID');
    const v = a + b * 45 + c * 2025;
    if (v > 0xffff) return fail('BASE45_INVALID');
    out[o++] = v >> 8;
    out[o++] = v & 0xff;
  }
  if (i < n) {
    const a = digit(text, i),
      b = digit(text, i + 1);
    if (a < 0 || b < 0) return fail('BASE45_INVALID');
    const v = a + b * 45;
    if (v > 0xff) return fail('BASE45_INVALID');
    out[o] = v; // the last byte
  }
  return ok(out);
}

/** Encoder, for fixtures and tests (the kiosk itself only decodes). */
export function encodeBase45(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let v = bytes[i]! * 256 + bytes[i + 1]!;
    const c = v % 45;
    v = (v - c) / 45;
    const d = v % 45;
    const e = (v - d) / 45;
    s += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const v = bytes[bytes.length - 1]!;
    s += ALPHABET[v % 45]! + ALPHABET[Math.floor(v / 45)]!;
  }
  return s;
}
