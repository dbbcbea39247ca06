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
import type { BundlePayload } from './bundle-types.ts';
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
  warnings: string[];
  /** Ready for the scan path. */
  trust: PreparedTrust;
}

export type OpenResult = { ok: true; bundle: VerifiedBundle } | { ok: false; code: BundleCode; why: string };

const refuse = (code: BundleCode, why: string): OpenResult => ({ ok: false, code, why });

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
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

export function openBundle(bytes: Buffer, roots: RootSet): OpenResult {
  if (bytes.length > MAX_BUNDLE_BYTES)
    return refuse('BUNDLE_MALFORMED', `file is larger than ${MAX_BUNDLE_BYTES} bytes`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const jws = parseJson(bytes);
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
    const header = headerBytes && parseJson(headerBytes);
    const signature = fromBase64url(sig.signature);
    if (!isObject(header) || !signature)
      return refuse('BUNDLE_MALFORMED', 'a signature entry is not base64url JSON');
    // Only EdDSA signatures by pinned roots, typed as trust bundles, count; others are ignored.
    if (
      header.alg !== 'EdDSA' ||
      typeof header.kid !== 'string' ||
      (header.typ !== undefined && header.typ !== JWS_TYP)
    )
      continue;
    signatureKids.add(header.kid);
    const root = roots.keys.get(header.kid);
    if (!root || tried.has(header.kid)) continue;
    tried.add(header.kid);
    const signingInput = Buffer.from(`${sig.protected}.${payloadText}`, 'ascii');
    if (verifyStrict(root, signingInput, signature)) signedBy.add(header.kid);
  }
  if (signedBy.size < roots.threshold) {
    return refuse(
      'BUNDLE_SIGNATURE_INVALID',
      `${signedBy.size} valid pinned-root signature(s), ${roots.threshold} needed`,
    );
  }

  const v = validatePayload(parseJson(payloadBytes));
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
      warnings: v.warnings,
      trust: prepared.trust,
    },
  };
}
