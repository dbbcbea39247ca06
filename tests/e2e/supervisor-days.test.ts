// The supervisor's day as typed, end to end: scans logged by the real CLI into a fresh data dir,
// the real kiosk (`start --no-window --port 0`) on it with the shared vectors, a supervisor
// signed in on its screen in a real Chromium. A day that is not on the calendar clears the
// report (nothing left to print or download) and says so in both languages; what main refuses
// is shown as words and its code, never main's own English message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_WORDS, DAY_WORDS, REPORT_WORDS } from '../../main/contract/words.ts';
import { runCli } from '../helpers/cli.ts';
import {
  hasChromium,
  launchChromium,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const TODAY = '2026-11-22'; // VECTORS_NOW in Dhaka
const vectors = [
  '--root',
  path.join(VECTORS, 'root.pem'),
  '--bundle',
  path.join(VECTORS, 'bundle.bmettrust'),
];
const cards = [...vectorCards().values()];

describe.skipIf(!hasChromium)('the supervisor screen: the day typed', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-days-'));
  let kiosk: RunningKiosk;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;

  const cli = (args: string[], input?: string) => {
    const r = runCli([...args, '--data-dir', dataDir], input);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    cli(['people', 'add', 'SV-2001', '--name', 'Nasrin Akter', '--role', 'supervisor', '--pin', '975310']);
    cli(['people', 'add', 'OF-1042', '--name', 'Rahima Khatun', '--role', 'officer', '--pin', '246810']);
    // The day's scans: a good card, a forged one, and a scan cut short (could not be read), all by OF-1042.
    const lines = [
      ...cards.filter((c) => c.expect.status === 'valid').slice(0, 1),
      ...cards.filter((c) => c.expect.codes.includes('SIGNATURE_INVALID')).slice(0, 1),
    ].map((c) => c.qr.replace(/\r?\n$/, ''));
    lines.push(lines[0]!.slice(0, 40));
    cli(['verify', ...vectors, '--now', VECTORS_NOW, '--officer', 'OF-1042'], lines.join('\n') + '\n');
    kiosk = await startKiosk([...vectors, '--now', VECTORS_NOW], dataDir);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await ctx.newPage();
    await page.goto(kiosk.url);
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

  const disabled = async () =>
    Promise.all(
      ['report-print', 'report-pdf', 'report-export'].map((id) => page.getByTestId(id).isDisabled()),
    );

  it('a day not on the calendar (2026-02-30) clears the report, turns off Print and the downloads, and says so', async () => {
    expect(await disabled()).toEqual([false, false, false]);
    await page.getByTestId('report-date').fill('2026-02-30');
    await page.getByTestId('report-show').click();
    const said = page.getByTestId('report-not-a-date');
    await said.waitFor();
    expect(await said.innerText()).toContain(REPORT_WORDS.notADate.bn);
    expect(await said.innerText()).toContain(REPORT_WORDS.notADate.en);
    expect(await page.getByTestId('report').count()).toBe(0);
    expect(await disabled()).toEqual([true, true, true]);
    // The week view of no day is no report either.
    await page.getByTestId('report-view-week').click();
    await said.waitFor();
    expect(await page.getByTestId('report-week').count()).toBe(0);
    await page.getByTestId('report-view-day').click();
    // A real day again shows it.
    await page.getByTestId('report-date').fill(TODAY);
    await page.getByTestId('report-show').click();
    await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
    expect(await said.count()).toBe(0);
    expect(await disabled()).toEqual([false, false, false]);
  });

  /**
   * Types `text` and presses Show (or Enter), then waits for whichever comes first: the screen's
   * own answer, or the browser's constraint check (its `invalid` event, the English-only bubble).
   */
  async function showTyped(text: string, how: 'click' | 'enter'): Promise<'screen' | 'browser'> {
    const field = page.getByTestId('report-date');
    await field.fill(text);
    await field.evaluate((el) =>
      el.addEventListener('invalid', () => el.setAttribute('data-browser-invalid', ''), { once: true }),
    );
    if (how === 'click') await page.getByTestId('report-show').click();
    else await field.press('Enter');
    const answer = page.locator(
      '[data-testid=report-no-date], [data-testid=report-not-a-date], [data-testid=report-date][data-browser-invalid]',
    );
    await answer.first().waitFor();
    return (await field.getAttribute('data-browser-invalid')) === null ? 'screen' : 'browser';
  }

  it('nothing typed, or junk, pressing Show or Enter: no report, nothing to print, the screen says which in both languages (no browser bubble)', async () => {
    const cases: [string, string, { bn: string; en: string }][] = [
      ['', 'report-no-date', REPORT_WORDS.noDate],
      ['   ', 'report-no-date', REPORT_WORDS.noDate],
      ['abc', 'report-not-a-date', REPORT_WORDS.notADate],
      ['2026-1-5', 'report-not-a-date', REPORT_WORDS.notADate],
      ['22/11/2026', 'report-not-a-date', REPORT_WORDS.notADate],
    ];
    for (const how of ['click', 'enter'] as const)
      for (const [text, testid, words] of cases) {
        // A day's report on screen first: what is typed must clear it, not leave it printable.
        await page.getByTestId('report-today').click();
        await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
        expect(await disabled()).toEqual([false, false, false]);
        expect({ text, how, answered: await showTyped(text, how) }).toEqual({
          text,
          how,
          answered: 'screen',
        });
        const said = page.getByTestId(testid);
        await said.waitFor();
        expect(await said.innerText()).toContain(words.bn);
        expect(await said.innerText()).toContain(words.en);
        expect(await page.getByTestId('report').count()).toBe(0);
        expect(await disabled()).toEqual([true, true, true]);
      }
    await page.getByTestId('report-today').click();
    await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
  });

  it("a day after the kiosk's today says it has not come yet, in both languages, with nothing to print", async () => {
    await page.getByTestId('report-date').fill('2026-11-23');
    await page.getByTestId('report-show').click();
    const said = page.getByTestId('report-not-yet');
    await said.waitFor();
    for (const w of [REPORT_WORDS.notYet, DAY_WORDS.today]) {
      expect(await said.innerText()).toContain(w.bn);
      expect(await said.innerText()).toContain(w.en);
    }
    expect(await said.innerText()).toContain('Sunday 22 November 2026');
    expect(await page.getByTestId('report').count()).toBe(0);
    expect(await disabled()).toEqual([true, true, true]);
    await page.getByTestId('report-today').click();
    await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
    expect(await said.count()).toBe(0);
  });

  it('the by-officer table splits invalid cards from scans that could not be read, as the tiles do', async () => {
    await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
    const table = page.getByTestId('report-officers');
    const head = await table.locator('thead').innerText();
    for (const w of [DAY_WORDS.badCards, DAY_WORDS.unreadable]) {
      expect(head).toContain(w.bn);
      expect(head).toContain(w.en);
    }
    const row = table.locator('[data-testid=report-officer][data-officer=OF-1042]');
    const attrs = await row.evaluate((e) =>
      Object.fromEntries(
        ['total', 'valid', 'warning', 'invalid', 'unreadable', 'cannot-check'].map((k) => [
          k,
          Number(e.getAttribute(`data-${k}`)),
        ]),
      ),
    );
    expect(attrs).toEqual({ total: 3, valid: 1, warning: 0, invalid: 1, unreadable: 1, 'cannot-check': 0 });
    const cells = async (tr: Locator) => (await tr.locator('td.n').allInnerTexts()).map(Number);
    expect(await cells(row)).toEqual([3, 1, 0, 1, 1, 0]);
    // The total row is the tiles' figures, column for column.
    const tiles = await page
      .getByTestId('report-result')
      .evaluateAll((l) =>
        l.map((e) => [e.getAttribute('data-result'), Number(e.getAttribute('data-count'))]),
      );
    expect(tiles).toEqual([
      ['valid', 1],
      ['warning', 0],
      ['invalid', 1],
      ['unreadable', 1],
      ['cannot-check', 0],
    ]);
    expect(await cells(table.getByTestId('report-officers-total'))).toEqual([3, 1, 0, 1, 1, 0]);
  });

  it("a download main refuses shows the refusal's words and code, never main's English message", async () => {
    const message = 'printWithChromium: spawn /usr/bin/chromium ENOENT at Object.<anonymous>';
    await page.route('**/api/reportPdf', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'UNAVAILABLE', message } }),
      }),
    );
    try {
      await page.getByTestId('report-pdf').click();
      const note = page.getByTestId('report-note');
      await note.filter({ hasText: API_ERROR_WORDS.UNAVAILABLE.en }).waitFor();
      const text = await note.innerText();
      expect(text).toContain(API_ERROR_WORDS.UNAVAILABLE.bn);
      expect(text).toContain('UNAVAILABLE');
      expect(text).not.toContain('ENOENT');
    } finally {
      await page.unroute('**/api/reportPdf');
    }
  });
});
