// Opening .bmettrust files: the JWS envelope, the root threshold, the payload schema and
// the kid check, each refusal with its code (trust-bundle.md).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bundleFileText, signBundle, signBundleJws } from '../../../keys/bundle-signer.ts';
import { sign } from '../../../keys/signing-key.ts';
import { kidOf } from '../../../main/core/crypto/kid.ts';
import {
  openBundle,
  readBundleBytes,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLE_SIGNATURES,
} from '../../../main/core/trust/bundle-file.ts';
import { ISSUER, ROOT, openTestBundle, payloadOf, rootSetOf, testKey } from '../../helpers/trust.ts';
import { bundleWarnings } from '../../../main/core/trust/bundle-types.ts';

const IDENTITY = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]);
const ROOT2 = testKey('root-2');
const STRANGER = testKey('stranger');
const roots1 = rootSetOf([ROOT]);
const roots2of2 = rootSetOf([ROOT, ROOT2], 2);
const open = (text: string | Buffer, roots = roots1) => openBundle(Buffer.from(text), roots);
const codeOf = (r: ReturnType<typeof openBundle>) => (r.ok ? 'ok' : r.code);

describe('bundle envelope and signatures', () => {
  it('opens a bundle signed by the pinned root', () => {
    const r = openTestBundle();
    expect(
      r.ok && {
        version: r.bundle.payload.version,
        signedBy: r.bundle.signedBy,
        keys: r.bundle.trust.keys.size,
      },
    ).toEqual({ version: 7, signedBy: [ROOT.kid], keys: 3 });
  });

  const good = signBundleJws(payloadOf(), [ROOT]);
  it.each([
    ['not JSON', 'hello', 'BUNDLE_MALFORMED'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'BUNDLE_MALFORMED'],
    ['a JSON array', '[]', 'BUNDLE_MALFORMED'],
    ['no signatures', JSON.stringify({ payload: good.payload, signatures: [] }), 'BUNDLE_MALFORMED'],
    ['payload with padding', JSON.stringify({ ...good, payload: `${good.payload}=` }), 'BUNDLE_MALFORMED'],
    [
      'a signature entry without protected',
      JSON.stringify({ payload: good.payload, signatures: [{ signature: good.signatures[0]!.signature }] }),
      'BUNDLE_MALFORMED',
    ],
    ['signed by a stranger only', signBundle(payloadOf(), [STRANGER]), 'BUNDLE_SIGNATURE_INVALID'],
    [
      'a stranger claiming the root kid',
      signBundle(payloadOf(), [{ key: STRANGER, header: { kid: ROOT.kid } }]),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'alg none',
      signBundle(payloadOf(), [{ key: ROOT, header: { alg: 'none' } }]),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'another typ',
      signBundle(payloadOf(), [{ key: ROOT, header: { typ: 'JWT' } }]),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'payload changed after signing',
      JSON.stringify({ ...good, payload: signBundleJws(payloadOf({ version: 8 }), [ROOT]).payload }),
      'BUNDLE_SIGNATURE_INVALID',
    ],
  ])('%s -> %s', (_why, text, code) => {
    expect(codeOf(open(text))).toBe(code);
  });

  it('ignores signatures by unknown kids next to a good one', () => {
    expect(codeOf(open(signBundle(payloadOf(), [STRANGER, ROOT])))).toBe('ok');
  });

  it('needs the threshold of distinct roots; one root signing twice counts once', () => {
    expect(codeOf(open(signBundle(payloadOf(), [ROOT, ROOT2]), roots2of2))).toBe('ok');
    expect(codeOf(open(signBundle(payloadOf(), [ROOT, ROOT]), roots2of2))).toBe('BUNDLE_SIGNATURE_INVALID');
    expect(codeOf(open(signBundle(payloadOf(), [ROOT]), roots2of2))).toBe('BUNDLE_SIGNATURE_INVALID');
  });

  it('tries each pinned root once: a wrong signature is remembered, a later entry naming its kid is not verified', () => {
    // node:crypto's verify, counted: the ESM binding ed25519.ts imports follows the CJS object once synced.
    const verify = vi.spyOn(crypto, 'verify');
    syncBuiltinESMExports();
    try {
      const forged = { key: STRANGER, header: { kid: ROOT.kid } };
      const many = Array.from({ length: MAX_BUNDLE_SIGNATURES }, () => forged);
      expect(codeOf(open(signBundle(payloadOf(), many)))).toBe('BUNDLE_SIGNATURE_INVALID');
      expect(verify).toHaveBeenCalledTimes(1);
      // The first entry for a root decides it; a good one after a wrong one is not looked at.
      verify.mockClear();
      expect(codeOf(open(signBundle(payloadOf(), [forged, ROOT])))).toBe('BUNDLE_SIGNATURE_INVALID');
      expect(verify).toHaveBeenCalledTimes(1);
      // Distinct roots still each count towards the threshold, a wrong entry for one beside them.
      verify.mockClear();
      const withRoot2 = [ROOT, ...many.slice(2), ROOT2];
      expect(codeOf(open(signBundle(payloadOf(), withRoot2), roots2of2))).toBe('ok');
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it.each([
    [MAX_BUNDLE_SIGNATURES, 'ok'],
    [MAX_BUNDLE_SIGNATURES + 1, 'BUNDLE_MALFORMED'],
  ])('a bundle with %i signature entries -> %s', (n, code) => {
    const signers = [ROOT, ...Array.from({ length: n - 1 }, () => STRANGER)];
    const r = open(signBundle(payloadOf(), signers));
    expect(r.ok ? 'ok' : [r.code, r.why]).toEqual(
      code === 'ok' ? 'ok' : [code, `${n} signature entries, at most ${MAX_BUNDLE_SIGNATURES} allowed`],
    );
  });

  it('refuses a file over MAX_BUNDLE_BYTES before parsing it', () => {
    const r = open(Buffer.alloc(MAX_BUNDLE_BYTES + 1, 0x20));
    expect(r.ok ? 'ok' : [r.code, r.why]).toEqual([
      'BUNDLE_MALFORMED',
      `file is larger than ${MAX_BUNDLE_BYTES} bytes`,
    ]);
  });
});

describe('bundle payload', () => {
  const key0 = (over: Record<string, unknown>) => [{ ...(payloadOf().keys as object[])[0], ...over }];
  it.each([
    ['another typ', { typ: 'bundle' }],
    ['version 0', { version: 0 }],
    ['version as text', { version: '8' }],
    ['a local time', { issuedAt: '2026-11-20T00:00:00+06:00' }],
    ['a date that does not exist', { expiresAt: '2027-02-30T00:00:00Z' }],
    [
      'a kid that does not match its key',
      { keys: key0({ kid: ISSUER.kid.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }) },
    ],
    ['a key of 31 bytes', { keys: key0({ x: 'AAAA' }) }],
    ['an unknown key status', { keys: key0({ status: 'paused' }) }],
    ['a key listed twice', { keys: [...key0({}), ...key0({})] }],
    [
      'a small-order key (the identity point)',
      { keys: key0({ x: IDENTITY.toString('base64url'), kid: kidOf(IDENTITY) }) },
    ],
    ['a revoked clearance that is not an id', { revoked: { kids: [], clearances: [42] } }],
    ['no revoked object', { revoked: undefined }],
    [
      'a known rule missing its field',
      {
        rules: [
          {
            id: 'R',
            kind: 'ageRange',
            countries: ['KW'],
            from: '2026-01-01',
            min: 21,
            severity: 'block',
            text: { en: 'a', bn: 'b' },
          },
        ],
      },
    ],
    [
      'a rule with min above max',
      {
        rules: [
          {
            id: 'R',
            kind: 'ageRange',
            countries: ['KW'],
            from: '2026-01-01',
            min: 61,
            max: 21,
            severity: 'block',
            text: { en: 'a', bn: 'b' },
          },
        ],
      },
    ],
  ])('%s -> BUNDLE_MALFORMED', (why, over) => {
    const r = openTestBundle(payloadOf(over));
    expect(r.ok ? 'ok' : r.code).toBe('BUNDLE_MALFORMED');
    if (why.startsWith('a small-order key')) expect(!r.ok && r.why).toMatch(/small order/);
  });

  it('folds revoked.kids into the prepared key status, so screens and scans read one answer', () => {
    const r = openTestBundle(payloadOf({ revoked: { kids: [ISSUER.kid], clearances: [] } }));
    expect(r.ok && r.bundle.trust.keys.get(ISSUER.kid)?.status).toBe('revoked');
    expect(r.ok && r.bundle.payload.keys.find((k) => k.kid === ISSUER.kid)?.status).toBe('active');
  });

  it('keeps rules of unknown kinds out, with a warning', () => {
    const r = openTestBundle(payloadOf({ rules: [{ id: 'NEW', kind: 'visaStamp', countries: ['KW'] }] }));
    expect(r.ok && [r.bundle.payload.rules.length, bundleWarnings(r.bundle), r.bundle.ignoredRules]).toEqual([
      0,
      ["rule NEW: unknown kind 'visaStamp' ignored"],
      [{ id: 'NEW', kind: 'visaStamp' }],
    ]);
  });

  it('writes files the signer and the opener agree on', () => {
    expect(bundleFileText(signBundleJws(payloadOf(), [ROOT]))).toBe(signBundle(payloadOf(), [ROOT]));
  });
});

describe('critical header extensions (RFC 7515 §4.1.11)', () => {
  const crit = { key: ROOT, header: { crit: ['exp'], exp: 1 } };
  it('a root signature listing an extension the kiosk does not understand does not count', () => {
    expect(codeOf(open(signBundle(payloadOf(), [crit])))).toBe('BUNDLE_SIGNATURE_INVALID');
    // A crit the RFC forbids producers to write (empty, or naming a registered parameter) is no better.
    for (const c of [[], ['alg'], 'exp'])
      expect(codeOf(open(signBundle(payloadOf(), [{ key: ROOT, header: { crit: c } }])))).toBe(
        'BUNDLE_SIGNATURE_INVALID',
      );
  });

  it('is ignored like an unknown signer: the bundle opens on the other roots, and its kid is not a signer', () => {
    const r = open(signBundle(payloadOf(), [{ key: ROOT2, header: { crit: ['exp'], exp: 1 } }, ROOT]));
    expect(r.ok && [r.bundle.signedBy, r.bundle.signatureKids]).toEqual([[ROOT.kid], [ROOT.kid]]);
    const both = open(signBundle(payloadOf(), [crit, ROOT2]), roots2of2);
    expect(codeOf(both)).toBe('BUNDLE_SIGNATURE_INVALID');
  });

  it('crit in the unprotected header (where the RFC forbids it) does not count either', () => {
    const jws = signBundleJws(payloadOf(), [ROOT]);
    const text = JSON.stringify({
      ...jws,
      signatures: [{ ...jws.signatures[0], header: { crit: ['exp'] } }],
    });
    expect(codeOf(open(text))).toBe('BUNDLE_SIGNATURE_INVALID');
  });
});

describe('duplicate JSON member names are refused (BUNDLE_MALFORMED), never last-wins', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const payloadText = JSON.stringify(payloadOf());
  const whyOf = (r: ReturnType<typeof openBundle>) => (r.ok ? 'ok' : `${r.code}: ${r.why}`);

  it.each([
    ['"version":99,"version":7', '"version"'],
    ['"version":7,"\\u0076ersion":16', '"version"'],
    ['"version":7,"issuedAt":"2026-11-20T00:00:00Z","issuedAt":"2026-11-20T00:00:00Z"', '"issuedAt"'],
  ])('in the signed payload: %s', (members, name) => {
    const text = payloadText.replace('"version":7', members);
    expect(text).not.toBe(payloadText);
    expect(() => JSON.parse(text) as unknown).not.toThrow(); // JSON.parse keeps the last one silently
    expect(whyOf(open(signBundle(text, [ROOT])))).toBe(
      `BUNDLE_MALFORMED: the payload names the member ${name} twice in one object`,
    );
  });

  it('in a nested object of the payload (a key entry, a rule text)', () => {
    const text = payloadText.replace('"status":"active"', '"status":"revoked","status":"active"');
    expect(codeOf(open(signBundle(text, [ROOT])))).toBe('BUNDLE_MALFORMED');
  });

  it('the same names in different objects, and escaped quotes inside names and values, are fine', () => {
    const extra = String.raw`"a\"":1,"a":2,"a\\":3,"x":{"a":"\"a\":1,\\"},"y":[{"a":1},{"a":2}],"z":"\\\"}{[",`;
    const text = payloadText.replace('"typ":', `${extra}"typ":`);
    expect(JSON.parse(text)).toMatchObject({ 'a"': 1, a: 2, 'a\\': 3, z: '\\"}{[' });
    expect(codeOf(open(signBundle(text, [ROOT])))).toBe('ok');
    // The payload's own nested objects repeat names (every key entry has kid, nbf, exp).
    expect(codeOf(open(signBundle(payloadText, [ROOT])))).toBe('ok');
  });

  it('in the envelope: two payloads, the signed one last', () => {
    const signed = signBundleJws(payloadOf({ version: 8 }), [ROOT]);
    const other = signBundleJws(payloadOf({ version: 99 }), [ROOT]).payload;
    const text = `{"payload":"${other}","payload":"${signed.payload}","signatures":${JSON.stringify(signed.signatures)}}`;
    expect(whyOf(open(text))).toBe(
      'BUNDLE_MALFORMED: the file names the member "payload" twice in one object',
    );
  });

  it('in a signature entry, and in a protected header (two kids, the signing root last)', () => {
    const jws = signBundleJws(payloadOf(), [ROOT]);
    const sig = jws.signatures[0]!;
    const entry = `{"protected":"${sig.protected}","signature":"${sig.signature}","signature":"${sig.signature}"}`;
    expect(codeOf(open(`{"payload":"${jws.payload}","signatures":[${entry}]}`))).toBe('BUNDLE_MALFORMED');

    const header = b64(`{"alg":"EdDSA","kid":"${ROOT2.kid}","typ":"bmet-trust+jws","kid":"${ROOT.kid}"}`);
    const signature = Buffer.from(sign(ROOT, Buffer.from(`${header}.${jws.payload}`))).toString('base64url');
    const text = JSON.stringify({ payload: jws.payload, signatures: [{ protected: header, signature }] });
    expect(whyOf(open(text))).toBe(
      'BUNDLE_MALFORMED: a signature\'s protected header names the member "kid" twice in one object',
    );
  });
});

describe('RFC 3339 instants name a real moment', () => {
  it.each([
    ['hour 24 (V8 reads it as the next midnight)', { expiresAt: '2027-06-01T24:00:00Z' }],
    ['hour 25', { expiresAt: '2027-06-01T25:00:00Z' }],
    ['minute 60', { issuedAt: '2026-11-20T23:60:00Z' }],
    ['a leap second (no JS instant holds one)', { expiresAt: '2027-06-30T23:59:60Z' }],
    ['30 February', { expiresAt: '2027-02-30T00:00:00Z' }],
    ['lower-case t and z', { expiresAt: '2027-06-01t00:00:00z' }],
    [
      'a key valid until hour 24',
      { keys: [{ ...(payloadOf().keys as object[])[0], exp: '2028-12-31T24:00:00Z' }] },
    ],
  ])('%s -> BUNDLE_MALFORMED', (_why, over) => {
    const r = openTestBundle(payloadOf(over));
    expect(r.ok ? 'ok' : [r.code, r.why]).toEqual([
      'BUNDLE_MALFORMED',
      expect.stringMatching(/not a real RFC 3339 UTC instant$/),
    ]);
  });

  it('takes the last second of a day and fractional seconds', () => {
    const r = openTestBundle(payloadOf({ expiresAt: '2027-06-01T23:59:59.999999999Z' }));
    expect(r.ok && r.bundle.payload.expiresAt).toBe('2027-06-01T23:59:59.999999999Z');
  });
});

describe('rule ids name one rule', () => {
  const rule = (id: string, severity: string, kind = 'ageRange') => ({
    id,
    kind,
    countries: ['KW'],
    from: '2026-01-01',
    min: 21,
    max: 60,
    severity,
    text: { en: 'a', bn: 'b' },
  });
  it('two rules with one id are BUNDLE_MALFORMED (RULE_FAILED could not say which failed)', () => {
    const r = openTestBundle(
      payloadOf({ rules: [rule('X', 'block'), rule('Y', 'warn'), rule('X', 'warn')] }),
    );
    expect(r.ok ? 'ok' : [r.code, r.why]).toEqual([
      'BUNDLE_MALFORMED',
      "payload rules.2.id: rule id 'X' repeated",
    ]);
  });

  it('also when one of them is of a kind the kiosk does not know', () => {
    const r = openTestBundle(payloadOf({ rules: [rule('X', 'block'), rule('X', 'warn', 'visaStamp')] }));
    expect(codeOf(r)).toBe('BUNDLE_MALFORMED');
  });

  it('a revoked kid or clearance id listed twice is harmless and accepted', () => {
    const r = openTestBundle(
      payloadOf({
        revoked: { kids: [ISSUER.kid, ISSUER.kid], clearances: ['BMET-2026-00000042', 'BMET-2026-00000042'] },
      }),
    );
    expect(r.ok && r.bundle.trust.revokedClearances.has('BMET-2026-00000042')).toBe(true);
  });
});

describe('signature entries that cannot be read are BUNDLE_MALFORMED (README, spec readings)', () => {
  const jws = signBundleJws(payloadOf(), [ROOT]);
  const sig = jws.signatures[0]!;
  const withEntry = (entry: object) => JSON.stringify({ ...jws, signatures: [...jws.signatures, entry] });
  it.each([
    ['only an unprotected header', { header: { alg: 'EdDSA', kid: ROOT2.kid }, signature: sig.signature }],
    ['a protected header that is not base64url', { protected: '!!', signature: sig.signature }],
    ['a protected header that is not JSON', { protected: 'bm90IGpzb24', signature: sig.signature }],
    ['a protected header that is a JSON array', { protected: 'W10', signature: sig.signature }],
  ])('%s, even beside a good root signature', (_why, entry) => {
    expect(codeOf(open(withEntry(entry)))).toBe('BUNDLE_MALFORMED');
  });
});

describe('reading a bundle file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-read-'));
  const good = path.join(dir, 'good.bmettrust');
  fs.writeFileSync(good, signBundle(payloadOf(), [ROOT]));
  const big = path.join(dir, 'big.bmettrust');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, MAX_BUNDLE_BYTES + 1); // sparse: costs no disk
  const fifo = path.join(dir, 'fifo.bmettrust');
  execFileSync('mkfifo', [fifo]);

  it('reads a regular file whole', () => {
    const r = readBundleBytes(good);
    expect(r.ok && r.bytes.equals(fs.readFileSync(good))).toBe(true);
  });

  it.each([
    ['a file over MAX_BUNDLE_BYTES', big, 'BUNDLE_MALFORMED'],
    // No regular file is read at all: UNREADABLE, as for a root key; BUNDLE_MALFORMED is a file read and refused.
    ['a FIFO (never blocks)', fifo, 'UNREADABLE'],
    ['a directory', dir, 'UNREADABLE'],
    ['a device with no end (/dev/zero)', '/dev/zero', 'UNREADABLE'],
    ['a missing file', path.join(dir, 'none'), 'UNREADABLE'],
  ])('refuses %s', (_why, file, code) => {
    const r = readBundleBytes(file);
    expect(r.ok ? 'ok' : r.code).toBe(code);
  });
});
