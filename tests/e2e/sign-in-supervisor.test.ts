// Sign-in and the supervisor screen, end to end: people added with the real CLI to a fresh
// data dir, the real kiosk (`start --no-window --port 0`) on it with the shared vectors,
// its screens in a real Chromium. An officer signs in and scans (the log and the CLI's
// report name them; before sign-in, UNSIGNED); wrong PINs lock an id out, shown with the
// minutes left; a supervisor sees the day's figures exactly as `report --format json`
// gives them and downloads the CSV exactly as `report --format csv` prints it; an officer's
// page asking main for the report is refused there. Screenshots go to dist/test-artifacts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dayWords } from '../../main/contract/report-page.ts';
import {
  DAY_WORDS,
  REASON_WORDS,
  REPORT_WORDS,
  SIGN_IN_WORDS,
  STATUS_WORDS,
} from '../../main/contract/words.ts';
import { MAX_FAILED_PINS } from '../../main/core/store/people.ts';
import type { AuditLine } from '../../main/contract/technician.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import {
  ARTIFACTS,
  hasChromium,
  launchChromium,
  nextVerdict,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const cards = vectorCards();
const qr = (name: string) => cards.get(name)!.qr.replace(/\n$/, '');
const vectorArgs = [
  '--root',
  path.join(VECTORS, 'root.pem'),
  '--bundle',
  path.join(VECTORS, 'bundle.bmettrust'),
  '--now',
  VECTORS_NOW,
];
const TODAY = '2026-11-22'; // VECTORS_NOW in Dhaka
const PEOPLE = [
  ['OF-1042', 'Rahima Khatun', 'officer', '246810'],
  ['OF-2077', 'Karim Ahmed', 'officer', '135790'],
  ['SV-2001', 'Nasrin Akter', 'supervisor', '975310'],
] as const;

