// The running kiosk with its parts, end to end: the real kiosk (`start --no-window --port 0`)
// with a socat pty as its serial scanner, an injected mount table for USB sticks, and the
// reference BMET server as a child process. Cards written into the pty come out as verdicts
// on the desk screen; killing socat shows the scanner disconnected, restarting it connected;
// the records reach the server (waiting goes to 0); a stick (a temp dir in the mount table)
// offers its trust files on the technician screen, a signed-in technician installs the newer
// one (status and audit show it) and the older one is refused with its code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBundle } from '../../keys/bundle-signer.ts';
import { publicKeyPem } from '../../keys/signing-key.ts';
import {
  AUDIT_ACTION_WORDS,
  BRIDGE_ERROR_WORDS,
  BUNDLE_WORDS,
  STATUS_WORDS,
  TECH_WORDS,
} from '../../main/contract/words.ts';
import { PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { installVectorsBundle } from '../helpers/kiosk-data.ts';
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
import { closePort, openScannerEnd, ptyPair, writeAll, type PtyPair } from '../helpers/pty.ts';
import { spawnServer } from '../helpers/sync.ts';
import { testKey } from '../helpers/trust.ts';

const cards = vectorCards();
const qr = (name: string) => cards.get(name)!.qr.replace(/\n$/, '');
const KIOSK_ID = 'DAC-T1-D07';
const TECH = ['TC-3001', 'Shirin Sultana', 'technician', '864200'] as const;
/** A second root for this test: it signs a version 8 of the vectors bundle (same keys, so the cards still verify). */
const E2E_ROOT = testKey('e2e-technician-root');

describe.skipIf(!hasChromium)('the kiosk with a serial scanner, a USB stick and sync, in Chromium', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-tech-'));
  const dataDir = path.join(tmp, 'data');
  const stick = path.join(tmp, 'stick');
  const mountTable = path.join(tmp, 'mountinfo');
  let pty: PtyPair;
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  const cli = (...args: string[]) => {
    const r = runCli([...args, '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    const rootPem = path.join(tmp, 'e2e-root.pem');
    fs.writeFileSync(rootPem, publicKeyPem(E2E_ROOT));
    const roots = ['--root', path.join(VECTORS, 'root.pem'), '--root', rootPem];
    // The data dir: the vectors bundle (v7) installed, a technician, provisioned for the server.
    installVectorsBundle(dataDir, { roots: [roots[1]!, rootPem], actor: 'TC-SETUP' });
    cli(
      'people',
      'add',
      TECH[0],
      '--name',
      TECH[1],
      '--role',
      TECH[2],
      '--pin',
      TECH[3],
      '--technician',
      'TC-SETUP',
    );
    // BMET registers the device key (its admin command), then the kiosk learns the server's address.
    const prov = JSON.parse(cli('provision', '--kiosk-id', KIOSK_ID));
    fs.writeFileSync(path.join(tmp, 'kiosk.pem'), prov.publicKey);
    const db = path.join(tmp, 'bmet.db');
    const reg = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'server/main.ts'),
        'register',
        '--db',
        db,
        '--kiosk-id',
        KIOSK_ID,
        '--public-key',
        path.join(tmp, 'kiosk.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(reg.status, reg.stderr).toBe(0);
    server = await spawnServer(['--db', db, '--quiet']);
    cli('provision', '--kiosk-id', KIOSK_ID, '--server', server.url);

    // The stick: v8 in bmet/, and the v7 it replaces at the root (refused once v8 is in).
    const payload = JSON.parse(
      Buffer.from(
        JSON.parse(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust'), 'utf8')).payload,
        'base64url',
      ).toString('utf8'),
    );
    fs.mkdirSync(path.join(stick, 'bmet'), { recursive: true });
    fs.writeFileSync(
      path.join(stick, 'bmet', 'v8.bmettrust'),
      signBundle({ ...payload, version: 8 }, [E2E_ROOT]),
    );
    fs.copyFileSync(path.join(VECTORS, 'bundle.bmettrust'), path.join(stick, 'v7.bmettrust'));
    fs.writeFileSync(mountTable, '');

    pty = await ptyPair(tmp);
    kiosk = await startKiosk(
      [...roots, '--now', VECTORS_NOW, '--serial', pty.host, '--mount-table', mountTable],
      dataDir,
    );
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
    await pty?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function writeCard(port: SerialPort, text: string, expectStatus: string): Promise<void> {
    const before = await page.getByTestId('verdict').getAttribute('data-result-id');
    await writeAll(port, `${text}\r\n`);
    await nextVerdict(page, before);
    expect(await page.getByTestId('verdict').getAttribute('data-source')).toBe('serial');
    expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe(expectStatus);
  }
  const scannerCell = () => page.getByTestId('scanner-cell');
  /** By its attribute: "DISCONNECTED" contains "connected" as text. */
  const scannerConnected = (up: boolean) => page.locator(`[data-testid=scanner-cell][data-connected=${up}]`);

  it('cards written into the serial scanner come out as verdicts on the desk', async () => {
    await scannerConnected(true).waitFor();
    const port = await openScannerEnd(pty.scanner);
    try {
      await writeCard(port, qr('valid-kuwait-employment'), 'valid');
      expect(await page.getByTestId('verdict').innerText()).toContain(STATUS_WORDS.valid.word.bn);
      expect(await page.getByTestId('fact-passport').innerText()).toBe('A01234567');
      await writeCard(port, qr('tampered-signature'), 'invalid');
      // Noise between scans is dropped, counted, and the next scan still reads.
      await writeAll(port, Buffer.from([0x00, 0x07, 0x1b]));
      await writeCard(port, qr('no-pdo-warns'), 'warning');
      await scannerCell().filter({ hasText: TECH_WORDS.noise.en }).waitFor();
    } finally {
      await closePort(port);
    }
  });

  it('sync ships them: the strip shows nothing waiting once BMET acknowledged', async () => {
    const readStatus = () =>
      page.evaluate(async () =>
        (
          await fetch('api/status', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '[]',
          })
        ).json(),
      );
    // "Waiting 0" alone can be read before the first batch went out (the count is refreshed after
    // each sync step): wait for BMET's acknowledgement itself, then for the strip to show it.
    await page.waitForFunction(
      async () => {
        const r = await (
          await fetch('api/status', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '[]',
          })
        ).json();
        return r.value.sync.lastSuccessAt !== null && r.value.sync.waiting === 0;
      },
      undefined,
      { polling: 100 },
    );
    await page
      .getByTestId('sync-cell')
      .filter({ hasText: `${TECH_WORDS.syncWaitingShort.en} 0` })
      .waitFor();
    const status = await readStatus();
    expect(status.value.sync).toMatchObject({ kioskId: KIOSK_ID, waiting: 0, alert: null });
    expect(status.value.sync.lastSuccessAt).not.toBeNull();
  });

  it('unplugging the scanner shows it disconnected; plugging it back, connected, without a restart', async () => {
    await pty.unplug();
    await scannerConnected(false).waitFor();
    const cell = await scannerCell().innerText();
    expect(cell).toContain(TECH_WORDS.scannerDisconnected.en);
    expect(cell).toContain(TECH_WORDS.scannerDisconnected.bn);
    await pty.plug();
    await scannerConnected(true).waitFor();
    expect(await scannerCell().innerText()).not.toContain(TECH_WORDS.scannerDisconnected.en);
    const port = await openScannerEnd(pty.scanner);
    try {
      await writeCard(port, qr('expired-clearance'), 'invalid');
    } finally {
      await closePort(port);
    }
  });

  it('the technician screen: trust in force, scanner diagnostics, sync and clock, from the desk by its button', async () => {
    await page.getByTestId('open-technician').click();
    await page.getByTestId('tech-trust-version').filter({ hasText: '7' }).waitFor();
    expect(await page.getByTestId('tech-kids').locator('tbody tr').count()).toBeGreaterThan(0);
    const scanner = page.getByTestId('tech-scanner');
    expect(await scanner.getAttribute('data-connected')).toBe('true');
    expect(await scanner.innerText()).toContain(pty.host);
    // The last raw bytes are the expired card's tail and its CR LF.
    expect(await page.getByTestId('tech-last-bytes').innerText()).toMatch(/0d0a$/);
    expect(await page.getByTestId('tech-sync-waiting').innerText()).toBe('0');
    expect(await page.getByTestId('no-sticks').innerText()).toContain(TECH_WORDS.noSticks.en);
    // Installing needs a technician: the button is there, and disabled.
    expect(await page.getByTestId('tech-need').innerText()).toContain(TECH_WORDS.needTechnician.en);
  });

  it('a stick in the mount table offers its trust files; the technician confirms and v8 is in force at once, audited', async () => {
    fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} rw,nosuid - vfat /dev/sdb1 rw\n`);
    const candidates = page.getByTestId('candidate');
    await candidates.first().waitFor();
    expect(await candidates.evaluateAll((l) => l.map((e) => e.getAttribute('data-relative')))).toEqual([
      'bmet/v8.bmettrust',
      'v7.bmettrust',
    ]);
    expect(await page.locator('[data-testid=install][data-relative="bmet/v8.bmettrust"]').isDisabled()).toBe(
      true,
    );

    await page.getByTestId('tech-sign-in-id').fill(TECH[0]);
    await page.getByTestId('tech-sign-in-pin').fill(TECH[3]);
    await page.getByTestId('tech-sign-in-submit').click();
    await page.getByTestId('tech-session').filter({ hasText: TECH[0] }).waitFor();

    await page.locator('[data-testid=install][data-relative="bmet/v8.bmettrust"]').click();
    // Before anything is installed: what it would change, as main computed it.
    const preview = page.getByTestId('install-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('data-from')).toBe('7');
    expect(await preview.getAttribute('data-to')).toBe('8');
    expect(await preview.getAttribute('data-refusal')).toBe('');
    expect(await page.getByTestId('preview-version').innerText()).toContain('v7 → v8');
    expect(await preview.innerText()).toContain(E2E_ROOT.kid);
    expect(await preview.innerText()).toContain(TECH_WORDS.previewTitle.bn);
    // v8 is v7's content re-signed: no revocations or rules added.
    expect(await page.getByTestId('preview-revocations').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('preview-rules').getAttribute('data-count')).toBe('0');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .getByTestId('tech-sticks')
      .screenshot({ path: path.join(ARTIFACTS, 'technician-preview.png') });
    await page.getByTestId('confirm-install').click();
    const result = page.locator('[data-testid=install-result][data-outcome=installed]');
    await result.waitFor();
    expect(await result.getAttribute('data-version')).toBe('8');
    expect(await result.getAttribute('data-previous')).toBe('7');
    expect(await page.getByTestId('install-versions').innerText()).toContain('v7 → v8');
    await page.getByTestId('tech-trust-version').filter({ hasText: '8' }).waitFor();
    expect(await page.getByTestId('tech-trust-installed').innerText()).toContain(TECH[0]);
    // The audit line reads as words: who, what, and the version as a labelled value, not JSON.
    const install = page.locator('[data-testid=tech-audit-lines] tr[data-action="trust.install"]').first();
    await install.waitFor();
    const line = await install.innerText();
    expect(line).toContain(TECH[0]);
    expect(line).toContain(AUDIT_ACTION_WORDS['trust.install']!.en);
    expect(line).toContain(AUDIT_ACTION_WORDS['trust.install']!.bn);
    expect(line).not.toContain('{');
    expect(await install.locator('[data-key=version] .v').innerText()).toBe('8');
    // A tall window, so the one picture shows every card (the screen scrolls in a normal one).
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'technician-installed.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the older bundle on the stick is refused with its code and words, and the refusal is audited', async () => {
    await page.locator('[data-testid=install][data-relative="v7.bmettrust"]').click();
    // The preview already says it would be refused; confirming records the attempt.
    await page.locator('[data-testid=install-preview][data-refusal=BUNDLE_ROLLBACK]').waitFor();
    await page.getByTestId('confirm-install').click();
    const refused = page.locator('[data-testid=install-result][data-outcome=refused]');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('BUNDLE_ROLLBACK');
    expect(await refused.innerText()).toContain(BUNDLE_WORDS.BUNDLE_ROLLBACK.en);
    expect(await refused.innerText()).toContain(BUNDLE_WORDS.BUNDLE_ROLLBACK.bn);
    await page.locator('[data-testid=tech-audit-lines] tr[data-action="trust.refused"]').first().waitFor();
    expect(await page.getByTestId('tech-trust-version').innerText()).toBe('8');
    await page.screenshot({ path: path.join(ARTIFACTS, 'technician-refused.png'), fullPage: true });
  });

  it('at 1366×768 the key table and the audit table keep every word whole', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    /** Words (split at spaces) whose letters land on more than one line. */
    const brokenWords = (testid: string) =>
      page.getByTestId(testid).evaluate((table) => {
        const broken: string[] = [];
        const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent ?? '';
          for (const m of text.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index);
            r.setEnd(n, m.index + m[0].length);
            const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
            if (tops.size > 1) broken.push(m[0]);
          }
        }
        return broken;
      });
    expect(await brokenWords('tech-kids')).toEqual([]);
    expect(await brokenWords('tech-audit-lines')).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'technician-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('back at the desk: the strip says version 8 and cards still verify against it', async () => {
    await page.getByTestId('tech-back').click();
    await page.getByTestId('trust-cell').filter({ hasText: 'version 8' }).waitFor();
    const port = await openScannerEnd(pty.scanner);
    try {
      await writeCard(port, qr('valid-saudi-no-optional-fields'), 'valid');
      await page.screenshot({ path: path.join(ARTIFACTS, 'desk-serial-sync.png') });
    } finally {
      await closePort(port);
    }
  });

  it('taking the stick out removes its files from the technician screen', async () => {
    fs.writeFileSync(mountTable, '');
    await page.getByTestId('open-technician').click();
    await page.getByTestId('no-sticks').waitFor();
  });
});

describe.skipIf(!hasChromium || process.platform !== 'linux')(
  'the technician screen on a machine without udevadm',
  () => {
    it('says the serial port listing failed, with its code and words, not "no ports"', async () => {
      // The kiosk runs by its absolute path: a PATH holding nothing leaves serialport no `udevadm`.
      const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-empty-path-'));
      const kiosk = await startKiosk(
        [
          '--root',
          path.join(VECTORS, 'root.pem'),
          '--bundle',
          path.join(VECTORS, 'bundle.bmettrust'),
          '--now',
          VECTORS_NOW,
          '--no-usb',
          '--serial',
          'usb:0c2e:0b61',
        ],
        undefined,
        { ...process.env, PATH: emptyPath },
      );
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(kiosk.url);
        await page.getByTestId('open-technician').click();
        const failed = page.locator('[data-testid=tech-ports-error][data-code=PORT_LIST_FAILED]');
        await failed.waitFor();
        const text = await failed.innerText();
        expect(text).toContain(BRIDGE_ERROR_WORDS.PORT_LIST_FAILED.en);
        expect(text).toContain(BRIDGE_ERROR_WORDS.PORT_LIST_FAILED.bn);
        expect(text).toContain('install udev');
        expect(await page.getByTestId('tech-ports').count()).toBe(0);
        // The usb: scanner says the same, not "not connected".
        await page.locator('[data-testid=tech-scanner] [data-code=PORT_LIST_FAILED]').waitFor();
      } finally {
        await browser.close();
        await kiosk.stop();
      }
    });
  },
);
