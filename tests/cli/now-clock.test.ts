// --now is for verdicts (cli.md): lock-outs and audit times stay on the real clock, and `people` refuses it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditLine } from '../../main/contract/technician.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { at, installedDataDir, vectorCards, VROOT } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';
import { dhakaDate } from '../../main/contract/dhaka-time.ts';

const PAST = '2020-01-01T00:00:00Z';
const FUTURE = '2099-01-01T00:00:00Z';

function addOfficer(dir: string): void {
  const add = runCli(
    ['people', 'add', 'OF-2', '--name', 'Two', '--role', 'officer', '--data-dir', dir],
    '246802\n',
  );
  expect(add.status).toBe(0);
}

describe('people refuses --now (exit 2): nothing there is a verdict', () => {
  it.each([
    ['login', 'OF-2', '--pin', '246802', '--now', FUTURE],
    ['login', 'OF-2', '--pin', '000000', '--now', PAST],
    ['list', '--now', PAST],
    ['reset', 'OF-2', '--pin', '135791', '--now', PAST],
  ])('people %s … --now', (...args) => {
    const dir = path.join(tempDataDir('cli'), 'data');
    addOfficer(dir);
    const r = runCli(['people', ...args, '--data-dir', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/people does not take --now/);
  });

  it('a real lock-out cannot be stepped past with a future --now, and wrong PINs under an old --now lock now', () => {
    const dir = path.join(tempDataDir('cli'), 'data');
    addOfficer(dir);
    for (let i = 0; i < 5; i++)
      expect(runCli(['people', 'login', 'OF-2', '--pin', '000000', '--data-dir', dir]).status).toBe(1);
    expect(
      runCli(['people', 'login', 'OF-2', '--pin', '246802', '--data-dir', dir, '--now', FUTURE]).status,
    ).toBe(2);
    const locked = runCli(['people', 'login', 'OF-2', '--pin', '246802', '--data-dir', dir]);
    expect(locked.status).toBe(1);
    expect(jsonLines(locked.stdout)[0]).toMatchObject({ ok: false, reason: 'locked' });
    const lockedUntil = Date.parse(String(jsonLines(locked.stdout)[0]!.lockedUntil));
    expect(lockedUntil).toBeGreaterThan(Date.now());
  });
});

describe('audit rows carry the real time whatever --now says', () => {
  it('report --now <past>: the report.export row is stamped now, not in 2020', () => {
    const dir = installedDataDir();
    const qr = vectorCards().find((c) => c.expect.status === 'valid')!.qr;
    expect(runCli(['verify', ...at(dir)], qr + '\n').status).toBe(0);
    const before = Date.now();
    const r = runCli(['report', '--date', '2026-11-22', '--data-dir', dir, '--now', PAST]);
    const after = Date.now();
    expect(r.status).toBe(0);
    const audit = jsonLines<AuditLine>(runCli(['log', 'audit', '--data-dir', dir]).stdout);
    const exported = audit.find((e) => e.action === 'report.export')!;
    expect(Date.parse(exported.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(exported.at)).toBeLessThanOrEqual(after + 1000);
  });
});

describe('report: --now says which day is today', () => {
  it('a day still to come answers zeros (the shape of cli.md) and says on stderr that it has not come yet', () => {
    const dir = installedDataDir();
    const later = runCli(['report', '--date', '2027-05-01', ...at(dir)]);
    expect(later.status).toBe(0);
    expect(jsonLines(later.stdout)[0]).toMatchObject({ date: '2027-05-01', total: 0 });
    expect(later.stderr).toMatch(/2027-05-01 has not come yet \(today in Dhaka is 2026-11-22, by --now\)/);
    // Today (by --now) and a past day are days like any other.
    for (const date of ['2026-11-22', '2026-11-21'])
      expect(runCli(['report', '--date', date, ...at(dir)]).stderr).not.toMatch(/has not come yet/);
    // Without --now, by the real clock.
    expect(runCli(['report', '--date', '2099-01-01', '--data-dir', dir]).stderr).toMatch(/has not come yet/);
  });

  it('a later day than --now that holds records (stamped by the real clock) is reported without saying it cannot hold any', () => {
    const dir = installedDataDir();
    const qr = vectorCards().find((c) => c.expect.status === 'valid')!.qr;
    // Verified with no --now, the record carries the real clock's Dhaka day: one of these two,
    // whatever midnight did meanwhile.
    const first = dhakaDate(Date.now());
    expect(runCli(['verify', '--data-dir', dir, '--root', VROOT], qr + '\n').status).toBe(0);
    const days = [...new Set([first, dhakaDate(Date.now())])];
    const dayBefore = `${dhakaDate(Date.parse(`${first}T00:00:00+06:00`) - 1)}T12:00:00+06:00`;
    const reports = days.map((date) => ({
      date,
      json: runCli(['report', '--date', date, '--data-dir', dir, '--now', dayBefore]),
      csv: runCli(['report', '--date', date, '--format', 'csv', '--data-dir', dir, '--now', dayBefore]),
    }));
    const held = reports.filter((r) => jsonLines<{ total: number }>(r.json.stdout)[0]!.total === 1);
    expect(held).toHaveLength(1);
    for (const r of [held[0]!.json, held[0]!.csv]) {
      expect(r.status).toBe(0);
      expect(r.stderr).not.toMatch(/has not come yet|no verifications can be/);
    }
    expect(held[0]!.csv.stdout.trim().split('\n')).toHaveLength(2); // the header and the record
  });
});
