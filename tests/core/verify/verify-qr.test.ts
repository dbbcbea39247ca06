// The scan path, stage by stage and check by check, over cards made in-process by BMET's
// encoder (keys/card-encoder.ts) and a bundle signed by a test root.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  cbor,
  claimsPayload,
  corrupt,
  encodeCard,
  qrText,
  qrTextOfZlib,
  sign1Bytes,
  signSign1,
  type CardClaims,
  type CardOptions,
} from '../../../keys/card-encoder.ts';
import { verifyQr } from '../../../main/core/verify/verify-qr.ts';
import { ISSUER, RETIRED, REVOKED, payloadOf, testKey, testTrust } from '../../helpers/trust.ts';

const NOW = Date.parse('2026-11-22T06:00:00Z');
const NOW_S = NOW / 1000;
const clearance = {
  v: 1,
  cid: 'BMET-2026-00012345',
  pp: 'A01234567',
  ppx: '2031-01-01',
  nm: 'MD RAHIM UDDIN',
  nmb: 'মোঃ রহিম উদ্দিন',
  dob: '1990-05-05',
  sx: 'M',
  dst: 'SA',
  vt: 'EMP',
  occ: 'Driver',
  pdo: '2026-10-01',
  fp: true,
};
const claims = (over: Partial<CardClaims> = {}, c: Record<string, unknown> = {}): CardClaims => ({
  iss: 'BD-BMET',
  iat: NOW_S - 86400,
  exp: NOW_S + 90 * 86400,
  clearance: { ...clearance, ...c },
  ...over,
});
const trust = testTrust();
const verify = (qr: unknown, t = trust, extra = {}) => verifyQr(qr, { trust: t, nowMs: NOW, ...extra });
const card = (c: CardClaims = claims(), o: CardOptions = {}, key = ISSUER) => encodeCard(c, key, o);
const codes = (qr: unknown, t = trust) => verify(qr, t).reasons.map((r) => r.code);

describe('decoding stages end at the first failure, with one code and nothing shown', () => {
  it.each([
    ['not text', 42, 'FORMAT_UNKNOWN'],
    ['another prefix', 'HC1:NCF', 'FORMAT_UNKNOWN'],
    ['a lower-case prefix', 'bmet1:NCF', 'FORMAT_UNKNOWN'],
    ['too long', `BMET1:${'0'.repeat(4291)}`, 'PAYLOAD_TOO_LARGE'],
    ['base45 garbage', 'BMET1:abc', 'BASE45_INVALID'],
    ['not zlib', qrTextOfZlib(Buffer.from('plain')), 'DECOMPRESS_FAILED'],
    ['a zlib bomb', qrTextOfZlib(deflateSync(Buffer.alloc(100_000))), 'PAYLOAD_TOO_LARGE'],
    ['zlib of non-CBOR', qrText(Buffer.from([0xff, 0xff])), 'COSE_MALFORMED'],
    ['a 3-element array', qrText(cbor([Buffer.alloc(0), new Map(), Buffer.alloc(0)])), 'COSE_MALFORMED'],
    [
      'a COSE_Sign1 with trailing bytes',
      qrText(Buffer.concat([signSign1(claimsPayload(claims()), ISSUER), Buffer.from([0])])),
      'COSE_MALFORMED',
    ],
    [
      'protected header not a bstr',
      qrText(sign1Bytes(new Map([[1, -8]]), new Map(), Buffer.alloc(1), Buffer.alloc(64))),
      'COSE_MALFORMED',
    ],
    [
      'unprotected header not a map',
      qrText(sign1Bytes(cbor(new Map([[1, -8]])), [], Buffer.alloc(1), Buffer.alloc(64))),
      'COSE_MALFORMED',
    ],
    [
      'protected bstr holding a non-map',
      qrText(sign1Bytes(cbor([1, -8]), new Map(), Buffer.alloc(1), Buffer.alloc(64))),
      'COSE_MALFORMED',
    ],
    ['alg ES256', card(claims(), { alg: -7 }), 'ALG_UNSUPPORTED'],
    ['no alg', card(claims(), { alg: null }), 'ALG_UNSUPPORTED'],
    ['alg only unprotected', card(claims(), { algIn: 'unprotected' }), 'ALG_UNSUPPORTED'],
    ['no kid', card(claims(), { kidIn: 'none' }), 'COSE_MALFORMED'],
    ['a 7-byte kid', card(claims(), { kid: Buffer.alloc(7) }), 'COSE_MALFORMED'],
    ['a kid no bundle lists', card(claims(), {}, testKey('stranger')), 'KID_UNKNOWN'],
    [
      'a stranger signing under our kid',
      card(claims(), { kid: ISSUER.kidBytes }, testKey('stranger')),
      'SIGNATURE_INVALID',
    ],
    [
      'a flipped signature bit',
      card(claims(), { signatureTransform: corrupt.flipBit(3) }),
      'SIGNATURE_INVALID',
    ],
    [
      'non-canonical S (S + L)',
      card(claims(), { signatureTransform: corrupt.nonCanonicalS }),
      'SIGNATURE_INVALID',
    ],
    [
      'a 63-byte signature',
      card(claims(), { signatureTransform: corrupt.truncate(63) }),
      'SIGNATURE_INVALID',
    ],
    [
      'a payload swapped after signing',
      card(claims(), { payloadAfterSigning: claimsPayload(claims({}, { dst: 'KW' })) }),
      'SIGNATURE_INVALID',
    ],
  ])('%s -> %s', (_why, qr, code) => {
    const v = verify(qr);
    expect(v.status).toBe('invalid');
    expect(v.reasons).toEqual([{ code }]);
    expect(v.clearance).toBeNull();
  });
});

