import { describe, expect, it } from 'vitest';
import type { Clearance } from '../../../main/contract/clearance.ts';
import type { Rule } from '../../../main/core/trust/bundle-types.ts';
import { failedRules, ruleApplies } from '../../../main/core/verify/rules.ts';

const text = { en: 'x', bn: 'x' };
const card = (over: Partial<Clearance> = {}): Clearance => ({
  v: 1,
  cid: 'BMET-2026-00000001',
  pp: 'A01234567',
  ppx: '2030-01-01',
  nm: 'MD RAHIM UDDIN',
  dob: '1990-05-05',
  sx: 'M',
  dst: 'KW',
  vt: 'EMP',
  ...over,
});
const PP: Rule = {
  id: 'KW-PASSPORT-6M',
  kind: 'passportMinValidity',
  countries: ['KW'],
  from: '2025-12-23',
  months: 6,
  severity: 'block',
  text,
};
const AGE: Rule = {
  id: 'KW-DOM-AGE',
  kind: 'ageRange',
  countries: ['KW'],
  visaTypes: ['DOM'],
  from: '2025-12-23',
  min: 21,
  max: 60,
  severity: 'block',
  text,
};
const PDO: Rule = {
  id: 'PDO',
  kind: 'pdoRequired',
  countries: ['*'],
  from: '2020-01-01',
  withinMonths: 12,
  severity: 'warn',
  text,
};

describe('destination rules', () => {
  it.each([
    ['passport valid exactly 6 months', PP, card({ ppx: '2027-05-22' }), '2026-11-22', false],
    ['passport a day short', PP, card({ ppx: '2027-05-21' }), '2026-11-22', true],
    ['31 Aug + 6 months clamps to 28 Feb', PP, card({ ppx: '2027-02-28' }), '2026-08-31', false],
    ['… and 27 Feb fails', PP, card({ ppx: '2027-02-27' }), '2026-08-31', true],
    ['domestic worker aged exactly 21', AGE, card({ vt: 'DOM', dob: '2005-11-22' }), '2026-11-22', false],
    ['domestic worker turning 21 tomorrow', AGE, card({ vt: 'DOM', dob: '2005-11-23' }), '2026-11-22', true],
    ['domestic worker aged 60 and a day', AGE, card({ vt: 'DOM', dob: '1966-11-21' }), '2026-11-22', false],
    ['domestic worker aged 61', AGE, card({ vt: 'DOM', dob: '1965-11-22' }), '2026-11-22', true],
    [
      'employment visa: age rule does not apply',
      AGE,
      card({ vt: 'EMP', dob: '2010-01-01' }),
      '2026-11-22',
      false,
    ],
    ['no PDO', PDO, card(), '2026-11-22', true],
    ['PDO exactly 12 months ago', PDO, card({ pdo: '2025-11-22' }), '2026-11-22', false],
    ['PDO 12 months and a day ago', PDO, card({ pdo: '2025-11-21' }), '2026-11-22', true],
  ])('%s', (_why, rule, c, today, fails) => {
    expect(failedRules([rule], c, today).map((f) => f.reason.rule)).toEqual(fails ? [rule.id] : []);
  });

  it.each([
    ['other destination', { ...PP }, card({ dst: 'SA' }), '2026-11-22', false],
    ['before from', { ...PP }, card(), '2025-12-22', false],
    ['on from', { ...PP }, card(), '2025-12-23', true],
    ['on until (exclusive)', { ...PP, until: '2026-11-22' }, card(), '2026-11-22', false],
    ['the day before until', { ...PP, until: '2026-11-22' }, card(), '2026-11-21', true],
    ['wildcard country', { ...PP, countries: ['*'] }, card({ dst: 'MY' }), '2026-11-22', true],
  ])('applicability: %s', (_why, rule, c, today, applies) => {
    expect(ruleApplies(rule as Rule, c, today)).toBe(applies);
  });

  it('reports severity so warn rules make warnings', () => {
    expect(
      failedRules([PP, PDO], card({ ppx: '2027-01-01' }), '2026-11-22').map((f) => [
        f.reason.rule,
        f.severity,
      ]),
    ).toEqual([
      ['KW-PASSPORT-6M', 'block'],
      ['PDO', 'warn'],
    ]);
  });
});
