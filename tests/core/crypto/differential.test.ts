// Differential test of the kiosk's Ed25519 path (prepareVerifyKey + verifyStrict, OpenSSL)
// against tweetnacl, the reference: over every signature in the fixtures and the shared
// vectors, and over thousands of seeded mutations of signatures and keys.
// Required: the kiosk accepts only what tweetnacl accepts; and for a key the kiosk
// prepares, it rejects what tweetnacl accepts only when S is non-canonical (S >= L).
// Mutated card signatures also go end to end through verifyQr.
import fs from 'node:fs';
import path from 'node:path';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../../../main/core/crypto/base64url.ts';
import { prepareVerifyKey, verifyStrict, type VerifyKey } from '../../../main/core/crypto/ed25519.ts';
import { signatureChecker } from '../../../main/core/crypto/signature-batches.ts';
import { DECODE_CODES } from '../../../main/contract/codes.ts';
import { decodeBase45 } from '../../../main/core/verify/base45.ts';
import { decodeCbor, Tag } from '../../../main/core/verify/cbor.ts';
import { parseCoseSign1, sigStructure } from '../../../main/core/verify/cose.ts';
import { inflateBounded } from '../../../main/core/verify/inflate.ts';
import { textStage } from '../../../main/core/verify/text-stage.ts';
import { verifyQr } from '../../../main/core/verify/verify-qr.ts';
import { qrText, sign1Bytes, GROUP_ORDER, leToBigInt, bigIntToLe } from '../../../keys/card-encoder.ts';
import { FIXTURES, devTrust, fixtureCards } from '../../fixtures/load.ts';
import { prng, testSeed } from '../../helpers/prng.ts';

const SEED = testSeed();
const ROUNDS = Number(process.env.BMET_DIFF_ROUNDS ?? 1);
console.log(`differential: seed ${SEED} (rerun with BMET_TEST_SEED=${SEED}); BMET_DIFF_ROUNDS=${ROUNDS}`);
const rnd = prng(SEED);

const VECTORS = path.resolve(FIXTURES, '../../shared/vectors');

interface Triple {
  label: string;
  key: Buffer;
  message: Buffer;
  sig: Buffer;
  /** For a fixture card: its parts, to rebuild it around a mutated signature. */
  card?: {
    kid: string;
    protectedBytes: Buffer;
    unprotected: Map<number, unknown>;
    payload: Buffer;
    now: string;
  };
}

/** Every public key a fixture or vector signature may be checked with, by kid. */
function knownKeys(): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const k of JSON.parse(fs.readFileSync(path.join(FIXTURES, 'keys/keys.json'), 'utf8')).keys)
    m.set(k.kid, fromBase64url(k.x)!);
  if (fs.existsSync(VECTORS)) {
    const p = JSON.parse(
      Buffer.from(
        JSON.parse(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust'), 'utf8')).payload,
        'base64url',
      ).toString(),
    );
    for (const k of p.keys) m.set(k.kid, fromBase64url(k.x)!);
  }
  return m;
}

