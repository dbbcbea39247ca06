// `report --format pdf --out FILE` and `--format csv`, end to end: a data dir with real
// logged scans (the shared vectors' cards through `verify`, by two named officers, plus an
// unreadable scan), printed by the real CLI in headless Chromium; the PDF read back with
// poppler (pdftotext finds the Bangla and English words, the names and the figures;
// pdftoppm renders page 1 to a PNG in dist/test-artifacts for a person to look at).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayWords } from '../../main/contract/report-page.ts';
import { DAY_WORDS, REASON_WORDS, REPORT_WORDS, UI_WORDS } from '../../main/contract/words.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { ARTIFACTS, hasChromium } from '../helpers/kiosk.ts';
import { at, installedDataDir, vectorCards } from '../helpers/kiosk-data.ts';

const hasPoppler = fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdftoppm');
const DATE = '2026-11-22';

describe.skipIf(!hasChromium || !hasPoppler)('report as PDF and CSV from the command line', () => {
  let dir: string;
  const cli = (...args: string[]) => {
    const r = runCli([...args, ...at(dir)]);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(() => {
    dir = installedDataDir();
    // people takes no --now (the real clock's business): only the data dir.
    for (const [id, name, pin] of [
      ['OF-1042', 'Rahima Khatun', '246810'],
      ['OF-2077', 'Karim Ahmed', '135790'],
    ] as const) {
      const r = runCli([
        'people',
        'add',
        id,
        '--name',
        name,
        '--role',
        'officer',
        '--pin',
        pin,
        '--data-dir',
        dir,
      ]);
      expect(r.status, r.stderr).toBe(0);
    }
    const cards = vectorCards();
    const half = Math.ceil(cards.length / 2);
    const verify = (officer: string, lines: string[]) => {
      const r = runCli(['verify', '--officer', officer, ...at(dir)], lines.join('\n') + '\n');
      expect(r.stderr).not.toMatch(/NOT LOGGED/);
    };
    verify(
      'OF-1042',
      cards.slice(0, half).map((c) => c.qr),
    );
    // A scan cut short by the scanner: unreadable, counted apart.
    verify('OF-2077', [...cards.slice(half).map((c) => c.qr), cards[0]!.qr.slice(0, 40)]);
  }, 120_000);

  it('prints the A4 page: Bangla and English words, names and figures survive into the PDF; audited', () => {
    const out = path.join(dir, 'report.pdf');
    expect(runCli(['report', '--date', DATE, '--format', 'pdf', ...at(dir)]).status).toBe(2); // no --out
    cli('report', '--date', DATE, '--format', 'pdf', '--out', out);
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    const report = JSON.parse(cli('report', '--date', DATE));
    const day = dayWords(DATE);
    // pdftotext puts spaces inside Bangla conjuncts (its reading of the shaped glyphs), so words are compared without spaces.
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const words of [day.bn, day.en, DAY_WORDS.scans.bn, DAY_WORDS.workers.en, REPORT_WORDS.title.bn])
      expect(squash(text)).toContain(squash(words));
    for (const words of [
      DAY_WORDS.unreadable.en,
      REASON_WORDS.SIGNATURE_INVALID.en,
      'Rahima Khatun',
      'Karim Ahmed',
    ])
      expect(squash(text)).toContain(squash(words));
    expect(text).toContain(`${report.total} = `);
    // A production data dir's page has no development marker.
    expect(squash(text)).not.toContain(squash(UI_WORDS.development.en));
    expect(report.unreadable).toBeGreaterThanOrEqual(1); // the cut scan, besides the vectors' own unreadable texts

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, 'report-pdf-page');
    const r = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', out, png]);
    expect(r.status, r.stderr?.toString()).toBe(0);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(10_000);
    // Page 1 is A4 portrait: 210 × 297 mm at 80 dpi.
    const head = fs.readFileSync(`${png}.png`);
    expect([head.readUInt32BE(16), head.readUInt32BE(20)]).toEqual([662, 936]);

    const exports = jsonLines(cli('log', 'audit')).filter(
      (e) => e.action === 'report.export' && (e.detail as { format?: string }).format === 'pdf',
    );
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ detail: { date: DATE, format: 'pdf', rows: report.total, out } });
  }, 120_000);

  it("a development data dir's page says DEVELOPMENT in both languages, written or read-only (--no-log)", () => {
    const dev = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-dev-'));
    const env = { BMET_KIOSK_DEV: '1' };
    // Made as development by its first command.
    const add = ['people', 'add', 'OF-7001', '--name', 'Dev Officer', '--role', 'officer', '--pin', '123456'];
    expect(runCli([...add, '--data-dir', dev], undefined, env).status).toBe(0);
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const [how, args, e] of [
      ['written', [], env],
      ['read-only', ['--no-log'], {}],
    ] as const) {
      const out = path.join(dev, `report-${how}.pdf`);
      const r = runCli(
        ['report', '--date', DATE, '--format', 'pdf', '--out', out, '--data-dir', dev, ...args],
        undefined,
        e,
      );
      expect(r.status, r.stderr).toBe(0);
      const text = squash(spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout);
      expect({ how, bn: text.includes(squash(UI_WORDS.development.bn)) }).toEqual({ how, bn: true });
      expect({ how, en: text.includes(squash(UI_WORDS.development.en)) }).toEqual({ how, en: true });
    }
  }, 120_000);

  it('CSV: UTF-8 with a BOM, Dhaka times, results with unreadable apart; the same bytes to stdout and to --out', () => {
    const stdout = runCli(['report', '--date', DATE, '--format', 'csv', ...at(dir)], undefined).stdout;
    const out = path.join(dir, 'report.csv');
    cli('report', '--date', DATE, '--format', 'csv', '--out', out);
    const file = fs.readFileSync(out);
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file.toString('utf8')).toBe(stdout);
    const rows = stdout.slice(1).trim().split('\r\n');
    const report = JSON.parse(cli('report', '--date', DATE));
    expect(rows).toHaveLength(report.total + 1);
    // --now 06:00Z is noon in Dhaka.
    expect(rows[1]).toMatch(/^1,[^,]+,2026-11-22 12:00:00,OF-1042,/);
    expect(rows.filter((l) => l.includes(',invalid,unreadable,'))).toHaveLength(report.unreadable);
    expect(stdout).toContain(REASON_WORDS.SIGNATURE_INVALID.bn);
  });
});