describe('a genuine card', () => {
  it.each([
    ['tagged, kid protected', {}],
    ['untagged', { tagged: false }],
    ['kid in the unprotected map', { kidIn: 'unprotected' as const }],
    ['kid in both maps', { kidIn: 'both' as const }],
  ])('is valid: %s', (_why, o) => {
    const v = verify(card(claims(), o));
    expect(v).toMatchObject({ status: 'valid', reasons: [], kid: ISSUER.kid });
    expect(v.clearance).toMatchObject({ cid: 'BMET-2026-00012345', nmb: 'মোঃ রহিম উদ্দিন' });
  });

  it('survives scanner whitespace around it', () => {
    expect(verify(` \t${card()}\r\n`).status).toBe('valid');
  });

  it('ignores unknown clearance keys and claims', () => {
    expect(verify(card(claims({ extra: [[99, 'x']] }, { future: 'field' }))).status).toBe('valid');
  });
});

describe('after a good signature every failing check is reported', () => {
  it.each([
    ['wrong issuer', claims({ iss: 'BD-OTHER' }), ['ISSUER_UNKNOWN']],
    ['iss missing', claims({ iss: undefined }), ['SCHEMA_INVALID']],
    ['iat as text', claims({ iat: '2026-11-21' }), ['SCHEMA_INVALID']],
    ['exp a fraction', claims({ exp: NOW_S + 0.5 }), ['SCHEMA_INVALID']],
    ['no clearance map', claims({ clearance: undefined }), ['SCHEMA_INVALID']],
    ['clearance not a map', claims({ clearance: ['x'] }), ['SCHEMA_INVALID']],
    ['schema version 2', claims({}, { v: 2 }), ['SCHEMA_INVALID']],
    ['passport number too short', claims({}, { pp: 'A1234' }), ['SCHEMA_INVALID']],
    ['lower-case clearance id', claims({}, { cid: 'bmet-2026-1' }), ['SCHEMA_INVALID']],
    ['30 February', claims({}, { dob: '1990-02-30' }), ['SCHEMA_INVALID']],
    ['sex not M/F/X', claims({}, { sx: 'U' }), ['SCHEMA_INVALID']],
    ['a 65-character name', claims({}, { nm: 'A'.repeat(65) }), ['SCHEMA_INVALID']],
    ['a 64-character Bangla name', claims({}, { nmb: 'ক'.repeat(64) }), []],
    ['optional fp not a bool', claims({}, { fp: 'yes' }), ['SCHEMA_INVALID']],
    ['iat exactly 300 s ahead', claims({ iat: NOW_S + 300 }), []],
    ['iat 301 s ahead', claims({ iat: NOW_S + 301 }), ['NOT_YET_VALID']],
    ['exp exactly now', claims({ exp: NOW_S }), ['CLEARANCE_EXPIRED']],
    ['exp a second from now', claims({ exp: NOW_S + 1 }), []],
    ['revoked clearance', claims({}, { cid: 'BMET-2026-00000042' }), ['CLEARANCE_REVOKED']],
    [
      'expired and revoked',
      claims({ exp: NOW_S - 1 }, { cid: 'BMET-2026-00000042' }),
      ['CLEARANCE_EXPIRED', 'CLEARANCE_REVOKED'],
    ],
    [
      'schema-invalid but revoked',
      claims({}, { cid: 'BMET-2026-00000042', pp: 'x' }),
      ['SCHEMA_INVALID', 'CLEARANCE_REVOKED'],
    ],
    [
      'issued before the key was valid',
      claims({ iat: Date.parse('2025-12-31T00:00:00Z') / 1000 }),
      ['KEY_NOT_VALID_AT_ISSUE'],
    ],
  ])('%s -> %j', (_why, c, want) => {
    expect(codes(card(c)).sort()).toEqual([...want].sort());
  });

  it('a retired key verifies cards issued inside its window, not after', () => {
    expect(codes(card(claims({ iat: Date.parse('2025-06-01T00:00:00Z') / 1000 }), {}, RETIRED))).toEqual([]);
    expect(codes(card(claims(), {}, RETIRED))).toEqual(['KEY_NOT_VALID_AT_ISSUE']);
  });

  it('a revoked key (status or revoked.kids) makes KEY_REVOKED after its signature checks out', () => {
    expect(codes(card(claims(), {}, REVOKED))).toEqual(['KEY_REVOKED']);
    const t = testTrust(payloadOf({ revoked: { kids: [ISSUER.kid], clearances: [] } }));
    expect(codes(card(), t)).toEqual(['KEY_REVOKED']);
  });

  it('an expired bundle warns but keeps verifying', () => {
    const v = verifyQr(card(claims({ exp: NOW_S + 400 * 86400 })), {
      trust,
      nowMs: Date.parse('2027-02-18T00:00:00Z'),
    });
    expect(v.status).toBe('warning');
    expect(v.reasons).toEqual([{ code: 'TRUST_BUNDLE_EXPIRED' }]);
    expect(v.clearance).not.toBeNull();
  });

  it('a repeat scan warns with firstSeenAt', () => {
    const v = verify(card(), trust, {
      firstSeenAt: (cid: string) => (cid === 'BMET-2026-00012345' ? '2026-11-22T05:00:00.000Z' : null),
    });
    expect(v.status).toBe('warning');
    expect(v.reasons).toEqual([{ code: 'DUPLICATE_SCAN', firstSeenAt: '2026-11-22T05:00:00.000Z' }]);
  });

  it('a warn rule makes a warning, a block rule invalid, with rule ids and texts', () => {
    const text = { en: 'e', bn: 'ব' };
    const t = testTrust(
      payloadOf({
        rules: [
          {
            id: 'SA-PDO',
            kind: 'pdoRequired',
            countries: ['SA'],
            from: '2020-01-01',
            withinMonths: 1,
            severity: 'warn',
            text,
          },
          {
            id: 'SA-PP',
            kind: 'passportMinValidity',
            countries: ['SA'],
            from: '2020-01-01',
            months: 120,
            severity: 'block',
            text,
          },
          {
            id: 'FUTURE',
            kind: 'biometricMatch',
            countries: ['*'],
            from: '2020-01-01',
            severity: 'block',
            text,
          },
        ],
      }),
    );
    const warn = verify(card(claims({}, { ppx: '2040-01-01' })), t);
    expect(warn.status).toBe('warning');
    expect(warn.reasons).toEqual([{ code: 'RULE_FAILED', rule: 'SA-PDO', text }]);
    const both = verify(card(), t);
    expect(both.status).toBe('invalid');
    expect(both.reasons.map((r) => r.rule)).toEqual(['SA-PDO', 'SA-PP']);
  });
});
