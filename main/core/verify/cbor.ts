/** The one CBOR decoder configuration the kiosk uses: maps stay Maps (integer keys), no records. */
// 'cbor-x/decode' (for Node: the plain-JS index) rather than 'cbor-x': the main entry also
// loads the stream classes and probes for the optional native string extractor (cbor-extract,
// node-gyp-build, detect-libc, child_process) at every start; a card's few short strings
// decode as fast in JS, and the decoded values are the same.
import { Decoder, Tag } from 'cbor-x/decode';

const decoder = new Decoder({
  mapsAsObjects: false,
  useRecords: false,
  bundleStrings: false,
} as ConstructorParameters<typeof Decoder>[0]);

export type CborResult = { ok: true; value: unknown } | { ok: false };

/** Decodes exactly one CBOR item; trailing bytes, truncation or any decoder error give ok:false. */
export function decodeCbor(bytes: Uint8Array): CborResult {
  try {
    return { ok: true, value: decoder.decode(bytes) };
  } catch {
    return { ok: false };
  }
}

export { Tag };

export function isBytes(x: unknown): x is Buffer {
  // A CBOR bstr decodes to a Buffer; typed-array tags (64…) decode to plain Uint8Arrays and are not bstrs.
  return Buffer.isBuffer(x);
}