function cardTriples(keys: Map<string, Buffer>): Triple[] {
  const out: Triple[] = [];
  const sources = [{ fixture: true, cards: fixtureCards() }];
  if (fs.existsSync(VECTORS))
    sources.push({
      fixture: false,
      cards: fs
        .readFileSync(path.join(VECTORS, 'cards.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    });
  for (const { fixture, cards } of sources) {
    for (const c of cards) {
      const t = textStage(c.qr);
      const b = t.ok ? decodeBase45(t.value) : null;
      const z = b?.ok ? inflateBounded(b.value) : null;
      const s = z?.ok ? parseCoseSign1(z.value) : null;
      if (!s?.ok) continue;
      const kid = s.value.kid.toString('base64url');
      const key = keys.get(kid);
      if (!key) continue;
      out.push({
        label: c.name,
        key,
        message: sigStructure(s.value.protectedBytes, s.value.payload),
        sig: s.value.signature,
        ...(fixture
          ? {
              card: {
                kid,
                protectedBytes: s.value.protectedBytes,
                unprotected: unprotectedOf(z?.ok ? z.value : Buffer.alloc(0)),
                payload: s.value.payload,
                now: c.now,
              },
            }
          : {}),
      });
    }
  }
  return out;
}

/** The unprotected map of a COSE_Sign1 (tagged or not). */
function unprotectedOf(cose: Buffer): Map<number, unknown> {
  const item = decodeCbor(cose);
  const arr = item.ok ? (item.value instanceof Tag ? item.value.value : item.value) : null;
  return Array.isArray(arr) && arr[1] instanceof Map ? arr[1] : new Map();
}

function bundleTriples(keys: Map<string, Buffer>): Triple[] {
  const out: Triple[] = [];
  const files = [
    path.join(FIXTURES, 'dev-bundle.bmettrust'),
    ...fs
      .readdirSync(path.join(FIXTURES, 'bundles'))
      .filter((f) => f.endsWith('.bmettrust'))
      .map((f) => path.join(FIXTURES, 'bundles', f)),
  ];
  if (fs.existsSync(VECTORS)) files.push(path.join(VECTORS, 'bundle.bmettrust'));
  for (const f of files) {
    let jws;
    try {
      jws = JSON.parse(fs.readFileSync(f, 'utf8'));
    } catch {
      continue;
    }
    for (const s of jws.signatures ?? []) {
      const header = JSON.parse(Buffer.from(s.protected, 'base64url').toString());
      const key = keys.get(header.kid);
      if (key)
        out.push({
          label: path.basename(f),
          key,
          message: Buffer.from(`${s.protected}.${jws.payload}`, 'ascii'),
          sig: Buffer.from(s.signature, 'base64url'),
        });
    }
  }
  return out;
}

const keys = knownKeys();
const cards = cardTriples(keys);
const triples = [...cards, ...bundleTriples(keys)];

function reference(key: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  // tweetnacl throws on wrong sizes; those are rejections.
  if (key.length !== 32 || sig.length !== 64) return false;
  return nacl.sign.detached.verify(message, sig, key);
}

function kiosk(
  key: Uint8Array,
  message: Uint8Array,
  sig: Uint8Array,
): { prepared: boolean; accepted: boolean } {
  const p = prepareVerifyKey(key);
  return { prepared: p.ok, accepted: p.ok && verifyStrict(p.key, message, sig) };
}

const nonCanonicalS = (sig: Uint8Array) => sig.length === 64 && leToBigInt(sig.subarray(32)) >= GROUP_ORDER;

let disagreements: string[] = [];
const counts = {
  checked: 0,
  bothAccept: 0,
  onlyReferenceNonCanonicalS: 0,
  keysRefused: 0,
  refusedKeyReferenceAccepts: 0,
};

/** Checks the two requirements for one (key, message, signature). */
function check(
  label: string,
  key: Uint8Array,
  message: Uint8Array,
  sig: Uint8Array,
): { ours: boolean; ref: boolean } {
  const ref = reference(key, message, sig);
  const ours = kiosk(key, message, sig);
  counts.checked++;
  if (ours.accepted && ref) counts.bothAccept++;
  if (!ours.prepared) counts.keysRefused++;
  if (!ours.prepared && ref) counts.refusedKeyReferenceAccepts++;
  if (ours.accepted && !ref) disagreements.push(`${label}: kiosk accepts, tweetnacl rejects`);
  if (ours.prepared && ref && !ours.accepted) {
    if (nonCanonicalS(sig)) counts.onlyReferenceNonCanonicalS++;
    else
      disagreements.push(
        `${label}: tweetnacl accepts, kiosk rejects with canonical S (sig ${Buffer.from(sig).toString('hex')})`,
      );
  }
  return { ours: ours.accepted, ref };
}

// --- mutations ---
const flipBits = (b: Buffer, n: number) => {
  const x = Buffer.from(b);
  for (let i = 0; i < n; i++) {
    const bit = rnd.int(x.length * 8);
    x[bit >> 3]! ^= 1 << (bit & 7);
  }
  return x;
};
const plusL = (sig: Buffer, k: bigint) => {
  const s = leToBigInt(sig.subarray(32)) + k * GROUP_ORDER;
  return s < 2n ** 256n ? Buffer.concat([sig.subarray(0, 32), bigIntToLe(s, 32)]) : null;
};
const SIG_MUTATIONS: [string, (sig: Buffer) => Buffer | null][] = [
  ['flip 1 bit', (s) => flipBits(s, 1)],
  [
    'flip 1 bit of S',
    (s) => {
      const x = Buffer.from(s);
      const bit = 256 + rnd.int(256);
      x[bit >> 3]! ^= 1 << (bit & 7);
      return x;
    },
  ],
  ['flip 2-8 bits', (s) => flipBits(s, 2 + rnd.int(7))],
  ['S + kL', (s) => plusL(s, BigInt(1 + rnd.int(15)))],
  ['swap R and S', (s) => Buffer.concat([s.subarray(32), s.subarray(0, 32)])],
  ['random signature', () => rnd.bytes(64)],
  ['random R', (s) => Buffer.concat([rnd.bytes(32), s.subarray(32)])],
  [
    'random canonical S',
    (s) => Buffer.concat([s.subarray(0, 32), bigIntToLe(leToBigInt(rnd.bytes(32)) % GROUP_ORDER, 32)]),
  ],
  [
    'R sign bit flipped',
    (s) => {
      const x = Buffer.from(s);
      x[31]! ^= 0x80;
      return x;
    },
  ],
  [
    'S top bits set',
    (s) => {
      const x = Buffer.from(s);
      x[63]! |= 0xe0;
      return x;
    },
  ],
  ['zero', () => Buffer.alloc(64)],
  ['all ff', () => Buffer.alloc(64, 0xff)],
  ['truncated', (s) => s.subarray(0, rnd.int(64))],
  ['extended', (s) => Buffer.concat([s, rnd.bytes(1 + rnd.int(4))])],
];

const P = (1n << 255n) - 19n;
const identityY = bigIntToLe(1n, 32);
/** Encodings of small-order points (y = 0, 1, -1 and the order-8 y's), both sign bits. */
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].flatMap((h) => {
  const a = Buffer.from(h, 'hex');
  const b = Buffer.from(a);
  b[31]! |= 0x80;
  return [a, b];
});
/** Non-canonical y encodings: y = p + i (i < 19), both sign bits. */
const NON_CANONICAL_Y = Array.from({ length: 19 }, (_, i) => bigIntToLe(P + BigInt(i), 32)).flatMap((a) => {
  const b = Buffer.from(a);
  b[31]! |= 0x80;
  return [a, b];
});

describe(`Ed25519: kiosk vs tweetnacl (seed ${SEED})`, () => {
  it('finds the fixture and vector signatures', () => {
    expect(cards.length).toBeGreaterThan(100);
    expect(triples.length).toBeGreaterThan(cards.length + 15);
  });

  it('agree on every fixture and vector signature', () => {
    disagreements = [];
    let accepted = 0;
    for (const t of triples) if (check(t.label, t.key, t.message, t.sig).ours) accepted++;
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(100);
  });

  it(
    'agree on thousands of mutated signatures, also end to end through verifyQr',
    { timeout: 300_000 },
    () => {
      disagreements = [];
      const trust = devTrust();
      // Genuine dev-bundle cards only, so that any changed signature that passes is a finding.
      const devCards = cards.filter(
        (t) => t.card && trust.keys.has(t.card.kid) && kiosk(t.key, t.message, t.sig).accepted,
      );
      expect(devCards.length).toBeGreaterThan(40);
      const endToEndBad: string[] = [];
      const n = 2000 * ROUNDS;
      for (let i = 0; i < n; i++) {
        const t = rnd.pick(triples);
        const [name, mutate] = rnd.pick(SIG_MUTATIONS);
        const sig = mutate(t.sig);
        if (!sig) continue;
        check(`${t.label} / ${name}`, t.key, t.message, sig);
        if (i % 5 === 0 && devCards.length) {
          const c = rnd.pick(devCards);
          const m = mutate(c.sig);
          if (!m) continue;
          const direct = kiosk(c.key, c.message, m).accepted;
          const v = verifyQr(
            qrText(sign1Bytes(c.card!.protectedBytes, c.card!.unprotected, c.card!.payload, m)),
            { trust, nowMs: Date.parse(c.card!.now) },
          );
          const passedSignature = !v.reasons.some((r) =>
            (DECODE_CODES as readonly string[]).includes(r.code),
          );
          if (passedSignature !== direct)
            endToEndBad.push(
              `${c.label} / ${name}: verifyQr ${passedSignature ? 'passed' : 'failed'} the signature, verifyStrict said ${direct}`,
            );
          if (passedSignature && !m.equals(c.sig))
            endToEndBad.push(`${c.label} / ${name}: a changed signature passed`);
        }
      }
      expect(disagreements).toEqual([]);
      expect(endToEndBad).toEqual([]);
      console.log(`differential signatures: ${JSON.stringify(counts)}`);
      expect(counts.onlyReferenceNonCanonicalS).toBeGreaterThan(0);
    },
  );

  it('the batch checker (a worker thread) answers verifyStrict’s answer on thousands of mutated signatures', async () => {
    const cases: { key: VerifyKey; message: Buffer; sig: Buffer; label: string }[] = [];
    for (let i = 0; i < 2000 * ROUNDS; i++) {
      const t = rnd.pick(triples);
      const p = prepareVerifyKey(t.key);
      if (!p.ok) continue;
      const [name, mutate] = rnd.pick(SIG_MUTATIONS);
      const sig = i % 4 === 0 ? t.sig : mutate(t.sig); // a quarter unchanged: genuine ones too
      if (sig) cases.push({ key: p.key, message: t.message, sig, label: `${t.label} / ${name}` });
    }
    const checker = signatureChecker();
    try {
      expect(await checker.start()).toBe(true);
      const answers = await Promise.all(
        cases.map((c) => new Promise<boolean>((done) => checker.check(c.key, c.message, c.sig, done))),
      );
      const differ = cases
        .filter((c, i) => answers[i] !== verifyStrict(c.key, c.message, c.sig))
        .map((c) => c.label);
      expect(differ).toEqual([]);
      expect(answers.filter(Boolean).length).toBeGreaterThan(cases.length / 5);
      expect(checker.counts.worker).toBeGreaterThan(0);
    } finally {
      checker.close();
    }
  });

  it(
    'agree on thousands of mutated keys; small-order and non-canonical keys are refused',
    { timeout: 300_000 },
    () => {
      disagreements = [];
      const before = { ...counts };
      const n = 1000 * ROUNDS;
      for (let i = 0; i < n; i++) {
        const t = rnd.pick(triples);
        const r = rnd.int(5);
        const key =
          r === 0
            ? rnd.pick(SMALL_ORDER)
            : r === 1
              ? rnd.pick(NON_CANONICAL_Y)
              : r === 2
                ? rnd.bytes(32)
                : r === 3
                  ? rnd.pick(triples).key
                  : flipBits(t.key, 1 + rnd.int(3));
        check(`${t.label} / key mutation ${r}`, key, t.message, t.sig);
      }
      // Signatures that hold for a small-order or non-canonical key under tweetnacl: the
      // identity point (y = 1, or y = p + 1) with R = identity and S = 0 verifies any message.
      const forged = Buffer.concat([identityY, Buffer.alloc(32)]);
      for (const key of [identityY, bigIntToLe(P + 1n, 32)]) {
        const msg = rnd.bytes(40);
        expect(reference(key, msg, forged)).toBe(true);
        expect(kiosk(key, msg, forged)).toEqual({ prepared: false, accepted: false });
        check('identity-key forgery', key, msg, forged);
      }
      expect(disagreements).toEqual([]);
      expect(counts.keysRefused - before.keysRefused).toBeGreaterThan(n / 5);
      expect(counts.refusedKeyReferenceAccepts).toBeGreaterThan(0);
      console.log(`differential keys: ${JSON.stringify(counts)}`);
    },
  );
});
