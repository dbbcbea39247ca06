// The hand-written payload check (bundle-check.ts, on the start-up path) against the zod
// schema it replaces there (bundle-schema.ts, the definition): every payload below, and every
// one-field mutation of it, gets the same verdict from both, and an accepted one the same
// output (keys, their order, dropped fields, warnings).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePayload as checkByHand } from '../../../main/core/trust/bundle-check.ts';
import { validatePayload as checkByZod } from '../../../main/core/trust/bundle-schema.ts';
import { payloadOf } from '../../helpers/trust.ts';
import { bundleWarnings } from '../../../main/core/trust/bundle-types.ts';

const rule = (kind: string, over: Record<string, unknown> = {}) => ({
  id: `R-${kind}`,
  kind,
  countries: ['KW', '*'],
  visaTypes: ['EMP', 'DOM'],
  from: '2026-01-01',
  until: '2027-01-01',
  severity: 'block',
  text: { en: 'a', bn: 'b', extra: 1 },
  extra: 'dropped',
  ...over,
});

const rich = payloadOf({
  extra: { dropped: true },
  revoked: { kids: ['AAAA', 'a_b-c'], clearances: ['BMET-2026-00000042', 'ABCDEF'], extra: [] },
  rules: [
    rule('passportMinValidity', { months: 6 }),
    rule('ageRange', { min: 21, max: 60 }),
    rule('ageRange', { id: 'R-ageRange-2', min: 30, max: 30, visaTypes: undefined, until: undefined }),
    rule('pdoRequired', { withinMonths: 12 }),
    rule('pdoRequired', { id: 'R-pdoRequired-2' }),
    rule('somethingNew', { anything: [1, 2] }),
  ],
});
(rich.keys as Record<string, unknown>[])[0]!.label = 'issuer 1';
(rich.keys as Record<string, unknown>[])[1]!.extra = 'dropped';

/** The payload of a .bmettrust file (its JWS payload, base64url JSON). */
const payloadOfFile = (file: string): unknown =>
  JSON.parse(
    Buffer.from(
      (JSON.parse(fs.readFileSync(file, 'utf8')) as { payload: string }).payload,
      'base64url',
    ).toString('utf8'),
  );
const files = ['fixtures/dev-bundle.bmettrust', '../shared/vectors/bundle.bmettrust'].filter((f) =>
  fs.existsSync(f),
);

const HOSTILE: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  1201,
  151,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  '',
  'x',
  'KW',
  '*',
  'EMP',
  'active',
  'block',
  'OKP',
  '2026-02-30',
  '2026-01-01',
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00.1234567891Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:60:00Z',
  '2026-06-30T23:59:60Z',
  '2026-01-01t00:00:00z',
  'R-ageRange',
  'a'.repeat(65),
  'a'.repeat(201),
  'not base64url!',
  [],
  [1],
  ['x'],
  {},
  { en: '', bn: 'b' },
];

/** Every payload with one value (at any depth) replaced by each hostile value, or removed. */
function* mutations(x: unknown): Generator<unknown> {
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++)
      for (const m of mutations(x[i])) yield x.map((v, j) => (j === i ? m : v));
  } else if (typeof x === 'object' && x !== null) {
    for (const k of Object.keys(x)) {
      const rest = { ...(x as Record<string, unknown>) };
      delete rest[k];
      yield rest;
      for (const m of mutations((x as Record<string, unknown>)[k])) yield { ...x, [k]: m };
    }
  }
  yield* HOSTILE;
}

// validatePayload only ever sees parsed JSON (no undefined values, no NaN): compare on that.
const asJson = (x: unknown): unknown => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

const same = (raw: unknown) => {
  const payload = asJson(raw);
  const a = checkByHand(payload);
  const b = checkByZod(payload);
  expect(a.ok).toBe(b.ok);
  if (a.ok && b.ok) {
    expect(JSON.stringify(a.payload)).toBe(JSON.stringify(b.payload));
    expect(a.payload).toStrictEqual(b.payload);
    expect(a.ok && bundleWarnings(a)).toEqual(b.ok && bundleWarnings(b));
    expect(a.ok && a.ignoredRules).toEqual(b.ok && b.ignoredRules);
  }
  if (!a.ok) expect(a.why).toMatch(/^payload /);
  return a.ok;
};

describe('bundle payload: the hand-written check agrees with the zod schema', () => {
  it('accepts the same well-formed payloads with the same output', () => {
    for (const p of [payloadOf(), rich, ...files.map(payloadOfFile)]) expect(same(p)).toBe(true);
  });

  it.each([
    ['an instant at hour 24 (V8 takes it)', { expiresAt: '2027-06-01T24:00:00Z' }],
    ['a key valid until hour 24', { keys: [{ ...(rich.keys as object[])[0], exp: '2028-12-31T24:00:00Z' }] }],
    ['a leap second', { issuedAt: '2026-06-30T23:59:60Z' }],
    [
      'two rules with one id',
      { rules: [rule('ageRange', { min: 1, max: 2 }), rule('ageRange', { min: 3, max: 4 })] },
    ],
    [
      'a rule of an unknown kind repeating an id',
      { rules: [rule('ageRange', { min: 1, max: 2 }), rule('new', { id: 'R-ageRange' })] },
    ],
  ])('both refuse %s', (_why, over) => {
    expect(same({ ...rich, ...over })).toBe(false);
  });

  it('gives the same verdict and output for every one-field mutation', () => {
    let accepted = 0;
    let refused = 0;
    for (const base of [payloadOf(), rich])
      for (const m of mutations(base)) {
        if (same(m)) accepted++;
        else refused++;
      }
    // Both kinds of verdict occur, so the comparison tested something either way.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  });
});
