// The desk's keyboard in real Chromium with a Bangla layout active (key events through the
// browser's input pipeline, CDP, with the layout's characters and chosen timestamps): a
// wedge scanner's card at 4, 20, 45 and 80 ms a key, a busy machine's late clumps and a
// stall inside the prefix, is one whole verdict whether the focus is in the manual field or
// the sign-in ID or PIN, and leaves nothing in the field; sign-in by physical key and by the
// on-screen PIN pad; a supervisor signing in for their screen does not become the desk's
// officer, and leaving their screen gives the desk back to the officer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { DESK_KIOSK_ARGS, fixtureCard } from '../../tools/screenshots/desk-cards.ts';
import {
  hasChromium,
  launchChromium,
  nextVerdict,
  startKiosk,
  stepTrace,
  verdictId,
  type RunningKiosk,
} from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';
import { watchRedraw } from './watch-redraw.ts';
import { banglaKeyboard, type BanglaKeyboard } from '../renderer/input/bangla-keys.ts';
import { GAP_PATTERNS, gaps } from '../renderer/input/wedge-gaps.ts';

describe.skipIf(!hasChromium)('desk keyboard with a Bangla layout (real kiosk)', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;
  let keyboard: BanglaKeyboard;

  beforeAll(async () => {
    const dir = tempDataDir('desk-input');
    const store = openStore({ dataDir: dir });
    store.people.add({ id: 'OF-1042', name: 'Rahima Khatun', role: 'officer', pin: '111111' }, 'test');
    store.people.add({ id: 'SV-2001', name: 'Kamal Hossain', role: 'supervisor', pin: '222222' }, 'test');
    store.close();
    kiosk = await startKiosk(DESK_KIOSK_ARGS, dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(kiosk.url);
    await page.getByTestId('trust-cell').waitFor();
    keyboard = banglaKeyboard(await page.context().newCDPSession(page));
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  /** Keystrokes as a Bangla-layout keyboard sends them: `gapMs` (one number, or one a key) apart, then Enter if asked. */
  const keys = (text: string, gapMs: number | number[], enter: boolean) => keyboard.type(text, gapMs, enter);

  const fields = ['manual-input', 'desk-sign-in-id', 'desk-sign-in-pin'] as const;

  it.each(GAP_PATTERNS)(
    '%s gaps: the card is one whole wedge verdict, with the focus in the manual field or a sign-in field, and no keystroke stays behind',
    async (pattern) => {
      const card = fixtureCard('valid-saudi-required-fields-only').qr;
      for (const field of fields) {
        const input = page.getByTestId(field);
        await input.fill('');
        await input.focus();
        const before = await verdictId(page);
        await keys(card, gaps(pattern, card.length + 1, field.length), true);
        await nextVerdict(page, before);
        const v = page.getByTestId('verdict');
        expect(await v.getAttribute('data-source')).toBe('wedge');
        expect(['valid', 'warning']).toContain(await v.getAttribute('data-status')); // warning: seen before
        expect(await input.inputValue()).toBe('');
      }
    },
  );

  it('sign-in typed by physical key with the Bangla layout on, and the PIN by the on-screen pad', async () => {
    await page.getByTestId('desk-sign-in-id').click();
    await keys('OF-1042', 150, false); // a person's pace
    expect(await page.getByTestId('desk-sign-in-id').inputValue()).toBe('OF-1042');
    await page.getByTestId('desk-sign-in-pin').click();
    await keys('12', 150, false);
    expect(await page.getByTestId('desk-sign-in-pin').inputValue()).toBe('12'); // digits, not ১২
    await page.getByTestId('desk-sign-in-pad-toggle').click();
    await page.getByTestId('desk-sign-in-pad-clear').click();
    for (let i = 0; i < 6; i++)
      await page.locator('[data-testid=desk-sign-in-pad-key][data-digit="1"]').click();
    await page.getByTestId('desk-sign-in-pad-back').click();
    await page.locator('[data-testid=desk-sign-in-pad-key][data-digit="1"]').click();
    expect(await page.getByTestId('desk-sign-in-pin').inputValue()).toBe('111111');
    await page.getByTestId('desk-sign-in-pad-ok').click();
    await page.locator('[data-testid=desk-session][data-person="OF-1042"]').waitFor();
    expect(await page.getByTestId('desk-person').innerText()).toContain('Rahima Khatun');
  });

  it("a supervisor signing in for their screen is not the desk's officer; back at the desk the officer is", async () => {
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('supervisor-sign-in-form-id').fill('SV-2001');
    await page.getByTestId('supervisor-sign-in-form-pin').fill('222222');
    await page.getByTestId('supervisor-sign-in-form-submit').click();
    // The supervisor's own name: the header names whoever is signed in, the officer until the PIN is checked.
    await page.getByTestId('supervisor-person').filter({ hasText: 'SV-2001' }).waitFor();
    // While the supervisor is signed in, a scan (brought to the desk) records the officer, not them.
    await page.getByTestId('supervisor-back').click();
    await page.locator('[data-screen=desk]:not([hidden])').waitFor();
    await page.locator('[data-testid=desk-session][data-person="OF-1042"]').waitFor();
    const before = await verdictId(page);
    await page.getByTestId('manual-input').fill(fixtureCard('no-pdo-warns').qr);
    await page.getByTestId('manual-input').press('Enter');
    await nextVerdict(page, before);
    expect(await page.getByTestId('logged-as').getAttribute('data-officer')).toBe('OF-1042');
    // The supervisor's session ended as they left (the desk asks for that in the background as it
    // shows): wait for the kiosk to say the officer is the session, then the supervisor screen asks
    // for sign-in again.
    await page.waitForFunction(
      async () => {
        const r = await fetch('api/session', {
          method: 'POST',
          body: '[]',
          headers: { 'content-type': 'application/json' },
        });
        const s = (await r.json()) as { value: { personId: string; role: string } | null };
        return s.value?.personId === 'OF-1042' && s.value.role === 'officer';
      },
      undefined,
      { polling: 100 },
    );
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('supervisor-sign-in').waitFor();
  });

  it('a supervisor who goes back to the desk before their PIN is checked is not left signed in behind it', async () => {
    // The login's answer is held until the desk shows again: the PIN check finishing late, made certain.
    let backAtDesk!: () => void;
    const atDesk = new Promise<void>((resolve) => (backAtDesk = resolve));
    // This test hung in two fresh clones: Back, tapped as the screen's session answer redrew it,
    // got no click (the header's buttons were rebuilt under the finger; tap-through-redraw.test.ts
    // now holds that). If it fails again, say how far it got.
    const trace = stepTrace(page);
    onTestFailed(() => console.error(`held-login test, steps and API traffic:\n${trace.lines()}`));
    onTestFinished(() => trace.stop());
    const supervisorBack = page.getByTestId('supervisor-back');
    if (await supervisorBack.isVisible()) await supervisorBack.click();
    await page.route('**/api/login', async (route) => {
      await atDesk;
      trace.step('login released');
      await route.continue().catch((e: unknown) => trace.step(`login could not continue: ${String(e)}`));
    });
    try {
      await page.getByTestId('open-supervisor').click();
      await page.getByTestId('supervisor-sign-in-form-id').fill('SV-2001');
      await page.getByTestId('supervisor-sign-in-form-pin').fill('222222');
      trace.step('id and PIN typed');
      const loginSent = page.waitForRequest('**/api/login');
      await page.getByTestId('supervisor-sign-in-form-submit').click();
      await loginSent;
      trace.step('login sent and held');
      await page.getByTestId('supervisor-back').click();
      await page.locator('[data-screen=desk]:not([hidden])').waitFor();
      trace.step('desk shown');
      const ended = page.waitForResponse('**/api/leaveScreen');
      backAtDesk();
      await ended;
      trace.step('leaveScreen answered');
    } finally {
      await page.unroute('**/api/login');
    }
    // The kiosk has the officer as this page's session, and the supervisor screen asks for a PIN again.
    const session = await page.evaluate(async () => {
      const r = await fetch('api/session', {
        method: 'POST',
        body: '[]',
        headers: { 'content-type': 'application/json' },
      });
      return ((await r.json()) as { value: { personId: string; role: string } | null }).value;
    });
    trace.step(`session: ${JSON.stringify(session)}`);
    expect(session).toMatchObject({ personId: 'OF-1042', role: 'officer' });
    await page.locator('[data-testid=desk-session][data-person="OF-1042"]').waitFor();
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('supervisor-sign-in').waitFor();
    trace.step('supervisor screen asks for sign-in');
    await page.getByTestId('supervisor-back').click();
  });
  it('what a supervisor has typed stays in the form when the screen redraws (its session answer arriving)', async () => {
    // The screen redraws once its session answer is in: held here until the id and PIN are typed.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    // Drawn once before (the block the person types into is on the screen when it opens).
    await page.getByTestId('open-supervisor').click();
    await page.getByTestId('supervisor-sign-in').waitFor();
    await page.getByTestId('supervisor-back').click();
    await page.locator('[data-screen=desk]:not([hidden])').waitFor();
    await page.route('**/api/session', async (route) => {
      await typed;
      await route.continue();
    });
    try {
      const answered = page.waitForResponse('**/api/session');
      await page.getByTestId('open-supervisor').click();
      await page.getByTestId('supervisor-sign-in-form-id').fill('SV-2001');
      await page.getByTestId('supervisor-sign-in-form-pin').fill('222222');
      // The redraw that follows the answer rewrites the screen's footer: watched from now.
      const redrawn = await watchRedraw(page, '[data-screen=supervisor] footer.strip');
      release();
      await answered;
      await redrawn();
    } finally {
      await page.unroute('**/api/session');
    }
    expect(await page.getByTestId('supervisor-sign-in-form-id').inputValue()).toBe('SV-2001');
    expect(await page.getByTestId('supervisor-sign-in-form-pin').inputValue()).toBe('222222');
    await page.getByTestId('supervisor-sign-in-form-id').fill('');
    await page.getByTestId('supervisor-sign-in-form-pin').fill('');
    await page.getByTestId('supervisor-back').click();
    await page.locator('[data-screen=desk]:not([hidden])').waitFor();
  });
});
