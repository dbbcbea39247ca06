/** Claims stage: CWT claims (RFC 8392) and the clearance map of claim -1000, validated field by field. */
import { CID_RE, VISA_TYPES, type Clearance } from '../../contract/clearance.ts';
import { decodeCbor } from './cbor.ts';
import { isCalendarDate } from './dates.ts';

export const EXPECTED_ISSUER = 'BD-BMET';
const CLAIM_ISS = 1,
  CLAIM_EXP = 4,
  CLAIM_IAT = 6,
  CLAIM_CLEARANCE = -1000;

export interface Claims {
  /** Each present only when well-typed, so later checks run on whatever is sound. */
  iss?: string;
  iat?: number;
  exp?: number;
  clearance?: Clearance;
  /** The clearance id alone, when it is well-formed (revocation can still be checked). */
  cid?: string;
  schemaValid: boolean;
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
/** Text of min..max code points; counting only when UTF-16 length leaves it open (surrogate pairs). */
function isText(x: unknown, min: number, max: number): boolean {
  if (typeof x !== 'string') return false;
  if (x.length <= max && x.length >= min * 2) return true;
  if (x.length > max * 2) return false;
  let n = 0;
  for (const _ of x) n++;
  return n >= min && n <= max;
}
const matches = (x: unknown, re: RegExp) => typeof x === 'string' && re.test(x);

const PP_RE = /^[A-Z0-9]{6,9}$/;
const CC_RE = /^[A-Z]{2}$/;

type FieldCheck = (x: unknown) => boolean;
const REQUIRED: Record<string, FieldCheck> = {
  v: (x) => x === 1,
  cid: (x) => matches(x, CID_RE),
  pp: (x) => matches(x, PP_RE),
  ppx: isCalendarDate,
  nm: (x) => isText(x, 1, 64),
  dob: isCalendarDate,
  sx: (x) => x === 'M' || x === 'F' || x === 'X',
  dst: (x) => matches(x, CC_RE),
  vt: (x) => (VISA_TYPES as readonly unknown[]).includes(x),
};
// Optional keys: absent is fine; present but ill-typed is a schema failure (a careful
// reading of the spec, see README), because BMET's own encoder never writes them so.
const OPTIONAL: Record<string, FieldCheck> = {
  nmb: (x) => isText(x, 1, 64),
  occ: (x) => isText(x, 0, 64),
  emp: (x) => isText(x, 0, 96),
  ra: (x) => isText(x, 0, 32),
  pdo: isCalendarDate,
  reg: (x) => isText(x, 0, 32),
  fp: (x) => typeof x === 'boolean',
};

const REQUIRED_ENTRIES = Object.entries(REQUIRED);
const OPTIONAL_ENTRIES = Object.entries(OPTIONAL);

function readClearance(raw: unknown): { clearance?: Clearance; cid?: string; valid: boolean } {
  if (!(raw instanceof Map)) return { valid: false };
  const out: Record<string, unknown> = {};
  let valid = true;
  for (const [key, check] of REQUIRED_ENTRIES) {
    const x = raw.get(key);
    if (x === undefined || !check(x)) valid = false;
    else out[key] = x;
  }
  for (const [key, check] of OPTIONAL_ENTRIES) {
    if (!raw.has(key)) continue;
    const x = raw.get(key);
    if (!check(x)) valid = false;
    else out[key] = x;
  }
  // Unknown keys are ignored (forward compatible); non-text keys are simply never read.
  const cid = typeof out.cid === 'string' ? out.cid : undefined;
  return valid ? { clearance: out as unknown as Clearance, cid, valid } : { cid, valid };
}

/** Reads the CWT payload; never throws. */
export function readClaims(payload: Buffer): Claims {
  const decoded = decodeCbor(payload);
  if (!decoded.ok || !(decoded.value instanceof Map)) return { schemaValid: false };
  const map = decoded.value;
  const claims: Claims = { schemaValid: true };
  const iss = map.get(CLAIM_ISS),
    exp = map.get(CLAIM_EXP),
    iat = map.get(CLAIM_IAT);
  if (typeof iss === 'string') claims.iss = iss;
  else claims.schemaValid = false;
  if (isInt(exp)) claims.exp = exp;
  else claims.schemaValid = false;
  if (isInt(iat)) claims.iat = iat;
  else claims.schemaValid = false;
  const c = readClearance(map.get(CLAIM_CLEARANCE));
  if (!c.valid) claims.schemaValid = false;
  if (c.clearance) claims.clearance = c.clearance;
  if (c.cid) claims.cid = c.cid;
  return claims;
}
