/**
 * Opens a .bmettrust file: the JWS envelope (RFC 7515 §7.2.1), the threshold of pinned
 * root signatures, then the payload. The payload is only interpreted once enough root
 * signatures hold: unverified content is never read as fact.
 */
import { createHash } from 'node:crypto';
import type { BundleCode, FileCode } from '../../contract/codes.ts';
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_SIGNATURES } from '../../contract/trust-bundle.ts';
import { fromBase64url } from '../crypto/base64url.ts';
import { readBounded } from '../read-bounded.ts';
import { verifyStrict } from '../crypto/ed25519.ts';
// The hand-written check, not the zod schema: same rules, without zod's modules at every start.
import { validatePayload } from './bundle-check.ts';
import { duplicateMemberName } from './json-members.ts';
import type { BundlePayload, IgnoredRule } from './bundle-types.ts';
import { prepareTrust, type PreparedTrust } from './prepared-trust.ts';
import type { RootSet } from './roots.ts';

export { MAX_BUNDLE_BYTES, MAX_BUNDLE_SIGNATURES };
const JWS_TYP = 'bmet-trust+jws';

export interface VerifiedBundle {
  payload: BundlePayload;
  /** SHA-256 of the file's bytes, hex: identifies the file in the audit log. */
  sha256: string;
  /** Kids of the pinned roots whose signatures held. */
  signedBy: string[];
  /**
   * Every kid the bundle's EdDSA signatures name, verified or not: under roots holding fewer
   * than `threshold` of these the bundle cannot open (the store records it to choose without opening).
   */
  signatureKids: string[];
  /** Its rules of kinds this kiosk does not know, ignored (their log lines: bundleWarnings). */
  ignoredRules: IgnoredRule[];
  /** Ready for the scan path. */
  trust: PreparedTrust;
}

export type OpenResult = { ok: true; bundle: VerifiedBundle } | { ok: false; code: BundleCode; why: string };

const refuse = (code: BundleCode, why: string): OpenResult => ({ ok: false, code, why });

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

type Parsed = { ok: true; value: unknown } | { ok: false; why: string };

/**
 * UTF-8 JSON with every object's member names unique (RFC 7515 §4 lets a JWS parser keep the last
 * of duplicates, or reject them: the kiosk rejects them, so `"version":99,"version":16` can never
 * be read as one version by the kiosk and as another by a person or a tool checking the file).
 */
function parseJson(bytes: Buffer, what: string): Parsed {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { ok: false, why: `${what} is not UTF-8 JSON` };
  }
  const twice = duplicateMemberName(text);
  if (twice !== null)
    return {
      ok: false,
      why: `${what} names the member ${JSON.stringify(twice.slice(0, 64))} twice in one object`,
    };
  return { ok: true, value };
}

export type ReadResult =
  { ok: true; bytes: Buffer } | { ok: false; code: 'BUNDLE_MALFORMED' | FileCode; why: string };

/**
 * Reads a bundle file named on a command line or in a config: a regular file within
 * MAX_BUNDLE_BYTES (readBounded: a FIFO, a device or a file that grows meanwhile is refused,
 * not slurped). What cannot be read as a file at all — missing, no permission, or no regular file
 * (a folder, a FIFO, /dev/zero) — is UNREADABLE, as for a root key (roots.ts): BUNDLE_MALFORMED
 * says a file was read and is no bundle, which a folder never was.
 */
export function readBundleBytes(file: string): ReadResult {
  const r = readBounded(file, MAX_BUNDLE_BYTES);
  if (r.ok) return r;
  const unreadable = r.problem === 'unreadable' || r.problem === 'not-a-file';
  return { ok: false, code: unreadable ? 'UNREADABLE' : 'BUNDLE_MALFORMED', why: r.why };
}

/**
 * The JWS signing input, ASCII(protected "." payload) (RFC 7515 §5.2), both already checked to be
 * base64url (ASCII), written straight into one buffer: joining them into one string first and
 * encoding that took ~90–200 ms for a 27 MiB bundle (the joined string is flattened, then encoded),
 * against ~3 ms.
 */
