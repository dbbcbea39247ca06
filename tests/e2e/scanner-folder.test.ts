// The appliance's serial scanners need no configuration: the kiosk reads every scanner-acm-* link
// udev makes in /dev/bmet. Here `--scanner-folder` points it at a temp folder, a socat pty plays
// the scanner and the test makes and removes its link as udev would: the desk shows it connected
// and its cards' verdicts, the technician screen says where it looks, and an unplugged scanner
// leaves the lists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TECH_WORDS } from '../../main/contract/words.ts';
import {
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

const qr = vectorCards().get('valid-kuwait-employment')!.qr.replace(/\n$/, '');

describe.skipIf(!hasChromium)('serial scanners found in the scanner folder, in Chromium', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-folder-'));
  const folder = path.join(tmp, 'bmet'); // not there yet: udev makes it with the first link
  const link = path.join(folder, 'scanner-acm-pci-0000:00:14.0-usb-0:2:1.0');
  let pty: PtyPair;
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;

  const plug = async () => {
    await pty.plug();
    fs.mkdirSync(folder, { recursive: true });
    fs.symlinkSync(pty.host, link);
  };
  const unplug = async () => {
    await pty.unplug();
    fs.unlinkSync(link);
  };

  beforeAll(async () => {
    pty = await ptyPair(tmp, 'acm0');
    await pty.unplug(); // the scanner is plugged in once the desk is up
    kiosk = await startKiosk([
      '--root',
      path.join(VECTORS, 'root.pem'),
      '--bundle',
      path.join(VECTORS, 'bundle.bmettrust'),
      '--now',
      VECTORS_NOW,
      '--no-usb',
      '--scanner-folder',
      folder,
    ]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(kiosk.url);
    await page.getByTestId('trust-cell').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
    await pty?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a scanner plugged in while the desk runs is read at once', async () => {
    await plug();
    await page.locator(`[data-testid=scanner-cell][data-connected=true]`).waitFor();
    const port = await openScannerEnd(pty.scanner);
    try {
      const before = await page.getByTestId('verdict').getAttribute('data-result-id');
      await writeAll(port, `${qr}\r\n`);
      await nextVerdict(page, before);
      expect(await page.getByTestId('verdict').getAttribute('data-source')).toBe('serial');
      expect(await page.getByTestId('verdict').getAttribute('data-status')).toBe('valid');
    } finally {
      await closePort(port);
    }
  });

  it('the technician screen says where scanners are looked for, and lists the one found', async () => {
    await page.getByTestId('open-technician').click();
    const where = page.getByTestId('tech-scanner-folder');
    await where.waitFor();
    const text = await where.innerText();
    expect(text).toContain(folder);
    expect(text).toContain(TECH_WORDS.scannerFolder.bn);
    expect(text).toContain(TECH_WORDS.scannerFolder.en);
    const scanner = page.getByTestId('tech-scanner');
    expect(await scanner.getAttribute('data-connected')).toBe('true');
    expect(await scanner.innerText()).toContain(link);
  });

  it('unplugged (the link gone with the device), it leaves the list; the card says none is plugged in', async () => {
    await unplug();
    await page.getByText(TECH_WORDS.noScannerPlugged.en).waitFor();
    expect(await page.getByTestId('tech-scanner').count()).toBe(0);
    await page.getByTestId('tech-back').click();
    await page.getByTestId('scanner-cell').waitFor({ state: 'detached' });
  });
});
