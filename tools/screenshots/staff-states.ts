/**
 * The supervisor's and technician's states for `npm run screenshots` (listed in states.ts):
 * a development kiosk (`start --dev`: its fresh data dir has the demo accounts) at the
 * fixtures' instant, a few cards scanned at the desk first so the day has figures.
 */
import type { Page } from 'playwright-core';
import { cutCard, fixtureCard, FIXTURE_NOW } from './desk-cards.ts';

/** `start` arguments: the development default (its root, bundle and demo accounts) at the fixtures' instant. */
export const STAFF_KIOSK_ARGS = ['--dev', '--now', FIXTURE_NOW];

type Scan = (page: Page, text: string) => Promise<void>;

async function signIn(page: Page, form: string, id: string, pin: string): Promise<void> {
  await page.getByTestId(`${form}-id`).fill(id);
  await page.getByTestId(`${form}-pin`).fill(pin);
  await page.getByTestId(`${form}-submit`).click();
}

/** Scans a valid, a warning, a bad and a cut card, then opens the supervisor's day signed in as SV-2001. */
async function supervisorDay(page: Page, scan: Scan): Promise<void> {
  for (const name of ['valid-kuwait-employment', 'no-pdo-warns', 'tampered-signature-s'])
    await scan(page, fixtureCard(name).qr);
  await scan(page, cutCard());
  await page.getByTestId('open-supervisor').click();
  await page.getByTestId('supervisor-sign-in').waitFor();
  await signIn(page, 'supervisor-sign-in-form', 'SV-2001', '222222');
  await page.getByTestId('report').waitFor();
}

async function technician(page: Page): Promise<void> {
  await page.getByTestId('open-technician').click();
  await signIn(page, 'tech-sign-in', 'TC-3001', '333333');
  await page.getByTestId('tech-session').filter({ hasText: 'TC-3001' }).waitFor();
  await page.getByTestId('tech-audit-lines').waitFor();
}

export function staffStates(scan: Scan) {
  return [
    {
      name: 'supervisor-sign-in',
      setup: async (page: Page) => {
        await page.getByTestId('open-supervisor').click();
        await page.getByTestId('supervisor-sign-in').waitFor();
      },
    },
    { name: 'supervisor-day', setup: (page: Page) => supervisorDay(page, scan) },
    {
      name: 'supervisor-empty-day',
      setup: async (page: Page) => {
        await supervisorDay(page, scan);
        await page.getByTestId('report-prev').click();
        await page.locator('[data-testid=report][data-empty=true]').waitFor();
      },
    },
    {
      name: 'supervisor-week',
      setup: async (page: Page) => {
        await supervisorDay(page, scan);
        await page.getByTestId('report-view-week').click();
        await page.getByTestId('report-week').waitFor();
      },
    },
    {
      // The screen as the A4 print stylesheet lays it out (what Print and the PDF show).
      name: 'supervisor-print',
      setup: async (page: Page) => {
        await supervisorDay(page, scan);
        await page.emulateMedia({ media: 'print' });
      },
    },
    { name: 'technician', setup: technician },
    {
      name: 'technician-audit',
      setup: async (page: Page) => {
        await technician(page);
        await page.getByTestId('tech-audit').scrollIntoViewIfNeeded();
      },
    },
  ];
}
