// The page `start` opens Chromium on: the screens' address (with its token) in a 0600 file in the
// data dir, not on Chromium's command line, which every local user can read in /proc/PID/cmdline.
// Real Chromium follows it to the address.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCH_PAGE, writeLaunchPage } from '../../main/cli/commands/start.ts';
import { hasChromium, launchChromium } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';

const TOKEN = 'k/Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA';

describe('the launch page', () => {
  const dir = tempDataDir('launch');
  it('holds the address in a file only the kiosk user reads; its own address carries no token', () => {
    const url = `http://127.0.0.1:41234/${TOKEN}/`;
    const href = writeLaunchPage(dir, url);
    expect(href).toBe(`file://${path.join(dir, LAUNCH_PAGE)}`);
    expect(href).not.toContain('Zm9v');
    const file = path.join(dir, LAUNCH_PAGE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain(`content="0;url=${url}"`);
    // Written afresh each start (never through a link or file someone else left there).
    writeLaunchPage(dir, url.replace('41234', '41235'));
    expect(fs.readFileSync(file, 'utf8')).toContain('127.0.0.1:41235');
  });

  describe.skipIf(!hasChromium)('in Chromium', () => {
    const server = http.createServer((_req, res) => res.end('<!doctype html><title>screens</title>ok'));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    it('takes Chromium to the screens’ address', async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TOKEN}/`;
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const arrived = page.waitForURL(url);
        await page.goto(writeLaunchPage(dir, url));
        await arrived;
        expect(await page.title()).toBe('screens');
      } finally {
        await browser.close();
      }
    });
  });
});
