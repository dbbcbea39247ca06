// The appliance's session for real: cage (Debian's, headless backend, as the unprivileged
// bmet-kiosk user with its own XDG_RUNTIME_DIR) runs `bmet-kiosk start`, which, with no
// Electron binary, serves the screens on the loopback host and opens them in full-screen
// Chromium inside cage. grim takes the screenshot; the test checks the desk screen filled
// the output, and leaves the PNG in dist/test-artifacts/ for a person to look at.
// Stopping the session (SIGTERM to cage's process group, as systemd stops the unit) must end every
// process of it, Chromium's included: after the test none may be left running.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, PROJECT_ROOT } from '../helpers/cli.ts';
import { ARTIFACTS, CHROMIUM, VECTORS, VECTORS_NOW } from '../helpers/kiosk.ts';
import { endProcesses, waitForEnd } from './session-processes.ts';
import { ensureKioskUser } from './system-user.ts';

const BINS = ['/usr/bin/cage', '/usr/bin/grim', '/usr/bin/Xwayland', CHROMIUM];
const missing = BINS.filter((b) => !fs.existsSync(b));
const isRoot = process.getuid?.() === 0;
const user = process.platform === 'linux' && isRoot ? ensureKioskUser() : null;
const why =
  process.platform !== 'linux'
    ? 'cage is a Linux compositor'
    : missing.length
      ? `missing ${missing.join(', ')} (tools/debian-packages.txt: cage, grim, xwayland, chromium)`
      : user && !user.ok
        ? user.why
        : '';
if (why) console.warn(`cage session test skipped: ${why}`);

