// The card encoder against the independent encoder's vectors (../shared/vectors): for the
// same content it writes the same bytes at every layer, and its Sig_structure is the one
// those signatures cover. Then round trips through the kiosk's own decoder.
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { Decoder, Tag } from 'cbor-x';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../../main/core/crypto/base64url.ts';
import { decodeBase45 } from '../../main/core/verify/base45.ts';
import { parseCoseSign1, sigStructure } from '../../main/core/verify/cose.ts';
import { readClaims } from '../../main/core/verify/claims.ts';
import { verifyStrict, prepareVerifyKey } from '../../main/core/crypto/ed25519.ts';
import {
  cbor,
  claimsPayload,
  corrupt,
  encodeCard,
  qrText,
  sigStructureOf,
  sign1Bytes,
  signSign1,
  GROUP_ORDER,
  leToBigInt,
} from '../../keys/card-encoder.ts';
import { signingKeyFromSeed } from '../../keys/signing-key.ts';

const DIR = path.resolve(import.meta.dirname, '../../../shared/vectors');
const present = fs.existsSync(path.join(DIR, 'cards.jsonl'));
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false } as ConstructorParameters<
  typeof Decoder
>[0]);

interface Vector {
  name: string;
  qr: string;
  expect: { status: string };
}
const vectors: Vector[] = present
  ? fs
      .readFileSync(path.join(DIR, 'cards.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
  : [];
const bundle = present
  ? JSON.parse(
      Buffer.from(
        JSON.parse(fs.readFileSync(path.join(DIR, 'bundle.bmettrust'), 'utf8')).payload,
        'base64url',
      ).toString(),
    )
  : null;

/** The vector's layers, decoded independently of the kiosk's stages. */
function layers(qr: string) {
  const b = decodeBase45(qr.trim().slice(6));
  if (!b.ok) return null;
  const cose = inflateSync(b.value);
  const item = decoder.decode(cose);
  const tagged = item instanceof Tag;
  const [prot, unprot, payload, sig] = (tagged ? item.value : item) as [
    Buffer,
    Map<number, unknown>,
    Buffer,
    Buffer,
  ];
  return { cose, tagged, prot, unprot, payload, sig };
}

describe.skipIf(!present)('card encoder vs the independent encoder', () => {
  const signed = vectors.filter((v) => v.expect.status !== 'invalid' && layers(v.qr));

  it.each(signed.map((v) => [v.name, v] as const))('%s: same bytes at every layer', (_n, v) => {
    const l = layers(v.qr)!;
    const claims = decoder.decode(l.payload) as Map<number, unknown>;
    // Our claims encoding of the same content is byte-identical.
    const again = claimsPayload({
      iss: claims.get(1),
      exp: claims.get(4),
      iat: claims.get(6),
      clearance: claims.get(-1000),
    });
    expect(again.equals(l.payload)).toBe(true);
    // Our protected header for the same kid placement is byte-identical.
    expect(cbor(decoder.decode(l.prot)).equals(l.prot)).toBe(true);
    // Their signature verifies (tweetnacl) over our Sig_structure, which equals the kiosk's.
    const kid = (l.unprot.get(4) ?? (decoder.decode(l.prot) as Map<number, unknown>).get(4)) as Buffer;
    const key = bundle.keys.find((k: { kid: string }) => k.kid === kid.toString('base64url'));
    const ss = sigStructureOf(l.prot, l.payload);
    expect(ss.equals(sigStructure(l.prot, l.payload))).toBe(true);
    expect(nacl.sign.detached.verify(ss, l.sig, fromBase64url(key.x)!)).toBe(true);
    // The whole envelope and the zlib + base45 text are the same too.
    expect(sign1Bytes(l.prot, l.unprot, l.payload, l.sig, l.tagged).equals(l.cose)).toBe(true);
    expect(qrText(l.cose)).toBe(v.qr.trim());
  });
});

describe('card encoder round trip through the kiosk decoder', () => {
  const key = signingKeyFromSeed(Buffer.alloc(32, 7));
  const verifyKey = (() => {
    const p = prepareVerifyKey(key.publicKey);
    if (!p.ok) throw new Error(p.why);
    return p.key;
  })();
  const claims = {
    iss: 'BD-BMET',
    iat: 1793505600,
    exp: 1801440000,
    clearance: {
      v: 1,
      cid: 'BMET-2026-00000001',
      pp: 'A0000001',
      ppx: '2031-01-01',
      nm: 'X',
      dob: '1990-01-01',
      sx: 'M',
      dst: 'KW',
      vt: 'EMP',
    },
  };

  function open(qr: string) {
    const b = decodeBase45(qr.slice(6));
    if (!b.ok) throw new Error('base45');
    const c = parseCoseSign1(inflateSync(b.value));
    if (!c.ok) return { code: c.code };
    return {
      sign1: c.value,
      good: verifyStrict(verifyKey, sigStructure(c.value.protectedBytes, c.value.payload), c.value.signature),
    };
  }

  it('tagged and untagged, kid protected or unprotected, all verify', () => {
    for (const tagged of [true, false]) {
      for (const kidIn of ['protected', 'unprotected', 'both'] as const) {
        const r = open(encodeCard(claims, key, { tagged, kidIn }));
        expect(r.good).toBe(true);
        expect(r.sign1!.kid.equals(key.kidBytes)).toBe(true);
        expect(readClaims(r.sign1!.payload).clearance?.cid).toBe('BMET-2026-00000001');
      }
    }
  });

  it('broken variants are rejected at the intended stage', () => {
    expect(open(encodeCard(claims, key, { alg: -7 })).code).toBe('ALG_UNSUPPORTED');
    expect(open(encodeCard(claims, key, { alg: null })).code).toBe('ALG_UNSUPPORTED');
    expect(open(encodeCard(claims, key, { algIn: 'unprotected' })).code).toBe('ALG_UNSUPPORTED');
    expect(open(encodeCard(claims, key, { kidIn: 'none' })).code).toBe('COSE_MALFORMED');
    expect(open(encodeCard(claims, key, { signatureTransform: corrupt.flipBit() })).good).toBe(false);
    expect(open(encodeCard(claims, key, { signatureTransform: corrupt.swapRS })).good).toBe(false);
    expect(open(encodeCard(claims, key, { signatureTransform: corrupt.truncate(63) })).good).toBe(false);
    expect(
      open(encodeCard(claims, key, { payloadAfterSigning: claimsPayload({ ...claims, exp: 1901440000 }) }))
        .good,
    ).toBe(false);
  });

  it('non-canonical S is S + L, accepted by tweetnacl, refused by the kiosk', () => {
    const payload = claimsPayload(claims);
    const good = signSign1(payload, key);
    const bad = signSign1(payload, key, { signatureTransform: corrupt.nonCanonicalS });
    const sOf = (cose: Buffer) => (decoder.decode(cose) as Tag).value[3] as Buffer;
    expect(leToBigInt(sOf(bad).subarray(32)) - leToBigInt(sOf(good).subarray(32))).toBe(GROUP_ORDER);
    const prot = (decoder.decode(bad) as Tag).value[0] as Buffer;
    expect(nacl.sign.detached.verify(sigStructureOf(prot, payload), sOf(bad), key.publicKey)).toBe(true);
    expect(verifyStrict(verifyKey, sigStructureOf(prot, payload), sOf(bad))).toBe(false);
  });
});
