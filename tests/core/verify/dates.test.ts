import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, dhakaDate, dhakaHour, isCalendarDate } from '../../../main/core/verify/dates.ts';

describe('calendar dates', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-22', 6, '2027-05-22'],
    ['2026-11-22', -12, '2025-11-22'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-05-31', 0, '2026-05-31'],
  ])('%s + %i months = %s (clamped to month end)', (d, n, want) => {
    expect(addMonths(d, n)).toBe(want);
  });

  it.each([
    ['2005-11-22', '2026-11-22', 21],
    ['2005-11-23', '2026-11-22', 20],
    ['1966-11-22', '2026-11-22', 60],
    ['1966-11-21', '2026-11-22', 60],
    ['1965-11-22', '2026-11-22', 61],
    ['2004-02-29', '2025-02-28', 20],
    ['2004-02-29', '2025-03-01', 21],
    ['2004-02-29', '2028-02-29', 24],
  ])('born %s is %i on %s', (dob, today, age) => {
    expect(ageOn(dob, today)).toBe(age);
  });

  it.each([
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-12-31', true],
    [' 2026-12-31', false],
    ['2026-12-31T00:00', false],
    [20261231, false],
  ])('isCalendarDate(%j) = %s', (s, want) => {
    expect(isCalendarDate(s)).toBe(want);
  });

  it('takes the Asia/Dhaka date and hour (UTC+6, no DST)', () => {
    expect(dhakaDate(Date.parse('2026-11-22T17:59:59Z'))).toBe('2026-11-22');
    expect(dhakaDate(Date.parse('2026-11-22T18:00:00Z'))).toBe('2026-11-23');
    expect(dhakaHour(Date.parse('2026-11-22T18:30:00Z'))).toBe(0);
    expect(dhakaHour(Date.parse('2026-06-01T03:14:00Z'))).toBe(9);
  });
});
