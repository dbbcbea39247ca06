// The real kiosk (`start --no-window --port 0`) on a fresh data dir with the shared vectors'
// root and bundle, its desk screen in a real Chromium: cards scanned, verdicts read in both
// languages, a screenshot left in dist/test-artifacts for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESK_WORDS,
  REASON_WORDS,
  RULE_KIND_ACTIONS,
  STATUS_WORDS,
  UI_WORDS,
  UNREADABLE_WORDS,
} from '../../main/contract/words.ts';
import { runCli } from '../helpers/cli.ts';
import { closePort, openScannerEnd, ptyPair, tempDir, writeAll } from '../helpers/pty.ts';
import {
  ARTIFACTS,
  hasChromium,
  launchChromium,
  nextVerdict,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  verdictId,
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

describe.skipIf(!hasChromium)('desk screen in Chromium (loopback host)', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startKiosk(vectorArgs);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(kiosk.url);
    await page.getByTestId('trust-cell').filter({ hasText: 'version 7' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  /** Types the QR into the focused entry field, as a person or a wedge scanner on an English layout would. */
  async function scan(text: string, expectStatus: string): Promise<void> {
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await page.getByTestId('manual-input').fill(text);
    await page.getByTestId('manual-input').press('Enter');
    await nextVerdict(page, before);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe(expectStatus);
  }
  const verdictText = () => page.getByTestId('verdict').innerText();

  it('starts ready for a card, shows the bundle in force, marks test roots, no DEVELOPMENT marker', async () => {
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('ready');
    const strip = await page.getByTestId('status-strip').innerText();
    expect(strip).toContain('version 7');
    expect(strip).toContain('সংস্করণ ৭');
    expect(await page.getByTestId('log-cell').innerText()).toContain('OK');
    // Every screen's header has its markers: the desk's is the one on show.
    expect(await page.locator('[data-testid=test-roots-marker]:visible').count()).toBe(1);
    expect(await page.getByTestId('dev-marker').count()).toBe(0);
    // The page runs on the loopback client: no preload, no Node.
    expect(await page.evaluate(() => typeof (window as { kiosk?: unknown }).kiosk)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('a valid card: VALID / বৈধ, the verified facts, logged, the valid tone', async () => {
    await scan(qr('valid-kuwait-employment'), 'valid');
    const text = await verdictText();
    expect(text).toContain(STATUS_WORDS.valid.word.bn);
    expect(text).toContain(STATUS_WORDS.valid.word.en);
    expect(await page.getByTestId('fact-name').innerText()).toBe('MD RAHIM UDDIN');
    expect(await page.getByTestId('fact-name-bn').innerText()).toBe('মোঃ রহিম উদ্দিন');
    expect(await page.getByTestId('fact-passport').innerText()).toBe('A01234567');
    expect(await page.getByTestId('fact-cid').innerText()).toBe('BMET-2026-00012345');
    expect(await page.getByTestId('fact-destination').innerText()).toMatch(/KW · .*কুয়েত.*Kuwait/s);
    expect(await page.getByTestId('fact-visa').innerText()).toMatch(/EMP ·\s*কর্মসংস্থান\s*Employment/);
    expect(await page.getByTestId('not-logged').count()).toBe(0);
    expect(await page.getByTestId('verdict').getAttribute('data-tone')).toBe('valid:2');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-valid.png') });
  });

  it('the same card again within 24 h: CHECK, DUPLICATE_SCAN from the log, in both languages', async () => {
    await scan(qr('valid-kuwait-employment'), 'warning');
    const reason = page.locator('[data-code=DUPLICATE_SCAN]');
    expect(await reason.innerText()).toContain(REASON_WORDS.DUPLICATE_SCAN.bn);
    expect(await reason.innerText()).toContain(REASON_WORDS.DUPLICATE_SCAN.en);
    expect(await reason.innerText()).toContain(UI_WORDS.firstSeenAt.en);
  });

  it('a warning card: CHECK / সতর্কতা, the rule text from the bundle in both languages and what to do', async () => {
    await scan(qr('no-pdo-warns'), 'warning');
    const text = await verdictText();
    expect(text).toContain(STATUS_WORDS.warning.word.bn);
    expect(text).toContain(STATUS_WORDS.warning.word.en);
    const reason = page.locator('[data-code=RULE_FAILED]');
    // The rule's own words stand for the generic "a rule is not met"; its id is in the codes toggle.
    expect(await reason.getAttribute('data-rule')).toBe('PDO-DONE');
    expect(await reason.getByTestId('reason-action').innerText()).toContain(
      RULE_KIND_ACTIONS.pdoRequired!.bn,
    );
    const rule = await reason.locator('.rule-text').innerText();
    expect(rule).toMatch(/[\u0980-\u09FF]/); // the bundle's Bangla text
    expect(rule).toMatch(/[A-Za-z]{4,}/);
    expect(await page.getByTestId('facts').count()).toBe(1);
    expect(await page.getByTestId('verdict').getAttribute('data-tone')).toBe('warning:3');
  });

  it('a forged card: INVALID / অবৈধ, why in both languages, nothing from the card shown', async () => {
    await scan(qr('tampered-signature'), 'invalid');
    const text = await verdictText();
    expect(text).toContain(STATUS_WORDS.invalid.word.bn);
    expect(text).toContain(STATUS_WORDS.invalid.word.en);
    expect(text).toContain(REASON_WORDS.SIGNATURE_INVALID.bn);
    expect(text).toContain(REASON_WORDS.SIGNATURE_INVALID.en);
    expect(await page.getByTestId('facts').count()).toBe(0);
    expect(await page.getByTestId('no-facts').innerText()).toContain(UI_WORDS.noFacts.en);
    expect(text).not.toContain('A01234567');
    expect(await page.getByTestId('verdict').getAttribute('data-tone')).toBe('invalid:2');
  });

  it('a genuine but expired clearance: INVALID with its facts (the signature held)', async () => {
    await scan(qr('expired-clearance'), 'invalid');
    expect(await verdictText()).toContain(REASON_WORDS.CLEARANCE_EXPIRED.en);
    expect(await page.getByTestId('facts').count()).toBe(1);
  });

  it('a Kuwait passport under 6 months: the block rule KW-PASSPORT-6M', async () => {
    await scan(qr('kuwait-passport-under-6-months'), 'invalid');
    expect(await page.locator('[data-code=RULE_FAILED]').getAttribute('data-rule')).toBe('KW-PASSPORT-6M');
    expect(await page.locator('[data-code=RULE_FAILED]').getByTestId('reason-action').innerText()).toContain(
      RULE_KIND_ACTIONS.passportMinValidity!.en,
    );
  });

  it('garbage, a misread and an overlong scan: could not read (not a red INVALID), never a crash', async () => {
    await scan('hello, this is not a card', 'unreadable');
    expect(await verdictText()).toContain(REASON_WORDS.FORMAT_UNKNOWN.bn);
    await scan('BMET1:%%%%', 'unreadable');
    expect(await verdictText()).toContain(REASON_WORDS.BASE45_INVALID.en);
    await scan('x'.repeat(5000), 'unreadable');
    expect(await verdictText()).toContain(REASON_WORDS.PAYLOAD_TOO_LARGE.en);
  });

  it('keeps the entry field focused, so a paste or keystrokes without a click still scan', async () => {
    await page.mouse.click(1100, 300); // the recent list: focus must come back
    // Waits on the page (no clock of its own; the test's timeout is the guard), not expect.poll's 1 s.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'manual-input');
    await page.keyboard.insertText(qr('valid-saudi-no-optional-fields'));
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=verdict][data-status=valid]').waitFor();
    expect(await page.getByTestId('fact-destination').innerText()).toContain('SA');
  });

  it('a keyboard-wedge burst (physical key codes at scanner speed) is verified as a wedge scan', async () => {
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await page.evaluate((text) => {
      // A US-layout scanner: each character as its physical key, Shift for capitals and symbols.
      const shifted: Record<string, string> = {
        $: 'Digit4',
        '%': 'Digit5',
        '*': 'Digit8',
        '+': 'Equal',
        ':': 'Semicolon',
      };
      const plain: Record<string, string> = { ' ': 'Space', '-': 'Minus', '.': 'Period', '/': 'Slash' };
      const target = document.activeElement ?? document.body;
      const press = (code: string, key: string, shiftKey: boolean) =>
        target.dispatchEvent(
          new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true, cancelable: true }),
        );
      for (const ch of text) {
        if (/[0-9]/.test(ch)) press(`Digit${ch}`, ch, false);
        else if (/[A-Z]/.test(ch)) press(`Key${ch}`, ch, true);
        else if (shifted[ch]) press(shifted[ch]!, ch, true);
        else press(plain[ch]!, ch, false);
      }
      press('Enter', 'Enter', false);
    }, qr('retired-key-card-issued-2025'));
    await nextVerdict(page, before);
    expect(await page.getByTestId('verdict').getAttribute('data-source')).toBe('wedge');
    // Genuine, and the same clearance id as the first card: the log makes it a repeat.
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('warning');
    expect(
      await page
        .getByTestId('reasons')
        .locator('li')
        .evaluateAll((l) => l.map((e) => e.getAttribute('data-code'))),
    ).toEqual(['DUPLICATE_SCAN']);
    expect(await page.getByTestId('manual-input').inputValue()).toBe('');
  });

  it('recent scans list the latest first with their verdicts', async () => {
    // The list refreshes a frame after the verdict (afterPaint): wait for the latest scan's own line in it.
    const latest = await verdictId(page);
    await page.locator(`[data-testid=recent-item][data-recent-id="${latest}"]`).waitFor();
    const items = page.getByTestId('recent').locator('li');
    expect(await items.count()).toBe(8);
    expect(await items.first().getAttribute('data-status')).toBe('warning');
    expect(await items.nth(1).getAttribute('data-status')).toBe('valid');
    expect(await items.nth(3).getAttribute('data-status')).toBe('unreadable');
    expect(await items.nth(3).innerText()).toContain(UNREADABLE_WORDS.word.en);
    expect(await items.nth(5).innerText()).toContain(STATUS_WORDS.invalid.word.en);
  });

  it('a scan from another screen arrives here over the event socket', async () => {
    const other = await browser.newPage();
    await other.goto(kiosk.url);
    await other.getByTestId('manual-input').fill(qr('revoked-clearance'));
    await other.getByTestId('manual-input').press('Enter');
    await other.locator('[data-testid=verdict][data-status=invalid]').waitFor();
    await page.locator('[data-code=CLEARANCE_REVOKED]').waitFor();
    await other.close();
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-invalid.png') });
  });
});

describe.skipIf(!hasChromium)('desk screen without a log, and in development mode', () => {
  it('--no-log: every result is marked NOT LOGGED / লগ হয়নি, and the strip says the log is off', async () => {
    const kiosk = await startKiosk([...vectorArgs, '--no-log']);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(kiosk.url);
      await page.getByTestId('manual-input').fill(qr('valid-kuwait-employment'));
      await page.getByTestId('manual-input').press('Enter');
      const nl = page.getByTestId('not-logged');
      await nl.waitFor();
      expect(await nl.innerText()).toContain(UI_WORDS.notLogged.bn);
      expect(await nl.innerText()).toContain(UI_WORDS.notLogged.en);
      expect(await page.getByTestId('log-cell').innerText()).toContain(UI_WORDS.logOff.en);
      await page.screenshot({ path: path.join(ARTIFACTS, 'desk-not-logged.png') });
    } finally {
      await browser.close();
      await kiosk.stop();
    }
  });

  it('no trust bundle installed: the screen says so loudly; a serial or typed scan is a logged NO_TRUST verdict', async () => {
    const pty = await ptyPair(tempDir());
    const kiosk = await startKiosk([
      '--root',
      path.join(VECTORS, 'root.pem'),
      '--now',
      VECTORS_NOW,
      '--serial',
      pty.host,
      '--baud',
      '115200',
    ]);
    const browser = await launchChromium();
    let scanner: SerialPort | null = null;
    try {
      const page = await browser.newPage();
      await page.goto(kiosk.url);
      await page.locator('.alert[data-code=NO_TRUST_BUNDLE]').waitFor();
      await page.locator('[data-testid=scanner-cell][data-connected=true]').waitFor();
      // A serial scan used to vanish here: no verdict, no tone, no log row.
      scanner = await openScannerEnd(pty.scanner);
      await writeAll(scanner, `${qr('valid-kuwait-employment')}\r\n`);
      // The kiosk could not check: not shown as a bad card (the log keeps invalid, below).
      await page.locator('[data-testid=verdict][data-source=serial][data-status=cannot-check]').waitFor();
      const noTrust = page.locator('[data-testid=verdict] .reason[data-code=NO_TRUST]');
      expect(await noTrust.innerText()).toContain(REASON_WORDS.NO_TRUST.en);
      expect(await noTrust.innerText()).toContain(REASON_WORDS.NO_TRUST.bn);
      expect(await page.getByTestId('verdict').getAttribute('data-tone')).toMatch(/^warning:/);
      expect(await page.getByTestId('verdict-word').innerText()).toContain(DESK_WORDS.cannotCheck.en);
      const before = await verdictId(page);
      await page.getByTestId('manual-input').fill(qr('valid-kuwait-employment'));
      await page.getByTestId('manual-input').press('Enter');
      await nextVerdict(page, before);
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('cannot-check');
      await noTrust.waitFor();
    } finally {
      if (scanner) await closePort(scanner);
      await browser.close();
      await kiosk.stop();
      await pty.close();
    }
    // Both attempts are in the log, with their reason.
    const report = JSON.parse(
      runCli(['report', '--date', VECTORS_NOW.slice(0, 10), '--data-dir', kiosk.dataDir]).stdout,
    );
    expect(report.total).toBe(2);
    expect(report.byReason).toMatchObject({ NO_TRUST: 2 });
  });

  const devFixtures = ['fixtures/dev-bundle.bmettrust', 'fixtures/keys/dev-root.pem'].every((f) =>
    fs.existsSync(path.resolve(import.meta.dirname, '../..', f)),
  );
  it.skipIf(!devFixtures)('--dev: the development bundle and root, and a DEVELOPMENT marker', async () => {
    const kiosk = await startKiosk(['--dev']);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(kiosk.url);
      const marker = page.locator('[data-testid=dev-marker]:visible');
      await marker.waitFor();
      expect(await marker.innerText()).toContain('DEVELOPMENT');
      expect(await page.getByTestId('trust-cell').innerText()).toContain('version');
    } finally {
      await browser.close();
      await kiosk.stop();
    }
  });
});
