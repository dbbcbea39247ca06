// The daily report of cli.md: counts by status, reason, Dhaka hour, destination and officer; CSV rows.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../../main/contract/codes.ts';
import { officerResults, resultCounts } from '../../../main/contract/report-page.ts';
import type { Verdict } from '../../../main/contract/verdict.ts';
import { REASON_WORDS } from '../../../main/contract/words.ts';
import { noTrustVerdict } from '../../../main/core/scan/scan-path.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

let store: Store;
afterEach(() => store?.close());

describe('daily report', () => {
  it('counts one Asia/Dhaka day', () => {
    store = openStore({ dataDir: tempDataDir() });
    store.putInternalSetting('kioskId', 'DAC-T1-D07');
    const at = (iso: string) => Date.parse(iso);
    const two: Verdict = {
      ...fakeVerdict(9, 'invalid', 'SA'),
      reasons: [
        { code: 'RULE_FAILED', rule: 'A' },
        { code: 'RULE_FAILED', rule: 'B' },
        { code: 'CLEARANCE_EXPIRED' },
      ],
    };
    // 2026-11-21T18:00Z is 00:00 on 22 Nov in Dhaka; 2026-11-22T17:59Z is 23:59.
    store.logVerdict(fakeVerdict(1), 'a', at('2026-11-21T17:59:59.999Z'), 'OF-1'); // 21 Nov in Dhaka: not counted
    store.logVerdict(fakeVerdict(2), 'b', at('2026-11-21T18:00:00Z'), 'OF-1');
    store.logVerdict(fakeVerdict(3, 'warning'), 'c', at('2026-11-22T03:30:00Z'), 'OF-1');
    store.logVerdict(fakeVerdict(4, 'invalid'), 'd', at('2026-11-22T03:45:00Z'), 'OF-2'); // unreadable card: no destination
    store.logVerdict(two, 'e', at('2026-11-22T17:59:00Z'), 'OF-2');
    store.logVerdict(fakeVerdict(5), 'f', at('2026-11-22T18:00:00Z'), 'OF-1'); // 23 Nov in Dhaka
    expect(store.dailyReport('2026-11-22')).toEqual({
      date: '2026-11-22',
      kioskId: 'DAC-T1-D07',
      total: 4,
      byStatus: { valid: 1, warning: 1, invalid: 2 },
      byReason: { RULE_FAILED: 2, SIGNATURE_INVALID: 1, CLEARANCE_EXPIRED: 1 },
      byHour: [1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      byDestination: { KW: 2, SA: 1 },
      byOfficer: {
        'OF-1': { total: 2, valid: 1, warning: 1, invalid: 0 },
        'OF-2': { total: 2, valid: 0, warning: 0, invalid: 2 },
      },
      unreadable: 0,
      uniqueClearances: 3,
      tripChecks: { match: 0, warning: 0, mismatch: 0 },
      cannotCheck: 0,
    });
    expect(store.dailyReport('2026-11-20')).toMatchObject({
      total: 0,
      byHour: new Array(24).fill(0),
      byReason: {},
    });
  });

  it('counts unreadable scans apart (still invalid) and workers once however often scanned', () => {
    store = openStore({ dataDir: tempDataDir() });
    const at = Date.parse('2026-11-22T04:00:00Z');
    const bad = (codes: ReasonCode[]): Verdict => ({
      status: 'invalid',
      reasons: codes.map((code) => ({ code })),
      kid: null,
      clearance: null,
    });
    store.logVerdict(bad(['FORMAT_UNKNOWN']), 'a', at, 'OF-1');
    store.logVerdict(bad(['BASE45_INVALID']), 'b', at + 1, 'OF-1');
    store.logVerdict(bad(['DECOMPRESS_FAILED']), 'c', at + 2, 'OF-1');
    store.logVerdict(bad(['PAYLOAD_TOO_LARGE']), 'd', at + 3, 'OF-1');
    store.logVerdict(bad(['COSE_MALFORMED']), 'e', at + 4, 'OF-1'); // read whole: a bad card, not unreadable
    store.logVerdict(bad(['SIGNATURE_INVALID']), 'f', at + 5, 'OF-1');
    store.logVerdict(fakeVerdict(1), 'g', at + 6, 'OF-1');
    store.logVerdict(fakeVerdict(1, 'warning'), 'h', at + 7, 'OF-1'); // the same worker again
    store.logVerdict(fakeVerdict(3, 'invalid'), 'i', at + 8, 'OF-1'); // revoked, but verified: a worker
    const r = store.dailyReport('2026-11-22');
    expect(r.total).toBe(9);
    expect(r.byStatus).toEqual({ valid: 1, warning: 1, invalid: 7 });
    expect(r.unreadable).toBe(4);
    expect(r.uniqueClearances).toBe(2);
    expect(store.dailyReport('2026-11-21')).toMatchObject({ unreadable: 0, uniqueClearances: 0 });
  });

  it("the supervisor's page splits each officer's unreadable scans from their invalid cards, as the day's figures do", () => {
    store = openStore({ dataDir: tempDataDir() });
    const at = Date.parse('2026-11-22T04:00:00Z');
    const bad = (code: ReasonCode): Verdict => ({
      status: 'invalid',
      reasons: [{ code }],
      kid: null,
      clearance: null,
    });
    store.logVerdict(bad('FORMAT_UNKNOWN'), 'a', at, 'OF-1');
    store.logVerdict(bad('BASE45_INVALID'), 'b', at + 1, 'OF-1');
    store.logVerdict(bad('SIGNATURE_INVALID'), 'c', at + 2, 'OF-1');
    store.logVerdict(bad('SIGNATURE_INVALID'), 'd', at + 3, 'OF-2');
    store.logVerdict(fakeVerdict(1), 'e', at + 4, 'OF-2');
    const page = store.reportPage('2026-11-22', '2026-11-22T05:00:00.000Z');
    expect(page.report).toEqual(store.dailyReport('2026-11-22'));
    expect(page.unreadableByOfficer).toEqual({ 'OF-1': 2 });
    expect(officerResults(page, 'OF-1')).toEqual({
      total: 3,
      valid: 0,
      warning: 0,
      invalid: 1,
      unreadable: 2,
      'cannot-check': 0,
    });
    expect(officerResults(page, 'OF-2')).toEqual({
      total: 2,
      valid: 1,
      warning: 0,
      invalid: 1,
      unreadable: 0,
      'cannot-check': 0,
    });
    // Summed over officers they are the tiles' figures.
    const ids = Object.keys(page.report.byOfficer);
    const sum = (k: 'invalid' | 'unreadable') => ids.reduce((a, id) => a + officerResults(page, id)[k], 0);
    expect([sum('invalid'), sum('unreadable')]).toEqual([
      resultCounts(page.report).invalid,
      resultCounts(page.report).unreadable,
    ]);
  });

  it('counts scans made with no trust bundle apart from invalid cards: in the totals, by officer and in the CSV', () => {
    store = openStore({ dataDir: tempDataDir() });
    const at = Date.parse('2026-11-22T04:00:00Z');
    // What the kiosk logs for a scan while no trust bundle is in force (scan-path.ts): never judged.
    store.logVerdict(noTrustVerdict(), 'a', at, 'OF-1');
    store.logVerdict(noTrustVerdict(), 'b', at + 1, 'OF-1');
    store.logVerdict(noTrustVerdict(), 'c', at + 2, 'OF-2');
    const forged: Verdict = {
      status: 'invalid',
      reasons: [{ code: 'SIGNATURE_INVALID' }],
      kid: null,
      clearance: null,
    };
    store.logVerdict(forged, 'd', at + 3, 'OF-2');
    const cut: Verdict = {
      status: 'invalid',
      reasons: [{ code: 'BASE45_INVALID' }],
      kid: null,
      clearance: null,
    };
    store.logVerdict(cut, 'e', at + 4, 'OF-2');
    store.logVerdict(fakeVerdict(1), 'f', at + 5, 'OF-1');
    const r = store.dailyReport('2026-11-22');
    // The log's status stays invalid (cli.md's byStatus); the kiosk's own failures are counted apart.
    expect(r.byStatus).toEqual({ valid: 1, warning: 0, invalid: 5 });
    expect(r.byReason).toMatchObject({ NO_TRUST: 3 });
    expect([r.unreadable, r.cannotCheck]).toEqual([1, 3]);
    expect(resultCounts(r)).toEqual({ valid: 1, warning: 0, invalid: 1, unreadable: 1, 'cannot-check': 3 });
    const page = store.reportPage('2026-11-22', '2026-11-22T05:00:00.000Z');
    expect(page.cannotCheckByOfficer).toEqual({ 'OF-1': 2, 'OF-2': 1 });
    expect(officerResults(page, 'OF-1')).toEqual({
      total: 3,
      valid: 1,
      warning: 0,
      invalid: 0,
      unreadable: 0,
      'cannot-check': 2,
    });
    expect(officerResults(page, 'OF-2')).toEqual({
      total: 3,
      valid: 0,
      warning: 0,
      invalid: 1,
      unreadable: 1,
      'cannot-check': 1,
    });
    // The CSV keeps its columns: status is the log's (invalid), result says cannot-check.
    const rows = [...store.dailyCsv('2026-11-22')].slice(1).map((l) => l.split(','));
    expect(rows.map((c) => [c[5], c[6], c[7]])).toEqual([
      ['invalid', 'cannot-check', 'NO_TRUST'],
      ['invalid', 'cannot-check', 'NO_TRUST'],
      ['invalid', 'cannot-check', 'NO_TRUST'],
      ['invalid', 'invalid', 'SIGNATURE_INVALID'],
      ['invalid', 'unreadable', 'BASE45_INVALID'],
      ['valid', 'valid', ''],
    ]);
  });

  it('gives one CSV row per verification: UTF-8 with a BOM, Dhaka time, the shown result, reasons in words, quoted where needed', () => {
    store = openStore({ dataDir: tempDataDir() });
    const v = fakeVerdict(1, 'warning');
    v.clearance!.nm = 'RAHIM, "BABU"';
    store.logVerdict(v, 'x', Date.parse('2026-11-22T03:00:00Z'), 'OF-1');
    store.logVerdict(fakeVerdict(2, 'invalid'), 'y', Date.parse('2026-11-22T04:00:00Z'), 'OF-1');
    const cut: Verdict = {
      status: 'invalid',
      reasons: [{ code: 'BASE45_INVALID' }],
      kid: null,
      clearance: null,
    };
    store.logVerdict(cut, 'z', Date.parse('2026-11-22T17:30:00Z'), 'OF-1');
    const csv = [...store.dailyCsv('2026-11-22')].join('');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'seq,id,scannedAtDhaka,officerId,kioskId,status,result,reasons,reasonWords,clearanceId,passport,name,destination,visaType,kid,qrSha256,tripCheck',
    );
    // 03:00Z is 09:00 in Dhaka; the reason's words in Bangla and English beside its code.
    const w = REASON_WORDS.RULE_FAILED;
    expect(lines[1]).toMatch(/^1,[^,]+,2026-11-22 09:00:00,OF-1,/);
    expect(lines[1]).toContain(
      `,warning,warning,RULE_FAILED:KW-PASSPORT-6M,${w.bn} / ${w.en},BMET-2026-00000001,A00000001,"RAHIM, ""BABU""",KW,EMP,kid-a,`,
    );
    expect(lines[2]).toMatch(
      /^2,.*,2026-11-22 10:00:00,.*,invalid,invalid,SIGNATURE_INVALID,[^,]+,,,,,,kid-a,[0-9a-f]{64},$/,
    );
    // A scan that could not be read: the log's status stays invalid, the result says unreadable.
    expect(lines[3]).toMatch(/^3,[^,]+,2026-11-22 23:30:00,.*,invalid,unreadable,BASE45_INVALID,/);
    expect(lines[3]).toContain(REASON_WORDS.BASE45_INVALID.bn);
    expect(lines).toHaveLength(5); // header, 3 rows, trailing empty
  });

  it('figures that add up on a seeded day: statuses and destinations (with none) sum to the total, workers apart from scans', () => {
    store = openStore({ dataDir: tempDataDir() });
    const at = Date.parse('2026-11-22T05:00:00Z');
    const bad = (code: ReasonCode): Verdict => ({
      status: 'invalid',
      reasons: [{ code }],
      kid: null,
      clearance: null,
    });
    const seeded: [Verdict, string][] = [
      [fakeVerdict(1), 'OF-1'],
      [fakeVerdict(1, 'warning'), 'OF-1'], // the same worker twice
      [fakeVerdict(2, 'valid', 'SA'), 'OF-2'],
      [fakeVerdict(3, 'invalid', 'OM'), 'OF-2'],
      [bad('FORMAT_UNKNOWN'), 'OF-1'],
      [bad('DECOMPRESS_FAILED'), 'UNSIGNED'],
      [bad('SIGNATURE_INVALID'), 'OF-2'],
    ];
    seeded.forEach(([v, officer], i) => store.logVerdict(v, `s${i}`, at + i * 60_000, officer));
    const r = store.dailyReport('2026-11-22');
    const sum = (o: object) => (Object.values(o) as number[]).reduce((a, b) => a + b, 0);
    expect(r.total).toBe(seeded.length);
    expect(sum(r.byStatus)).toBe(r.total);
    expect(sum(r.byHour)).toBe(r.total);
    const none = r.total - sum(r.byDestination);
    expect(none).toBe(3); // the two unreadable scans and the forged signature carry no verified card
    expect(sum(r.byDestination) + none).toBe(r.total);
    expect(Object.values(r.byOfficer).reduce((a, o) => a + o.total, 0)).toBe(r.total);
    for (const o of Object.values(r.byOfficer)) expect(o.valid + o.warning + o.invalid).toBe(o.total);
    expect(r.unreadable).toBe(2);
    expect(r.unreadable).toBeLessThanOrEqual(r.byStatus.invalid);
    expect(r.uniqueClearances).toBe(3);
    // The CSV has one row per counted scan, and its results count the same.
    const rows = [...store.dailyCsv('2026-11-22')].slice(1).map((l) => l.split(',')[6]);
    expect(rows).toHaveLength(r.total);
    expect(rows.filter((x) => x === 'unreadable')).toHaveLength(r.unreadable);
    // The results as shown sum to the scans, each officer's too.
    expect(sum(resultCounts(r))).toBe(r.total);
    const page = store.reportPage('2026-11-22', '2026-11-22T06:00:00.000Z');
    for (const id of Object.keys(r.byOfficer)) {
      const { total, ...results } = officerResults(page, id);
      expect(sum(results)).toBe(total);
    }
  });
});