/** Bounded wait on an external process's side effect; fails loudly naming what never happened. */
async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined,
  deadlineMs: number,
  log: () => string,
) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > end)
      throw new Error(`${what} did not happen within ${deadlineMs / 1000} s; session log:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every page's address in the browser, the token cut off. */
function pageUrls(b: Browser): string[] {
  return b
    .contexts()
    .flatMap((c) => c.pages())
    .map((p) => p.url().replace(/\/k\/[^/]+\//, '/k/…/'));
}

/**
 * The kiosk user runs the checkout's own Node and code, so it must be able to reach them: a
 * fresh clone may sit in a 0700 temporary folder. Every folder above them gets search (x, not
 * read) permission for others while the test runs; `undo` puts each mode back.
 */
function letOthersTraverse(files: string[]): { undo(): void } {
  const changed = new Map<string, number>();
  for (const f of files) {
    for (let d = path.dirname(path.resolve(f)); ; d = path.dirname(d)) {
      const mode = fs.statSync(d).mode & 0o7777;
      if (!(mode & 0o001) && !changed.has(d)) {
        fs.chmodSync(d, mode | 0o001);
        changed.set(d, mode);
      }
      if (d === path.dirname(d)) break;
    }
  }
  return {
    undo() {
      for (const [d, mode] of changed) fs.chmodSync(d, mode);
    },
  };
}

describe.skipIf(Boolean(why))('cage kiosk session (headless)', () => {
  let cage: ChildProcess | null = null;
  let browser: Browser | null = null;
  let log = '';
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-cage-'));
  let reach: { undo(): void } | null = null;

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    // Stopped as systemd stops the unit: SIGTERM to cage's process group (cage was started in its
    // own, with its own session). That alone must end every process of the session: cage, the
    // kiosk (which closes Chromium, its loopback host and its database) and Chromium's helpers.
    if (cage?.pid) {
      try {
        process.kill(-cage.pid, 'SIGTERM');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // the whole group has ended
      }
    }
    const mark = { mentioning: base, sessionId: cage?.pid };
    const left = await waitForEnd(mark, 30_000);
    // Whatever did not end is ended here all the same (SIGTERM, then SIGKILL), so no run leaves a kiosk behind.
    const forced = left.length ? await endProcesses(mark, 10_000) : [];
    // Only now: the kiosk user reaches its data dir through these folders, and a kiosk that can
    // no longer reach it fails its shutdown (removing its launch page) and stays running.
    reach?.undo();
    fs.rmSync(base, { recursive: true, force: true });
    expect(
      left.map((p) => `pid ${p.pid}: ${p.args.slice(0, 200)}`),
      `processes of the session still running 30 s after SIGTERM to its group (${forced.join('; ') || 'they ended on a second SIGTERM'}); session log:\n${log.split('\n').slice(-40).join('\n')}`,
    ).toEqual([]);
  }, 120_000);

  it('shows the desk screen filling the whole output', async () => {
    fs.chmodSync(base, 0o755);
    reach = letOthersTraverse([process.execPath, CLI, path.join(VECTORS, 'root.pem'), CHROMIUM, base]);
    const runtime = path.join(base, 'run');
    const dataDir = path.join(base, 'data');
    const home = path.join(base, 'home');
    for (const d of [runtime, dataDir, home]) fs.mkdirSync(d, { mode: 0o700 });
    const ids = user?.ok ? { uid: user.uid, gid: user.gid } : {};
    if (user?.ok) for (const d of [runtime, dataDir, home]) fs.chownSync(d, user.uid, user.gid);
    // The test watches the page through Chromium's DevTools port; everything else is the kiosk's own command line.
    const wrapper = path.join(base, 'chromium');
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec ${CHROMIUM} --remote-debugging-port=0 "$@"\n`, {
      mode: 0o755,
    });

    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_RUNTIME_DIR: runtime,
      // Debian's cage 0.1.4 headless, without a GPU or input devices (as on this kind of machine).
      WLR_BACKENDS: 'headless',
      WLR_RENDERER: 'pixman',
      WLR_LIBINPUT_NO_DEVICES: '1',
      BMET_CHROMIUM: wrapper,
      // This test is about the Chromium fallback: an Electron binary, if this machine has one, is not used.
      ELECTRON_OVERRIDE_DIST_PATH: path.join(base, 'no-electron'),
    };
    // -r -r (output turned 180°, grim turns the shot back): cage 0.1.4's direct scan-out miscounts a
    // window's surfaces (`n++` on the pointer) and would show only Chromium's empty root surface; a
    // turned output is never scanned out, so cage composites every surface. See appliance/README.md.
    cage = spawn(
      '/usr/bin/cage',
      [
        '-d',
        '-r',
        '-r',
        '--',
        process.execPath,
        CLI,
        'start',
        '--data-dir',
        dataDir,
        '--root',
        path.join(VECTORS, 'root.pem'),
        '--bundle',
        path.join(VECTORS, 'bundle.bmettrust'),
        '--now',
        VECTORS_NOW,
        '--no-usb',
      ],
      { cwd: PROJECT_ROOT, env, ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cage.stdout!.on('data', (d) => (log += d));
    cage.stderr!.on('data', (d) => (log += d));
    const tail = () => log.split('\n').slice(-40).join('\n');
    cage.once('exit', (code) => (log += `\n[cage exited ${code}]\n`));

    // cage is up when its Wayland socket appears.
    await waitFor('the Wayland socket', () => fs.existsSync(path.join(runtime, 'wayland-0')), 60_000, tail);
    // The kiosk opened Chromium in it when Chromium writes its DevTools port.
    const portFile = path.join(dataDir, 'chromium-profile', 'DevToolsActivePort');
    const port = await waitFor(
      'Chromium starting inside cage',
      () =>
        fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8').split('\n')[0]?.trim() || null : null,
      120_000,
      tail,
    );
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const page = await waitFor(
      'the kiosk page',
      () =>
        browser!
          .contexts()
          .flatMap((c) => c.pages())
          .find((p) => p.url().includes('/k/')),
      60_000,
      // Where Chromium's pages were instead (still on the launch page, say), for whoever reads a failure.
      () => `${tail()}\npages: ${pageUrls(browser!).join(', ') || 'none'}`,
    );
    await page.locator('main.desk').waitFor({ state: 'visible', timeout: 60_000 });
    const view = await page.evaluate(async () => {
      await document.fonts.ready;
      // Two frames: the one with the fonts laid out, and the one that reached the compositor.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { w: innerWidth, h: innerHeight, dpr: devicePixelRatio, sw: screen.width, sh: screen.height };
    });

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shotFile = path.join(ARTIFACTS, 'cage-session-desk.png');
    const shot = spawnSync('/usr/bin/grim', ['-'], {
      env: { ...env, WAYLAND_DISPLAY: 'wayland-0' },
      ...ids,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(shot.status, shot.stderr?.toString()).toBe(0);
    fs.writeFileSync(shotFile, shot.stdout);
    const png = PNG.sync.read(shot.stdout);

    // Full screen: the page's viewport is the whole output, and the output shows the page everywhere.
    expect({ w: view.w * view.dpr, h: view.h * view.dpr }).toEqual({ w: png.width, h: png.height });
    expect({ w: view.sw, h: view.sh }).toEqual({ w: view.w, h: view.h });
    let black = 0;
    for (let i = 0; i < png.data.length; i += 4)
      if (png.data[i]! < 8 && png.data[i + 1]! < 8 && png.data[i + 2]! < 8) black++;
    // cage paints no window as black; the desk screen has no black areas (a little black text at most).
    expect(black / (png.width * png.height), `black share of ${shotFile}`).toBeLessThan(0.02);
    const at = (x: number, y: number) => png.data.readUInt32BE((y * png.width + x) * 4);
    for (const [x, y] of [
      [0, 0],
      [png.width - 1, 0],
      [0, png.height - 1],
      [png.width - 1, png.height - 1],
    ] as const)
      expect(at(x, y) >>> 8, `corner ${x},${y} of ${shotFile}`).not.toBe(0);
  }, 300_000);
});
