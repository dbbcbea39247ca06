// The boarding-pass cross-check end to end: the real kiosk (provisioned as a Dhaka desk) and
// its desk in Chromium; a clearance card typed in, then boarding passes typed by a keyboard-
// wedge scanner (real key events). Passes come from the `bcbp` package's encoder, written
// independently of the kiosk's reader. Every outcome shows the trip beside the card's verdict.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESK_WORDS,
  TRIP_ACTIONS,
  TRIP_LABELS,
  TRIP_OUTCOME_WORDS,
  TRIP_WORDS,
  UNREADABLE_WORDS,
} from '../../main/contract/words.ts';
import { runCli } from '../helpers/cli.ts';
import { banglaKeyboard, type BanglaKeyboard } from '../renderer/input/bangla-keys.ts';
import { encodePass } from '../helpers/boarding-pass.ts';
import { gaps } from '../renderer/input/wedge-gaps.ts';
import {
  ARTIFACTS,
  hasChromium,
  launchChromium,
  nextTrip,
  nextVerdict,
  startKiosk,
  tripId,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  type RunningKiosk,
} from '../helpers/kiosk.ts';

const cards = vectorCards();
const card = cards.get('valid-kuwait-employment')!.qr.replace(/\n$/, ''); // MD RAHIM UDDIN, to KW
const TODAY = '2026-11-22'; // the Dhaka date of VECTORS_NOW

/** A pass on Emirates EK 0583 for each leg (from, to, date). */
const pass = (name: string, ...legs: [string, string, string][]) =>
  encodePass(
    name,
    legs.map(([from, to, date]) => [from, to, 'EK', '0583', date] as const),
  );

