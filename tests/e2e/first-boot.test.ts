// First boot in Chromium: a new production kiosk given a one-time setup code (as the
// appliance package does, here through BMET_SETUP_CODE_FILE) shows the technician's setup
// screen; a wrong code is refused and audited; the right one makes the technician's account;
// airport + desk make the kiosk id and device key (shown as a QR); BMET's address is set and
// the connection tested against the reference server; the first trust bundle comes from a
// stick; finishing closes setup for good. Every step is in the audit log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_ERROR_WORDS,
  SETUP_WORDS,
  SIGN_IN_WORDS,
  SYNC_WORDS,
  UI_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import {
  ARTIFACTS,
  hasChromium,
  launchChromium,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  vectorCards,
  type RunningKiosk,
} from '../helpers/kiosk.ts';
import { PROJECT_ROOT } from '../helpers/cli.ts';
import { register, serverAudit, spawnServer } from '../helpers/sync.ts';

const CODE = '4821-0937-5512';

describe.skipIf(!hasChromium)('first-boot setup screen, in Chromium', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-setup-'));
  const dataDir = path.join(tmp, 'data');
  const stick = path.join(tmp, 'stick');
  const mountTable = path.join(tmp, 'mountinfo');
  const codeFile = path.join(tmp, 'setup-code');
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.writeFileSync(codeFile, `${CODE}\n`, { mode: 0o600 });
    fs.mkdirSync(path.join(stick, 'bmet'), { recursive: true });
    fs.copyFileSync(path.join(VECTORS, 'bundle.bmettrust'), path.join(stick, 'bmet', 'first.bmettrust'));
    fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} ro,nosuid,nodev,noexec - vfat /dev/sdb1 ro\n`);
    server = await spawnServer(['--db', path.join(tmp, 'bmet.db'), '--quiet', '--test-api']);
    kiosk = await startKiosk(
      ['--root', path.join(VECTORS, 'root.pem'), '--now', VECTORS_NOW, '--mount-table', mountTable],
      dataDir,
      { ...process.env, BMET_SETUP_CODE_FILE: codeFile },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(kiosk.url);
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await server?.stop();
  });

  const message = () => page.getByTestId('setup-message');
  /** Waits for the message to say `w`, and checks it says it in both languages. */
  async function says(w: Words, where = message()): Promise<string> {
    await where.filter({ hasText: w.en }).waitFor();
    const text = await where.innerText();
    expect(text).toContain(w.bn);
    return text;
  }
  /** The Bangla lines of a part of the screen hold the screen's words, never a raw message. */
  async function bengaliIsWords(testid: string): Promise<void> {
    for (const line of await page.getByTestId(testid).locator('[lang=bn]').allInnerTexts())
      expect(line).not.toMatch(/bad arguments|must match|plain http|ECONN|TypeError|not a URL|setup code$/);
  }

  it('says what is wrong with an entry in its own words, in both languages, before sending it', async () => {
    await page.getByTestId('setup-open').waitFor();
    const sent: string[] = [];
    const onRequest = (r: Request) => void (r.url().endsWith('/api/setupOpen') && sent.push(r.url()));
    page.on('request', onRequest);
    await page.getByTestId('setup-code').fill(CODE);
    await page.getByTestId('setup-id').fill('TC-9001');
    await page.getByTestId('setup-name').fill('Nasrin Akter');
    await page.getByTestId('setup-pin').fill('24681');
    await page.getByTestId('setup-open').getByRole('button').click();
    const text = await says(SIGN_IN_WORDS.badPin);
    expect(text).not.toContain(API_ERROR_WORDS.BAD_ARGS.en);
    await bengaliIsWords('setup-message');
    // A code of the wrong shape is said, not sent (main would count it as one of five wrong codes).
    await page.getByTestId('setup-code').fill('4821-0937');
    await page.getByTestId('setup-pin').fill('246810');
    await page.getByTestId('setup-open').getByRole('button').click();
    await says(SETUP_WORDS.badCode);
    page.off('request', onRequest);
    expect(sent).toEqual([]);
  });

  it('opens only with the setup code, and makes the technician', async () => {
    await page.getByTestId('setup-open').waitFor();
    await page.getByTestId('setup-code').fill('1111-2222-3333');
    await page.getByTestId('setup-id').fill('TC-9001');
    await page.getByTestId('setup-name').fill('Nasrin Akter');
    await page.getByTestId('setup-pin').fill('246810');
    // A wrong code is the contract's answer, shown in words: no console error (the helpers fail on any).
    await page.getByTestId('setup-open').getByRole('button').click();
    await says(API_ERROR_WORDS.SETUP_CODE_WRONG);
    // Main's own message only as a detail marked as such, never in the Bangla line.
    expect(await page.getByTestId('setup-detail').innerText()).toContain(UI_WORDS.detail.en);
    await bengaliIsWords('setup-message');

    await page.getByTestId('setup-code').fill(CODE);
    await page.getByTestId('setup-pin').fill('246810');
    await page.getByTestId('setup-open').getByRole('button').click();
    await page.getByTestId('setup-technician').filter({ hasText: 'TC-9001' }).waitFor();
  });

  it('a reload during setup ends the session; the code and PIN open setup again where it was', async () => {
    await page.reload();
    await page.getByTestId('setup-open').waitFor();
    expect(await page.getByTestId('setup-technician').count()).toBe(0);
    await page.getByTestId('setup-code').fill(CODE);
    await page.getByTestId('setup-id').fill('TC-9001');
    await page.getByTestId('setup-name').fill('Nasrin Akter');
    await page.getByTestId('setup-pin').fill('246810');
    await page.getByTestId('setup-open').getByRole('button').click();
    await page.getByTestId('setup-technician').filter({ hasText: 'TC-9001' }).waitFor();
  });

  it('airport and desk make the kiosk id; the device key is shown as a QR', async () => {
    await page.getByTestId('setup-airport').selectOption('CGP');
    // Past the last desk: the screen's words, not the browser's English bubble (it would block the submit).
    await page.getByTestId('setup-desk').fill('100');
    await page.getByTestId('setup-kiosk').getByRole('button').click();
    await says(SETUP_WORDS.badDesk);
    await page.getByTestId('setup-desk').fill('7');
    await page.getByTestId('setup-kiosk').getByRole('button').click();
    await page.getByTestId('setup-kiosk-id').filter({ hasText: 'CGP-D07' }).waitFor();
    const pem = await page.getByTestId('setup-public-key').textContent();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pem?.trim()).toBe(fs.readFileSync(path.join(dataDir, 'device-key.pub.pem'), 'utf8').trim());
    expect(await page.locator('svg.setup-qr rect').count()).toBeGreaterThan(100);
  });

  it('sets the BMET address and tests the connection', async () => {
    const save = () => page.getByTestId('setup-server').getByRole('button').click();
    // Plain http to another machine: the sync rule's own words, checked before sending; nothing saved.
    await page.getByTestId('setup-url').fill('http://example.com');
    await save();
    const insecure = await says(SYNC_WORDS.SYNC_INSECURE_URL);
    expect(insecure).toContain(SETUP_WORDS.notSaved.en);
    expect(insecure).not.toContain(API_ERROR_WORDS.BAD_ARGS.en);
    await bengaliIsWords('setup-message');
    expect(await page.getByTestId('setup-connection').count()).toBe(0);

    await page.getByTestId('setup-url').fill('http://127.0.0.1:1/');
    await save();
    // An unreachable BMET is said so, in sync's words, and setup goes on (the connection can be tested again).
    const notReached = page.locator('[data-testid=setup-connection][data-code=SYNC_NETWORK]');
    await notReached.waitFor(); // no clock of its own: the test's timeout is the one guard
    expect(await says(SETUP_WORDS.notReached, notReached)).toContain(SYNC_WORDS.SYNC_NETWORK.en);
    expect(await notReached.innerText()).toContain(SYNC_WORDS.SYNC_NETWORK.bn);
    expect(await notReached.innerText()).not.toContain('TypeError');
    expect(await page.getByTestId('setup-connection-detail').innerText()).toContain('ECONNREFUSED');
    await bengaliIsWords('setup-connection');

    // What the browser would have stopped with its English-only "Please enter a URL." bubble: the
    // screen's words instead, and the last test stays named by the address it tested.
    await page.getByTestId('setup-url').fill('not a url');
    await save();
    await says(SETUP_WORDS.badUrl);
    expect(await notReached.innerText()).toContain('http://127.0.0.1:1');
    await page.getByTestId('setup-url').fill(server.url);
    await page.getByTestId('setup-server').getByRole('button').click();
    await page.getByTestId('setup-connection').filter({ hasText: 'BMET reached' }).waitFor();
    // The buttons say what they do, in the words the technician's checklist names them by.
    expect(await page.getByTestId('setup-server').getByRole('button').innerText()).toContain(
      SETUP_WORDS.saveServer.en,
    );
    const checklist = fs.readFileSync(path.join(PROJECT_ROOT, 'appliance/README.md'), 'utf8');
    expect(checklist).toContain(`**${SETUP_WORDS.saveServer.en}**`);
    expect(checklist).toContain(`**${SETUP_WORDS.test.en}**`);
    const again = page.waitForResponse((r) => r.url().endsWith('/api/setupTestConnection'));
    await page.getByTestId('setup-test').click();
    expect(await (await again).json()).toMatchObject({ ok: true, value: { ok: true, code: null } });
    await page.getByTestId('setup-connection').filter({ hasText: 'BMET reached' }).waitFor();
  });

  it('installs the first trust bundle from the stick and finishes', async () => {
    await page.getByTestId('setup-install').first().click();
    await page.getByTestId('setup-trust-ok').waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-boot-setup.png'), fullPage: true });
    // BMET learns the device key before setup ends (the technician sends it the QR shown above),
    // so the engine Finish starts is never refused as an unknown kiosk.
    await register(server.url, 'CGP-D07', fs.readFileSync(path.join(dataDir, 'device-key.pub.pem'), 'utf8'));
    await page.getByTestId('setup-finish').click();
    await page.getByTestId('setup-finished').waitFor();
    // Setup is over for good: a fresh load shows the desk, not the setup screen.
    await page.reload();
    await page.locator('main.desk').waitFor();
    expect(await page.getByTestId('setup-open').count()).toBe(0);
  });

  it('sync starts when setup finishes, without a restart: a scan reaches BMET', async () => {
    const status = () =>
      page.evaluate(async () => {
        const r = await fetch('api/status', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '[]',
        });
        return ((await r.json()) as { value: { sync: { kioskId: string; phase: string } } }).value.sync;
      });
    expect(await status()).toMatchObject({ kioskId: 'CGP-D07' });
    expect((await status()).phase).not.toBe('off');
    const card = vectorCards().get('valid-kuwait-employment')!;
    await page.getByTestId('manual-input').fill(card.qr.replace(/\n$/, ''));
    await page.getByTestId('manual-input').press('Enter');
    await page.locator('[data-testid="verdict"][data-status="valid"]').waitFor();
    // Logged (log before show), so it is waiting now or already sent: never NOT LOGGED here.
    expect(await page.getByTestId('not-logged').count()).toBe(0);
    // BMET holds it: asked of BMET itself (its answer comes after its commit), then the kiosk agrees.
    await expect
      .poll(async () => (await serverAudit(server.url, 'CGP-D07')).count, { timeout: 240_000, interval: 100 })
      .toBe(1);
    await page.waitForFunction(
      async () => {
        const r = await fetch('api/status', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '[]',
        });
        const sync = (
          (await r.json()) as { value: { sync: { lastSuccessAt: string | null; waiting: number } } }
        ).value.sync;
        return sync.lastSuccessAt !== null && sync.waiting === 0;
      },
      undefined,
      { polling: 100 },
    );
    expect((await serverAudit(server.url, 'CGP-D07')).count).toBe(1);
  });

  it('audited every step', () => {
    const store = openStore({ dataDir, readonly: true });
    try {
      const lines = store.auditEntries(0, 1000);
      const actions = lines.map((l) => `${l.action}:${l.actor}`);
      for (const a of [
        'setup.refused:TC-9001',
        'person.add:SETUP',
        'setup.open:TC-9001',
        'settings.set:TC-9001',
        'setup.kiosk:TC-9001',
        'setup.connection:TC-9001',
        'trust.install:TC-9001',
        'setup.finish:TC-9001',
      ])
        expect(actions, a).toContain(a);
      // Tested three times: BMET not there, BMET there, and once more by its own button.
      expect(actions.filter((a) => a === 'setup.connection:TC-9001')).toHaveLength(3);
      expect(store.kioskId()).toBe('CGP-D07');
      expect(store.setting('setup.done')).toBe('yes');
    } finally {
      store.close();
    }
  });
});
