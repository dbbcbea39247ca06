/** Strict base64url (RFC 4648 §5, no padding) for kids, bundle fields and headers. */

const B64URL_RE = /^[A-Za-z0-9_-]*$/;

/** Decodes unpadded base64url; null for anything else (padding, other alphabets, bad length). */
export function fromBase64url(text: string): Buffer | null {
  if (typeof text !== 'string' || !B64URL_RE.test(text) || text.length % 4 === 1) return null;
  const out = Buffer.from(text, 'base64url');
  // Reject non-canonical trailing bits so one byte string has exactly one text form.
  return out.toString('base64url') === text ? out : null;
}

export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