describe.skipIf(!hasChromium)('boarding-pass check at the desk (Chromium, wedge scanner)', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;
  let keyboard: BanglaKeyboard;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-trip-'));
    // The kiosk's id names its airport: this desk is at Dhaka (DAC).
    const prov = runCli(['provision', '--data-dir', dataDir, '--kiosk-id', 'DAC-T1-D07']);
    expect(prov.status, prov.stderr).toBe(0);
    kiosk = await startKiosk(
      [
        '--root',
        path.join(VECTORS, 'root.pem'),
        '--bundle',
        path.join(VECTORS, 'bundle.bmettrust'),
        '--now',
        VECTORS_NOW,
      ],
      dataDir,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(kiosk.url);
    await page.getByTestId('trust-cell').filter({ hasText: 'version 7' }).waitFor();
    keyboard = banglaKeyboard(await page.context().newCDPSession(page));
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  async function scanCard(): Promise<void> {
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await page.getByTestId('manual-input').fill(card);
    await page.getByTestId('manual-input').press('Enter');
    await nextVerdict(page, before);
    // The same card again within 24 h is a repeat scan (warning): still a verified card the pass pairs with.
    expect(['valid', 'warning']).toContain(await page.getByTestId('verdict').getAttribute('data-status'));
  }

  /** A wedge scanner on a desk whose keyboard is in the Bangla layout types the pass, 8 ms a key, then Enter. */
  const typeLikeScanner = (text: string) => keyboard.type(text, 8, true);

  /** Pasted into the manual field, then Enter: as an officer pastes what a phone's app shows. */
  async function paste(text: string): Promise<void> {
    await page.getByTestId('manual-input').fill(text);
    await page.getByTestId('manual-input').press('Enter');
  }

  async function scanPass(text: string, state: string, enter = typeLikeScanner): Promise<void> {
    // Before the first pass (and after a card) there is no trip panel at all.
    const before = await tripId(page);
    await enter(text);
    await nextTrip(page, before);
    expect(await page.getByTestId('trip').getAttribute('data-state')).toBe(state);
  }
  const tripText = () => page.getByTestId('trip').innerText();
  const codes = () =>
    page
      .locator('[data-testid=trip-findings] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));

  it('a pass with no clearance before it asks for the clearance first', async () => {
    await scanPass(pass('UDDIN/RAHIM MD', ['DAC', 'KWI', TODAY]), 'noClearance');
    const text = await tripText();
    expect(text).toContain(TRIP_OUTCOME_WORDS.noClearance.bn);
    expect(text).toContain(TRIP_ACTIONS.TRIP_NO_CLEARANCE.en);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('ready');
  });

  it('match: the card and its pass together, the trip reaching the destination country', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/RAHIM MD', ['DAC', 'KWI', TODAY]), 'match');
    expect(await codes()).toEqual([]);
    expect(await page.getByTestId('trip-complete').count()).toBe(1);
    expect(await page.getByTestId('trip-pass-name').innerText()).toBe('UDDIN/RAHIM MD');
    expect(await page.getByTestId('trip-card-name').innerText()).toBe('MD RAHIM UDDIN');
    // The card's own verdict stays beside the trip, and the pass's words come Bangla first.
    expect(await page.getByTestId('verdict').getAttribute('data-result-id')).not.toBeNull();
    const word = await page.getByTestId('trip-word').innerText();
    expect(word.indexOf(TRIP_OUTCOME_WORDS.match.bn)).toBeLessThan(word.indexOf(TRIP_OUTCOME_WORDS.match.en));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'trip-match-1366.png') });
  });

  it('partial: both names side by side, the officer decides', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/KARIM', ['DAC', 'KWI', TODAY]), 'warning');
    expect(await codes()).toEqual(['TRIP_NAME_PARTIAL']);
    expect(await page.getByTestId('trip-pass-name').innerText()).toBe('UDDIN/KARIM');
    expect(await page.getByTestId('trip-card-name').innerText()).toBe('MD RAHIM UDDIN');
    expect(await tripText()).toContain(TRIP_ACTIONS.TRIP_NAME_PARTIAL.bn);
  });

  it('mismatch: another person’s pass', async () => {
    await scanCard();
    await scanPass(pass('HOSSAIN/KAMAL MR', ['DAC', 'KWI', TODAY]), 'mismatch');
    expect(await codes()).toEqual(['TRIP_NAME_MISMATCH']);
    expect(await tripText()).toContain(TRIP_ACTIONS.TRIP_NAME_MISMATCH.en);
    // The flight does reach Kuwait, but under a red mismatch that line would read as reassurance.
    expect(await page.getByTestId('trip-complete').count()).toBe(0);
  });

  it('connecting: a pass to a hub asks for the onward pass, which completes the chain', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/RAHIM', ['DAC', 'DXB', TODAY]), 'warning');
    expect(await codes()).toEqual(['TRIP_CONNECTING']);
    expect(await tripText()).toContain(TRIP_WORDS.TRIP_CONNECTING.bn);
    // The hub's country in words, not its code.
    expect(await tripText()).toContain('(DXB, United Arab Emirates)');
    expect(await tripText()).not.toContain('AE)');
    await scanPass(pass('UDDIN/RAHIM', ['DXB', 'KWI', '2026-11-23']), 'match');
    expect(await page.getByTestId('trip-route').innerText()).toBe('DAC → DXB → KWI');
    expect(await page.getByTestId('trip-complete').count()).toBe(1);
  });

  it('wrong airport: the flight leaves from Chittagong, not this desk’s Dhaka', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/RAHIM', ['CGP', 'KWI', TODAY]), 'mismatch');
    expect(await codes()).toEqual(['TRIP_WRONG_AIRPORT']);
    expect(await tripText()).toContain(TRIP_ACTIONS.TRIP_WRONG_AIRPORT.bn);
  });

  it('wrong date: a flight three days away', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/RAHIM', ['DAC', 'KWI', '2026-11-25']), 'mismatch');
    expect(await codes()).toEqual(['TRIP_WRONG_DATE']);
  });

  it('wrong destination: a flight to London for a Kuwait clearance', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/RAHIM', ['DAC', 'LHR', TODAY]), 'mismatch');
    expect(await codes()).toEqual(['TRIP_WRONG_DESTINATION']);
  });

  it('not a pass: a damaged pass is "not read", another barcode is an unreadable code, never a red card', async () => {
    await scanCard();
    await scanPass('M1UDDIN/RAHIM MD      EXK4P2Q DAC', 'unread');
    expect(await codes()).toEqual(['PASS_MALFORMED']);
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await typeLikeScanner('4006381333931X7');
    await nextVerdict(page, before);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('unreadable');
    expect(await page.getByTestId('verdict').innerText()).toContain(UNREADABLE_WORDS.word.bn);
  });

  it('a pass that cannot be read keeps the card’s verdict, waiting for a readable pass; the next good pass pairs', async () => {
    await scanCard();
    const cardId = await page.getByTestId('verdict').getAttribute('data-result-id');
    const cardStatus = await page.getByTestId('verdict').getAttribute('data-status');
    await scanPass('M1GARBAGE PASS TEXT', 'unread', paste);
    expect(await codes()).toEqual(['PASS_MALFORMED']);
    const text = await tripText();
    expect(text).toContain(TRIP_OUTCOME_WORDS.unread.en);
    expect(text).toContain(TRIP_ACTIONS.PASS_MALFORMED.bn);
    expect(text).toContain(TRIP_ACTIONS.PASS_MALFORMED.en);
    // Not "ready for the next card": the card's verdict stays, and the panel says it still waits for a pass.
    expect(await page.getByTestId('verdict').getAttribute('data-result-id')).toBe(cardId);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe(cardStatus);
    expect(await page.getByTestId('verdict').innerText()).not.toContain(DESK_WORDS.ready.en);
    expect(await page.getByTestId('fact-name').innerText()).toBe('MD RAHIM UDDIN');
    const waiting = await page.getByTestId('trip-waiting').innerText();
    expect(waiting).toContain(TRIP_LABELS.waitingPass.bn);
    expect(waiting).toContain(TRIP_LABELS.waitingPass.en);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'trip-unread-waiting-1366.png') });
    // The pairing was kept: a good pass now is checked against the same card, which stays on show.
    await scanPass(pass('UDDIN/RAHIM MD', ['DAC', 'KWI', TODAY]), 'match');
    expect(await page.getByTestId('trip-card-name').innerText()).toBe('MD RAHIM UDDIN');
    expect(await page.getByTestId('verdict').getAttribute('data-result-id')).toBe(cardId);
    expect(await page.getByTestId('trip-waiting').count()).toBe(0);
  });

  it('a pass that cannot be read after a forged card shows no card: the forged card ended the pairing', async () => {
    await scanCard();
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await paste(cards.get('tampered-signature')!.qr.replace(/\n$/, ''));
    await nextVerdict(page, before);
    await scanPass('M1GARBAGE PASS TEXT', 'unread', paste);
    // Not "ready for the next card": the pass was not read, and the card comes first (desk-pass-unread.test.ts).
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('pass-unread');
    expect(await page.getByTestId('verdict').innerText()).toContain(TRIP_LABELS.cardFirst.en);
    expect(await page.getByTestId('fact-name').count()).toBe(0);
    expect(await page.getByTestId('trip-waiting').count()).toBe(0);
  });

  it('a slow scanner (45 ms a key, late key events in clumps) types the pass whole: match, nothing left in the field', async () => {
    await scanCard();
    const text = pass('UDDIN/RAHIM MD', ['DAC', 'KWI', TODAY]);
    const before = await tripId(page);
    await page.getByTestId('manual-input').focus();
    await keyboard.type(text, gaps('busy-45', text.length + 1, 92), true);
    await nextTrip(page, before);
    expect(await page.getByTestId('trip').getAttribute('data-state')).toBe('match');
    expect(await page.getByTestId('manual-input').inputValue()).toBe('');
  });

  it('a forged card after a good one: the next pass asks for the card, never shows the good one again', async () => {
    await scanCard();
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await page.getByTestId('manual-input').fill(cards.get('tampered-signature')!.qr.replace(/\n$/, ''));
    await page.getByTestId('manual-input').press('Enter');
    await nextVerdict(page, before);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('invalid');
    await scanPass(pass('UDDIN/RAHIM MD', ['DAC', 'KWI', TODAY]), 'noClearance');
    expect(await codes()).toEqual(['TRIP_NO_CLEARANCE']);
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('ready');
    expect(await page.getByTestId('trip-card-name').count()).toBe(0);
  });

  it('the onward pass shown first asks for the pass from this airport, not a red', async () => {
    await scanCard();
    await scanPass(pass('UDDIN/RAHIM', ['DXB', 'KWI', '2026-11-23']), 'warning');
    expect(await codes()).toEqual(['TRIP_ONWARD_FIRST']);
    expect(await tripText()).toContain(TRIP_ACTIONS.TRIP_ONWARD_FIRST.bn);
    expect(await tripText()).toContain(TRIP_ACTIONS.TRIP_ONWARD_FIRST.en);
  });

  it('keeps every check in its own table, counted in the day’s report', () => {
    const r = runCli(['report', '--data-dir', kiosk.dataDir, '--date', TODAY]);
    expect(r.status, r.stderr).toBe(0);
    // Logged checks: no card first (warning), match, partial (warning), another name (mismatch), connecting
    // (warning) + its onward pass (match), wrong airport, date and destination (mismatch), the good pass after
    // an unreadable one (match), the slow scanner's (match), the pass after a forged card (no card: warning),
    // the onward pass first (warning); the damaged and unreadable passes are not checks.
    expect(JSON.parse(r.stdout).tripChecks).toEqual({ match: 4, warning: 5, mismatch: 4 });
  });
});