describe.skipIf(!hasChromium)('sign-in and the supervisor screen in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-staff-'));
  let kiosk: RunningKiosk;
  let browser: Browser;
  /** Each person at their own browser context: their own cookie jar, so their own session. */
  let officerCtx: BrowserContext;
  let officer: Page;

  const cli = (...args: string[]) => {
    const r = runCli([...args, '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    for (const [id, name, role, pin] of PEOPLE)
      cli('people', 'add', id, '--name', name, '--role', role, '--pin', pin, '--technician', 'TC-SETUP');
    kiosk = await startKiosk(vectorArgs, dataDir);
    browser = await launchChromium();
    officerCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    officer = await officerCtx.newPage();
    officer.on('pageerror', (e) => {
      throw e;
    });
    await officer.goto(kiosk.url);
    await officer.getByTestId('trust-cell').filter({ hasText: 'version 7' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  async function scan(page: Page, text: string): Promise<{ status: string | null; officer: string | null }> {
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await page.getByTestId('manual-input').fill(text);
    await page.getByTestId('manual-input').press('Enter');
    await nextVerdict(page, before);
    return {
      status: await page.getByTestId('verdict').getAttribute('data-status'),
      officer: await page.getByTestId('logged-as').getAttribute('data-officer'),
    };
  }

  async function signIn(page: Page, form: string, id: string, pin: string): Promise<void> {
    await page.getByTestId(`${form}-id`).fill(id);
    await page.getByTestId(`${form}-pin`).fill(pin);
    await page.getByTestId(`${form}-submit`).click();
  }

  it('no one signed in: a clear prompt in both languages, and a scan still verifies and shows, logged as UNSIGNED', async () => {
    const prompt = officer.getByTestId('sign-in-prompt');
    expect(await prompt.innerText()).toContain(SIGN_IN_WORDS.nobody.bn);
    expect(await prompt.innerText()).toContain(SIGN_IN_WORDS.nobody.en);
    expect(await officer.getByTestId('desk-sign-in-pin').getAttribute('inputmode')).toBe('numeric');
    expect(await officer.getByTestId('desk-sign-in-pin').getAttribute('type')).toBe('password');
    expect(await scan(officer, qr('valid-saudi-no-optional-fields'))).toEqual({
      status: 'valid',
      officer: 'UNSIGNED',
    });
  });

  it('an officer signs in with id and PIN; each scan is logged with their id', async () => {
    await signIn(officer, 'desk-sign-in', 'OF-1042', '246810');
    await officer.getByTestId('desk-person').waitFor();
    expect(await officer.getByTestId('desk-person').innerText()).toContain('OF-1042 · Rahima Khatun');
    expect(await officer.getByTestId('sign-in-prompt').count()).toBe(0);
    // The PIN field kept the focus while typing; after sign-in the scan field has it again.
    // Waits on the page (the test's timeout is the guard), not on expect.poll's 1 s.
    await officer.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'manual-input',
    );
    // The page cannot read its session: the cookie is HttpOnly.
    expect(await officer.evaluate(() => document.cookie)).toBe('');
    expect(await scan(officer, qr('valid-kuwait-employment'))).toEqual({
      status: 'valid',
      officer: 'OF-1042',
    });
    expect(await scan(officer, qr('no-pdo-warns'))).toEqual({ status: 'warning', officer: 'OF-1042' });
    expect(await scan(officer, qr('tampered-signature'))).toEqual({ status: 'invalid', officer: 'OF-1042' });
    expect(await scan(officer, qr('kuwait-passport-under-6-months'))).toEqual({
      status: 'invalid',
      officer: 'OF-1042',
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await officer.screenshot({ path: path.join(ARTIFACTS, 'desk-signed-in.png') });

    const csvRows = cli('report', '--date', TODAY, '--format', 'csv')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(csvRows.map((r) => r[3])).toEqual(['UNSIGNED', 'OF-1042', 'OF-1042', 'OF-1042', 'OF-1042']);
    const report = JSON.parse(cli('report', '--date', TODAY, '--format', 'json'));
    expect(report.byOfficer['OF-1042']).toEqual({ total: 4, valid: 1, warning: 1, invalid: 2 });
    expect(report.byOfficer.UNSIGNED.total).toBe(1);
    expect(jsonLines(cli('log', 'verify'))[0]).toMatchObject({ ok: true });
  });

  it('an officer cannot open the supervisor view: main refuses the calls, and the screen asks for a supervisor', async () => {
    const call = (method: string) =>
      officer.evaluate(async (m) => {
        const res = await fetch(`api/${m}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify([{ date: '2026-11-22' }]),
        });
        return { status: res.status, body: await res.json() };
      }, method);
    for (const m of ['dailyReport', 'exportDayCsv']) {
      // The refusal is the contract's answer (HTTP 200, as IPC hands it back): no console error.
      const r = await call(m);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await officer.getByTestId('open-supervisor').click();
    await officer.getByTestId('supervisor-sign-in').waitFor();
    expect(await officer.getByTestId('report').count()).toBe(0);
    expect(await officer.getByTestId('supervisor-sign-in').innerText()).toContain(
      SIGN_IN_WORDS.supervisorNeeded.en,
    );
    // A scan (here a wedge-less manual one from another page is not needed): back to the desk brings the verdict.
    await officer.getByTestId('supervisor-back').click();
    await officer.getByTestId('manual-input').waitFor({ state: 'visible' });
    const audit = jsonLines<AuditLine>(cli('log', 'audit')).filter((e) => e.action === 'access.refused');
    expect(audit.map((e) => [e.actor, e.detail.method])).toEqual([
      ['OF-1042', 'dailyReport'],
      ['OF-1042', 'exportDayCsv'],
    ]);
  });

  it(`${MAX_FAILED_PINS} wrong PINs lock the id out: shown in both languages with the minutes left, audited`, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(kiosk.url);
    for (let i = 1; i < MAX_FAILED_PINS; i++) {
      await signIn(page, 'desk-sign-in', 'OF-2077', '000000');
      await page.getByTestId('desk-sign-in-message').filter({ hasText: SIGN_IN_WORDS.refused.en }).waitFor();
      await page.getByTestId('desk-sign-in-message').evaluate((e) => e.replaceChildren());
    }
    await signIn(page, 'desk-sign-in', 'OF-2077', '000000');
    const msg = page.getByTestId('desk-sign-in-message');
    await page.locator('[data-testid=desk-sign-in-message][data-kind=locked]').waitFor();
    expect(await msg.innerText()).toContain(SIGN_IN_WORDS.locked.bn);
    expect(await msg.innerText()).toContain(SIGN_IN_WORDS.locked.en);
    expect(await page.getByTestId('desk-sign-in-minutes').innerText()).toMatch(/১৫ .*15 minutes/s); // the kiosk clock is fixed (--now)
    // The right PIN now waits too; the desk still verifies meanwhile, as UNSIGNED.
    // The submit clears the message's kind at once (checking…); the reply sets it again.
    await signIn(page, 'desk-sign-in', 'OF-2077', '135790');
    await page.locator('[data-testid=desk-sign-in-message][data-kind=locked]').waitFor();
    expect(await page.getByTestId('desk-person').count()).toBe(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-locked-out.png') });
    expect(await scan(page, qr('revoked-clearance'))).toEqual({ status: 'invalid', officer: 'UNSIGNED' });
    await ctx.close();
    const audit = jsonLines<AuditLine>(cli('log', 'audit')).filter((e) => e.actor === 'OF-2077');
    expect(audit.map((e) => e.action)).toEqual([
      ...Array(MAX_FAILED_PINS).fill('login.failed'),
      'login.locked',
      'login.failed',
    ]);
  });

  describe('the supervisor', () => {
    let ctx: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ctx = await browser.newContext({ viewport: { width: 1366, height: 1000 }, acceptDownloads: true });
      page = await ctx.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await page.goto(kiosk.url);
      await page.getByTestId('open-supervisor').click();
      await page.getByTestId('supervisor-sign-in').waitFor();
      await signIn(page, 'supervisor-sign-in-form', 'SV-2001', '975310');
      await page.getByTestId('report').waitFor();
    });
    afterAll(async () => ctx?.close());

    it("sees today's (Dhaka) figures exactly as `report --format json` gives them, adding up, officers by name", async () => {
      expect(await page.getByTestId('report-date').inputValue()).toBe(TODAY);
      expect(await page.getByTestId('report').getAttribute('data-date')).toBe(TODAY);
      // The day in words, Dhaka's, in both languages (never the browser's month-first order).
      const day = await page.getByTestId('report-day').innerText();
      expect(day).toContain(dayWords(TODAY).bn);
      expect(day).toContain('Sunday 22 November 2026');
      const shown = await page.evaluate(() => {
        const n = (e: Element, a: string) => Number(e.getAttribute(a));
        const all = (id: string) => [...document.querySelectorAll(`[data-testid=${id}]`)];
        const result = Object.fromEntries(
          all('report-result').map((e) => [e.getAttribute('data-result'), n(e, 'data-count')]),
        );
        return {
          total: n(document.querySelector('[data-testid=report-total]')!, 'data-count'),
          byStatus: {
            valid: result.valid,
            warning: result.warning,
            invalid: result.invalid + result.unreadable + result['cannot-check'],
          },
          byReason: Object.fromEntries(
            all('report-reason').map((e) => [e.getAttribute('data-code'), n(e, 'data-count')]),
          ),
          byHour: all('report-hour').map((e) => n(e, 'data-count')),
          byDestination: Object.fromEntries(
            all('report-destination')
              .filter((e) => e.getAttribute('data-dst') !== 'none')
              .map((e) => [e.getAttribute('data-dst'), n(e, 'data-count')]),
          ),
          byOfficer: Object.fromEntries(
            all('report-officer').map((e) => [
              e.getAttribute('data-officer'),
              {
                total: n(e, 'data-total'),
                valid: n(e, 'data-valid'),
                warning: n(e, 'data-warning'),
                // The table splits them as the tiles do; the report's invalid is the log's status.
                invalid: n(e, 'data-invalid') + n(e, 'data-unreadable') + n(e, 'data-cannot-check'),
              },
            ]),
          ),
          unreadable: result.unreadable,
          cannotCheck: result['cannot-check'],
          uniqueClearances: n(document.querySelector('[data-testid=report-workers]')!, 'data-count'),
          results: (Object.values(result) as number[]).reduce((a, b) => a + b, 0),
          destinations: all('report-destination').reduce((a, e) => a + n(e, 'data-count'), 0),
        };
      });
      const cliReport = JSON.parse(cli('report', '--date', TODAY, '--format', 'json'));
      // The figures this screen shows (the boarding-pass checks have their own panel, if any).
      const { date: _d, kioskId: _k, tripChecks: _t, ...figures } = cliReport;
      const { results, destinations, ...figuresShown } = shown;
      expect(figuresShown).toEqual(figures);
      expect(cliReport.total).toBe(6);
      expect(cliReport.byHour[12]).toBe(6); // 06:00Z is noon in Dhaka
      // They add up: results (unreadable apart) and destinations (with "none") each sum to the scans.
      expect(results).toBe(cliReport.total);
      expect(destinations).toBe(cliReport.total);
      expect(await page.getByTestId('report-sum').innerText()).toContain(`${cliReport.total} = `);
      // Officers by name and id.
      const rahima = page.locator('[data-testid=report-officer][data-officer=OF-1042]');
      expect(await rahima.innerText()).toContain('Rahima Khatun');
      // Reasons in both languages.
      const reason = page.locator('[data-testid=report-reason][data-code=SIGNATURE_INVALID]');
      expect(await reason.innerText()).toContain(REASON_WORDS.SIGNATURE_INVALID.bn);
      expect(await reason.innerText()).toContain(REASON_WORDS.SIGNATURE_INVALID.en);
      expect(await page.locator('[data-testid=report-result][data-result=valid]').innerText()).toContain(
        STATUS_WORDS.valid.word.bn,
      );
      expect(await page.getByTestId('supervisor-person').innerText()).toContain('SV-2001');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-report-1366.png'), fullPage: true });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-report-1920.png') });
      // The print stylesheet leaves only the report: no controls, no header.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.report-controls').isVisible()).toBe(false);
      expect(await page.getByTestId('report').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1366, height: 768 });
    });

    it('previous and next day: an empty day said plainly, and no next day past today', async () => {
      expect(await page.getByTestId('report-next').isDisabled()).toBe(true);
      await page.getByTestId('report-prev').click();
      await page.locator('[data-testid=report][data-date="2026-11-21"]').waitFor();
      expect(await page.getByTestId('report-total').getAttribute('data-count')).toBe('0');
      expect(await page.getByTestId('report-empty').innerText()).toContain(DAY_WORDS.empty.en);
      expect(await page.getByTestId('report-empty').innerText()).toContain(DAY_WORDS.empty.bn);
      expect(await page.getByTestId('report-day').innerText()).toContain('Saturday 21 November 2026');
      expect(await page.getByTestId('report-export').isDisabled()).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-empty-day.png') });
      await page.getByTestId('report-next').click();
      await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
    });

    it('the week: seven days up to today, each a row that opens its day', async () => {
      await page.getByTestId('report-view-week').click();
      await page.getByTestId('report-week').waitFor();
      const days = page.getByTestId('week-day');
      expect(await days.evaluateAll((l) => l.map((e) => e.getAttribute('data-date')))).toEqual([
        '2026-11-16',
        '2026-11-17',
        '2026-11-18',
        '2026-11-19',
        '2026-11-20',
        '2026-11-21',
        TODAY,
      ]);
      expect(await days.last().getAttribute('data-total')).toBe('6');
      expect(await page.getByTestId('week-total').getAttribute('data-total')).toBe('6');
      await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-week.png') });
      await days.last().getByTestId('week-open').click();
      await page.locator(`[data-testid=report][data-date="${TODAY}"]`).waitFor();
    });

    it("downloads the day's CSV, byte for byte the CLI's `report --format csv`, audited as an export by the supervisor", async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-export').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`bmet-report-${TODAY}.csv`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-')), 'report.csv');
      await download.saveAs(file);
      const csv = fs.readFileSync(file, 'utf8');
      expect(csv).toBe(cli('report', '--date', TODAY, '--format', 'csv'));
      expect(csv.trim().split('\r\n')).toHaveLength(7);
      await page.getByTestId('report-note').filter({ hasText: REPORT_WORDS.exported.en }).waitFor();
      expect(await page.getByTestId('report-note').innerText()).toContain(REPORT_WORDS.exported.en);
      const exports = jsonLines<AuditLine>(cli('log', 'audit')).filter(
        (e) => e.action === 'report.export' && e.detail.via === 'screen',
      );
      expect(exports.map((e) => [e.actor, e.detail.date, e.detail.format, e.detail.rows])).toEqual([
        ['SV-2001', TODAY, 'csv', 6],
      ]);
    });

    it("downloads the day's A4 PDF, printed in main with its Bangla, audited as a pdf export", async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-pdf').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`bmet-report-${TODAY}.pdf`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-')), 'report.pdf');
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (fs.existsSync('/usr/bin/pdftotext')) {
        const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
        expect(text).toContain('RahimaKhatun');
        expect(text).toContain(DAY_WORDS.scans.bn.replace(/\s+/g, ''));
      }
      const exports = jsonLines<AuditLine>(cli('log', 'audit')).filter(
        (e) => e.action === 'report.export' && e.detail.format === 'pdf',
      );
      expect(exports.map((e) => [e.actor, e.detail.date, e.detail.rows, e.detail.via])).toEqual([
        ['SV-2001', TODAY, 6, 'screen'],
      ]);
    });

    it('a reload ends it in main: the page starts at the desk, and the supervisor screen asks for the PIN again', async () => {
      await page.getByTestId('report').waitFor(); // signed in since the start of this block
      await page.reload();
      await page.getByTestId('trust-cell').waitFor();
      const session = await page.evaluate(
        async () =>
          (
            await (
              await fetch('api/session', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: '[]',
              })
            ).json()
          ).value,
      );
      expect(session).toBeNull();
      await page.getByTestId('open-supervisor').click();
      await page.getByTestId('supervisor-sign-in').waitFor();
      expect(await page.getByTestId('report').count()).toBe(0);
      expect(
        jsonLines<AuditLine>(cli('log', 'audit'))
          .filter((e) => e.action === 'logout')
          .map((e) => [e.actor, e.detail.reason]),
      ).toContainEqual(['SV-2001', 'reloaded']);
      await signIn(page, 'supervisor-sign-in-form', 'SV-2001', '975310');
      await page.getByTestId('report').waitFor();
    });

    it('the desk’s sign-in turns a supervisor away to their own screen: no session opens there', async () => {
      // A context of its own: a page loaded with the supervisor's cookie would end their session (a reload).
      const deskCtx = await browser.newContext();
      const desk = await deskCtx.newPage();
      await desk.goto(kiosk.url);
      await desk.getByTestId('trust-cell').waitFor();
      await desk.getByTestId('desk-sign-in-id').fill('SV-2001');
      await desk.getByTestId('desk-sign-in-pin').fill('975310');
      await desk.getByTestId('desk-sign-in-submit').click();
      await desk
        .getByTestId('desk-sign-in-message')
        .filter({ hasText: SIGN_IN_WORDS.wrongScreen.en })
        .waitFor();
      expect(await desk.getByTestId('desk-sign-in-message').innerText()).toContain(
        SIGN_IN_WORDS.wrongScreen.bn,
      );
      await deskCtx.close();
    });

    it('signing out ends it in main: the report call is refused, and the screen asks for a supervisor again', async () => {
      await page.getByTestId('supervisor-sign-out').click();
      await page.getByTestId('supervisor-sign-in').waitFor();
      const r = await page.evaluate(async () => {
        const res = await fetch('api/dailyReport', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '[{"date":"2026-11-22"}]',
        });
        return { status: res.status, body: (await res.json()) as unknown };
      });
      // Refused by the contract (its answer, HTTP 200: no console error), not by HTTP.
      expect(r).toMatchObject({ status: 200, body: { ok: false, error: { code: 'NOT_SIGNED_IN' } } });
      expect(
        jsonLines<AuditLine>(cli('log', 'audit'))
          .filter((e) => e.action === 'logout')
          .map((e) => [e.actor, e.detail.reason]),
      ).toContainEqual(['SV-2001', 'logout']);
    });
  });
});