function signingInputOf(protectedText: string, payloadText: string): Buffer {
  const out = Buffer.allocUnsafe(protectedText.length + 1 + payloadText.length);
  out.write(protectedText, 0, 'latin1');
  out[protectedText.length] = 0x2e; // '.'
  out.write(payloadText, protectedText.length + 1, 'latin1');
  return out;
}

export function openBundle(bytes: Buffer, roots: RootSet): OpenResult {
  if (bytes.length > MAX_BUNDLE_BYTES)
    return refuse('BUNDLE_MALFORMED', `file is larger than ${MAX_BUNDLE_BYTES} bytes`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = parseJson(bytes, 'the file');
  if (!parsed.ok) return refuse('BUNDLE_MALFORMED', parsed.why);
  const jws = parsed.value;
  if (
    !isObject(jws) ||
    typeof jws.payload !== 'string' ||
    !Array.isArray(jws.signatures) ||
    jws.signatures.length === 0
  ) {
    return refuse('BUNDLE_MALFORMED', 'not a JWS in General JSON Serialization');
  }
  if (jws.signatures.length > MAX_BUNDLE_SIGNATURES) {
    return refuse(
      'BUNDLE_MALFORMED',
      `${jws.signatures.length} signature entries, at most ${MAX_BUNDLE_SIGNATURES} allowed`,
    );
  }
  const payloadText = jws.payload;
  const payloadBytes = fromBase64url(payloadText);
  if (!payloadBytes) return refuse('BUNDLE_MALFORMED', 'payload is not base64url');

  const signedBy = new Set<string>();
  const signatureKids = new Set<string>();
  // Each pinned root is verified once, on the first entry naming it: a wrong signature is
  // remembered too, so entries repeating a kid cannot make the kiosk hash the payload again.
  const tried = new Set<string>();
  for (const sig of jws.signatures as unknown[]) {
    if (!isObject(sig) || typeof sig.protected !== 'string' || typeof sig.signature !== 'string') {
      return refuse('BUNDLE_MALFORMED', 'a signature entry lacks protected/signature strings');
    }
    const headerBytes = fromBase64url(sig.protected);
    const header = headerBytes && parseJson(headerBytes, "a signature's protected header");
    const signature = fromBase64url(sig.signature);
    if (header && !header.ok) return refuse('BUNDLE_MALFORMED', header.why);
    if (!header || !isObject(header.value) || !signature)
      return refuse('BUNDLE_MALFORMED', 'a signature entry is not base64url JSON');
    const h = header.value;
    // Only EdDSA signatures by pinned roots, typed as trust bundles, count; others are ignored.
    // So is one naming critical extensions (RFC 7515 §4.1.11): the kiosk understands none, and a
    // JWS whose `crit` lists one the recipient does not understand is invalid.
    if (
      h.alg !== 'EdDSA' ||
      typeof h.kid !== 'string' ||
      (h.typ !== undefined && h.typ !== JWS_TYP) ||
      h.crit !== undefined ||
      (isObject(sig.header) && sig.header.crit !== undefined)
    )
      continue;
    signatureKids.add(h.kid);
    const root = roots.keys.get(h.kid);
    if (!root || tried.has(h.kid)) continue;
    tried.add(h.kid);
    const signingInput = signingInputOf(sig.protected, payloadText);
    if (verifyStrict(root, signingInput, signature)) signedBy.add(h.kid);
  }
  if (signedBy.size < roots.threshold) {
    return refuse(
      'BUNDLE_SIGNATURE_INVALID',
      `${signedBy.size} valid pinned-root signature(s), ${roots.threshold} needed`,
    );
  }

  const payloadJson = parseJson(payloadBytes, 'the payload');
  if (!payloadJson.ok) return refuse('BUNDLE_MALFORMED', payloadJson.why);
  const v = validatePayload(payloadJson.value);
  if (!v.ok) return refuse('BUNDLE_MALFORMED', v.why);
  const prepared = prepareTrust(v.payload, sha256);
  if (!prepared.ok) return refuse('BUNDLE_MALFORMED', prepared.why);
  return {
    ok: true,
    bundle: {
      payload: v.payload,
      sha256,
      signedBy: [...signedBy],
      signatureKids: [...signatureKids].sort(),
      ignoredRules: v.ignoredRules,
      trust: prepared.trust,
    },
  };
}
