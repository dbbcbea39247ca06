/**
 * The one list of screen states `npm run screenshots` photographs, at every size. To add a
 * state: one entry — its name (the file name), the kiosk it needs, and what to do on a
 * fresh page of that kiosk's screens to reach it. Other screens' states go here too.
 */
import type { Page } from 'playwright-core';
import { cutCard, DESK_KIOSK_ARGS, fixtureCard, FIXTURE_NOW, threeReasonCard } from './desk-cards.ts';
import { STAFF_KIOSK_ARGS, staffStates } from './staff-states.ts';

/** The kiosks states can ask for: each runs once a size, on its own fresh data dir. */
export const KIOSKS = {
  /** The development fixtures' root and bundle at their instant, with a log. */
  fixtures: DESK_KIOSK_ARGS,
  /** The same without a log: every result NOT LOGGED. */
  'no-log': [...DESK_KIOSK_ARGS, '--no-log'],
  /** Roots but no bundle: nothing can be verified. */
  'no-trust': [DESK_KIOSK_ARGS[0]!, DESK_KIOSK_ARGS[1]!, '--now', FIXTURE_NOW],
  /** The development default (demo accounts) at the fixtures' instant: the supervisor's and technician's screens. */
  staff: STAFF_KIOSK_ARGS,
} satisfies Record<string, string[]>;

export interface ShotState {
  name: string;
  kiosk: keyof typeof KIOSKS;
  /** Brings a freshly loaded page (the desk showing) to the state; the screenshot is taken when it resolves. */
  setup(page: Page): Promise<void>;
}

/** Scans `text` as the manual field does (text in, a real Enter key) and waits for the verdict. */
interface HTMLish {
  dataset: Record<string, string | undefined>;
}

export async function scanOnDesk(page: Page, text: string, waitRecent = true): Promise<void> {
  const verdict = page.getByTestId('verdict');
  const before = await verdict.getAttribute('data-result-id');
  await page.getByTestId('manual-input').fill(text);
  await page.getByTestId('manual-input').press('Enter');
  // A function, not a string: the screens' CSP forbids eval. Node has no DOM types here, hence the cast.
  await page.waitForFunction((b) => {
    const doc = (globalThis as unknown as { document: { querySelector(q: string): HTMLish | null } })
      .document;
    const v = doc.querySelector('[data-testid=verdict]');
    return !!v && v.dataset.status !== 'checking' && v.dataset.resultId !== (b ?? undefined);
  }, before);
  // The recent list refreshes a frame after the verdict: wait for this scan in it (not with a paused clock).
  if (waitRecent) {
    const id = await page.getByTestId('verdict').getAttribute('data-result-id');
    await page.locator(`[data-testid=recent-item][data-recent-id="${id}"]`).waitFor();
  }
}

const scanned = (name: string, kiosk: ShotState['kiosk'], text: () => string): ShotState => ({
  name,
  kiosk,
  setup: (page) => scanOnDesk(page, text()),
});

export const STATES: ShotState[] = [
  { name: 'desk-ready', kiosk: 'fixtures', setup: async () => {} },
  scanned('desk-valid', 'fixtures', () => fixtureCard('valid-kuwait-employment').qr),
  scanned('desk-warning', 'fixtures', () => fixtureCard('no-pdo-warns').qr),
  scanned('desk-invalid', 'fixtures', () => fixtureCard('tampered-signature-s').qr),
  scanned('desk-invalid-three-reasons', 'fixtures', threeReasonCard),
  scanned('desk-unreadable', 'fixtures', cutCard),
  scanned('desk-not-logged', 'no-log', () => fixtureCard('valid-kuwait-employment').qr),
  {
    name: 'desk-no-trust',
    kiosk: 'no-trust',
    setup: async (page) => {
      await page.getByTestId('manual-input').fill(fixtureCard('valid-kuwait-employment').qr);
      await page.getByTestId('manual-input').press('Enter');
      await page.locator('[data-testid=verdict][data-status=cannot-check]').waitFor();
    },
  },
  {
    name: 'desk-sign-in',
    kiosk: 'fixtures',
    setup: async (page) => {
      await page.getByTestId('desk-sign-in-id').click();
      await page.keyboard.type('OF-1042', { delay: 120 }); // a person's pace: faster is a scanner's
    },
  },
  {
    name: 'desk-pin-pad',
    kiosk: 'fixtures',
    setup: async (page) => {
      await page.getByTestId('desk-sign-in-id').click();
      await page.keyboard.type('OF-1042', { delay: 120 }); // a person's pace: faster is a scanner's
      await page.getByTestId('desk-sign-in-pad-toggle').click();
      await page.getByTestId('desk-sign-in-pad').waitFor();
      for (const d of '111')
        await page.locator(`[data-testid=desk-sign-in-pad-key][data-digit="${d}"]`).click();
    },
  },
  ...staffStates(scanOnDesk).map((s) => ({ ...s, kiosk: 'staff' as const })),
];
