// Scans made while no trust bundle is in force, end to end: a fresh production data dir, the
// real kiosk started with a root but no bundle, an officer pasting a genuine card at the desk
// (CANNOT CHECK), then the supervisor's screen in a real Chromium. The card was never judged:
// the day's tiles, the by-officer table, the CSV's result column and the PDF count it as "could
// not be checked", never as an invalid card; the log's status (and the CSV's status) stays invalid.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_WORDS } from '../../main/contract/words.ts';
import { PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import {
  hasChromium,
  launchChromium,
  nextVerdict,
  startKiosk,
  verdictId,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const NOW = '2026-11-22T06:00:00Z';
const TODAY = '2026-11-22'; // NOW in Dhaka
const card = (
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'fixtures/cards.jsonl'), 'utf8').split('\n')[0]!) as {
    qr: string;
  }
).qr;

describe.skipIf(!hasChromium)('the supervisor screen: scans the kiosk could not check', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-no-trust-'));
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  const cli = (args: string[]) => {
    const r = runCli([...args, '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    cli(['people', 'add', 'SV-2001', '--name', 'Nasrin Akter', '--role', 'supervisor', '--pin', '975310']);
    cli(['people', 'add', 'OF-1042', '--name', 'Rahima Khatun', '--role', 'officer', '--pin', '246810']);
    // A root, no bundle installed: nothing can be checked.
    kiosk = await startKiosk(['--root', 'fixtures/keys/dev-root.pem', '--now', NOW], dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await page.goto(kiosk.url);
    await page.getByTestId('desk-sign-in-id').fill('OF-1042');
    await page.getByTestId('desk-sign-in-pin').fill('246810');
    await page.getByTestId('desk-sign-in-submit').click();
    await page.locator('[data-testid=desk-session][data-person=OF-1042]').waitFor();
    for (let i = 0; i < 2; i++) {
      const before = await verdictId(page);
      await page.getByTestId('manual-input').fill(card);
      await page.getByTestId('manual-input').press('Enter');
      await nextVerdict(page, before);
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('cannot-check');
    }
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('supervisor-sign-in-form-id').fill('SV-2001');
    await page.getByTestId('supervisor-sign-in-form-pin').fill('975310');
    await page.getByTestId('supervisor-sign-in-form-submit').click();
    await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  it('counts them as "could not be checked" in the tiles and the by-officer table, not as invalid cards', async () => {
    const report = JSON.parse(cli(['report', '--date', TODAY, '--no-log']));
    // The log keeps the spec's status; the report says which of the invalid ones were never judged.
    expect(report).toMatchObject({ total: 2, byStatus: { invalid: 2 }, cannotCheck: 2, unreadable: 0 });
    const tiles = await page
      .getByTestId('report-result')
      .evaluateAll((l) =>
        Object.fromEntries(
          l.map((e) => [e.getAttribute('data-result'), Number(e.getAttribute('data-count'))]),
        ),
      );
    expect(tiles).toEqual({ valid: 0, warning: 0, invalid: 0, unreadable: 0, 'cannot-check': 2 });
    const tile = await page.locator('[data-testid=report-result][data-result=cannot-check]').innerText();
    expect(tile).toContain(DAY_WORDS.cannotCheck.bn);
    expect(tile).toContain(DAY_WORDS.cannotCheck.en);
    expect(await page.getByTestId('report-sum').innerText()).toContain('2 = 0 + 0 + 0 + 0 + 2');

    const table = page.getByTestId('report-officers');
    const head = await table.locator('thead').innerText();
    expect(head).toContain(DAY_WORDS.cannotCheck.bn);
    expect(head).toContain(DAY_WORDS.cannotCheck.en);
    const row = table.locator('[data-testid=report-officer][data-officer=OF-1042]');
    expect(await row.getAttribute('data-invalid')).toBe('0');
    expect(await row.getAttribute('data-cannot-check')).toBe('2');
    // Name, id, total, then valid, check, invalid, unreadable, could not be checked.
    expect((await row.locator('td.n').allInnerTexts()).map(Number)).toEqual([2, 0, 0, 0, 0, 2]);
    expect(
      (await table.getByTestId('report-officers-total').locator('td.n').allInnerTexts()).map(Number),
    ).toEqual([2, 0, 0, 0, 0, 2]);
  });

  it("the CSV keeps its columns: status invalid (the log's), result cannot-check", async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export').click(),
    ]);
    const file = path.join(dataDir, 'day.csv');
    await download.saveAs(file);
    const [header, ...rows] = fs.readFileSync(file, 'utf8').slice(1).trim().split('\r\n');
    const cols = header!.split(',');
    const at = (r: string, c: string) => r.split(',')[cols.indexOf(c)];
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect([at(r, 'status'), at(r, 'result'), at(r, 'reasons')]).toEqual([
        'invalid',
        'cannot-check',
        'NO_TRUST',
      ]);
    }
  });

  it.skipIf(!fs.existsSync('/usr/bin/pdftotext'))(
    'the PDF says they could not be checked, in both languages',
    async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-pdf').click(),
      ]);
      const file = path.join(dataDir, 'day.pdf');
      await download.saveAs(file);
      // pdftotext puts spaces inside Bangla conjuncts, and may break a wrapped label's lines apart: compared without spaces, the Bangla up to its bracket.
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
      for (const w of [DAY_WORDS.cannotCheck.bn.split(' (')[0]!, DAY_WORDS.cannotCheck.en])
        expect(text).toContain(w.replace(/\s+/g, ''));
      expect(text).toContain('2=0+0+0+0+2');
    },
  );
});
