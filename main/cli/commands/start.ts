/**
 * `start [--no-window] [--port N] [--dev] [--serial PATH|usb:VID:PID …] [--baud N] [--scanner-folder DIR]
 * [--mount-table FILE | --no-usb]`:
 * runs the kiosk, with its serial scanners, USB trust-stick watcher and sync. With an Electron binary it
 * opens the Electron shell; without one (or with --no-window) it serves the screens on
 * the loopback host, prints their address (with its token) as the first stdout line, and
 * opens Chromium in app/kiosk mode when there is one and a display. `--dev` is the
 * embedded development default of `npm start`: ./.data/dev, the development bundle and
 * the development root, and the screens say DEVELOPMENT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UNSIGNED_OFFICER } from '../../contract/staff.ts';
import { bootKiosk, KIOSK_CONFIG_ENV, type KioskConfig } from '../../app/boot.ts';
import { startLoopbackHost, type LoopbackHost } from '../../app/loopback-host.ts';
import { defaultDataDir } from '../../core/store/data-dir.ts';
import { PINNED_ROOTS_DIR } from '../../core/trust/roots.ts';
import { PROJECT_ROOT, RENDERER_OUT, SHELL_MAIN, SHELL_PRELOAD } from '../../app/paths.ts';
import { findElectron } from '../electron-binary.ts';
import { EXIT, FailedError, RefusedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { stopRequest, type StopRequest } from '../stop-request.ts';

export const DEV_DATA_DIR = path.join(PROJECT_ROOT, '.data/dev');
export const DEV_BUNDLE = path.join(PROJECT_ROOT, 'fixtures/dev-bundle.bmettrust');
export const DEV_ROOT = path.join(PROJECT_ROOT, 'fixtures/keys/dev-root.pem');
const CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const say = (msg: string) => process.stderr.write(`bmet-kiosk: ${msg}\n`);

function configFrom(args: string[]): { config: KioskConfig; noWindow: boolean; port: number } {
  const { values, positionals } = parseCommandArgs(args, {
    'no-window': { type: 'boolean' },
    port: { type: 'string' },
    dev: { type: 'boolean' },
    serial: { type: 'string', multiple: true },
    baud: { type: 'string' },
    'scanner-folder': { type: 'string' },
    'mount-table': { type: 'string' },
    'no-usb': { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`start takes no arguments (got '${positionals[0]}')`);
  const opts = sharedFrom(values);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(String(values.port ?? '0'))) {
    throw new UsageError(`--port wants a port number 0..65535 (0: any free port), got '${values.port}'`);
  }
  const dev = values.dev === true;
  if (dev && !opts.roots?.length) {
    for (const f of [DEV_ROOT, ...(opts.bundle ? [] : [DEV_BUNDLE])]) {
      if (!fs.existsSync(f))
        throw new RefusedError(
          `the development default needs ${path.relative(PROJECT_ROOT, f)}: make it with 'npm run fixtures'`,
        );
    }
  }
  const roots: KioskConfig['roots'] = opts.roots?.length
    ? { kind: 'command-line', files: opts.roots.map((f) => path.resolve(f)) }
    : // The folder is named here, in the source tree: the bundled shell cannot find it from its own location.
      dev
      ? { kind: 'development', files: [DEV_ROOT] }
      : { kind: 'pinned', dir: PINNED_ROOTS_DIR };
  const bundle = opts.bundle ?? (dev ? DEV_BUNDLE : undefined);
  const serials = (values.serial as string[] | undefined) ?? [];
  const baud = values.baud === undefined ? undefined : String(values.baud);
  if (baud !== undefined && (!serials.length || !/^\d{1,7}$/.test(baud)))
    throw new UsageError(`--baud wants a number and goes with --serial (got '${baud}')`);
  if (values['no-usb'] && values['mount-table'])
    throw new UsageError('--no-usb and --mount-table exclude each other');
  const config: KioskConfig = {
    dataDir: path.resolve(opts.dataDir ?? (dev ? DEV_DATA_DIR : defaultDataDir())),
    roots,
    ...(bundle ? { bundleFile: path.resolve(bundle) } : {}),
    ...(opts.nowMs !== undefined ? { nowMs: opts.nowMs } : {}),
    noLog: opts.noLog,
    // Scans are recorded with the person signed in at the screen; with no one signed in, as UNSIGNED.
    officer: values.officer === undefined ? UNSIGNED_OFFICER : opts.officer,
    // One scanner per --serial (a path, COMn or usb:VID:PID); none: the data dir's setting.
    ...(serials.length
      ? { serial: serials.map((target) => ({ target, ...(baud ? { baudRate: Number(baud) } : {}) })) }
      : {}),
    // --scanner-folder DIR: where scanner links appear when no scanner is named (default /dev/bmet on Linux).
    ...(values['scanner-folder'] ? { scannerFolder: path.resolve(String(values['scanner-folder'])) } : {}),
    // --mount-table FILE: watch that mountinfo file, every mount in it taken as a stick (tests, or a system that keeps its own table).
    ...(values['no-usb']
      ? { usb: false as const }
      : values['mount-table']
        ? { usb: { mountTable: path.resolve(String(values['mount-table'])), intervalMs: 200 } }
        : {}),
  };
  return { config, noWindow: values['no-window'] === true, port };
}

/** The kiosk runs what the build made; building is the build's job (`npm run build`, run by `npm start`), not the runtime's. */
function requireBuilt(files: string[]): void {
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new FailedError(
      `the app is not built (${missing.map((f) => path.relative(PROJECT_ROOT, f)).join(', ')} missing): run 'npm run build'`,
    );
  }
}

/** Runs the Electron shell with this config and waits for it to end. */
async function runElectron(electron: string, config: KioskConfig): Promise<number> {
  requireBuilt([SHELL_MAIN, SHELL_PRELOAD, path.join(RENDERER_OUT, 'index.html')]);
  const child = spawn(electron, [SHELL_MAIN], {
    stdio: 'inherit',
    env: { ...process.env, [KIOSK_CONFIG_ENV]: JSON.stringify(config), ELECTRON_RUN_AS_NODE: undefined },
  });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const code = await new Promise<number>((resolve) =>
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))),
  );
  process.off('SIGINT', stop).off('SIGTERM', stop);
  return code;
}

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** The page Chromium is started on, in the data dir (0700): it sends Chromium to the screens' address. */
export const LAUNCH_PAGE = 'open-screens.html';

/**
 * Writes the launch page (0600) that takes Chromium to `url`, and answers its file:// address.
 * The address carries the host's token, and a process's command line is readable by every local
 * user (/proc/PID/cmdline): Chromium is given this file instead, which only the kiosk's user can read.
 */
export function writeLaunchPage(dataDir: string, url: string): string {
  const file = path.join(dataDir, LAUNCH_PAGE);
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  fs.rmSync(file, { force: true });
  fs.writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>BMET</title>\n`,
    { mode: 0o600, flag: 'wx' },
  );
  return pathToFileURL(file).href;
}

/** Opens the screens in a Chromium app window (kiosk mode unless in development). */
function openChromium(url: string, config: KioskConfig): ChildProcess | null {
  const bin = [process.env.BMET_CHROMIUM, ...CHROMIUMS].find(
    (p): p is string => Boolean(p) && fs.existsSync(p!),
  );
  if (!bin) {
    say('no Chromium found to open the screens in; open the address above in a browser');
    return null;
  }
  if (!hasDisplay()) {
    say('no display (DISPLAY/WAYLAND_DISPLAY unset); open the address above in a browser');
    return null;
  }
  const dev = config.roots.kind === 'development';
  const args = [
    `--app=${writeLaunchPage(config.dataDir, url)}`,
    ...(dev ? [] : ['--kiosk']),
    `--user-data-dir=${path.join(config.dataDir, 'chromium-profile')}`,
    '--no-first-run',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-translate',
    '--noerrdialogs',
    // In the appliance's cage session Chromium draws on Wayland itself, not through Xwayland.
    '--ozone-platform-hint=auto',
    '--autoplay-policy=no-user-gesture-required',
  ];
  // Chromium refuses to run as root with its sandbox; a real kiosk runs as an ordinary user.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(bin, args, { stdio: 'ignore' });
  child.on('error', (err) => say(`could not start ${bin}: ${err.message}`));
  return child;
}

export async function runStart(args: string[]): Promise<number> {
  const { config, noWindow, port } = configFrom(args);
  if (!noWindow) {
    const electron = findElectron();
    if (electron.ok) return runElectron(electron.path, config);
    say(`not opening the Electron shell: ${electron.why}`);
    say('serving the screens on the loopback host instead');
  }
  requireBuilt([path.join(RENDERER_OUT, 'index.html')]);
  // Taken before boot: a signal while booting closes the kiosk once boot is done.
  const request = stopRequest();
  try {
    return await serve(config, noWindow, port, request);
  } finally {
    request.dispose();
  }
}

async function serve(
  config: KioskConfig,
  noWindow: boolean,
  port: number,
  request: StopRequest,
): Promise<number> {
  let booted: Awaited<ReturnType<typeof bootKiosk>>;
  try {
    booted = await bootKiosk(config);
  } catch (err) {
    // A scanner setting that cannot work (a baud rate no scanner has, a malformed usb:VID:PID): the command line's fault.
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  if (request.asked) return shutDown([['close the verification log', () => booted.close()]]);
  if (booted.refusedFile) {
    await booted.close();
    throw new RefusedError(
      `${booted.refusedFile.code}: ${booted.refusedFile.message}`,
      booted.refusedFile.code,
    );
  }
  let host: LoopbackHost;
  try {
    host = await startLoopbackHost({ service: booted.service, staticDir: RENDERER_OUT, port });
  } catch (err) {
    // The kiosk is booted (log, scanners, sync): closed first, or the process would never end.
    await shutDown([['close the verification log', () => booted.close()]]);
    throw hostFailure(err, port);
  }
  process.stdout.write(`${host.url}\n`);
  const status = booted.service.status();
  say(
    `kiosk ready (${status.mode}${status.trust ? `, trust bundle version ${status.trust.version}${status.trust.expired ? ' EXPIRED' : ''}` : `, NO TRUST: ${status.trustProblem?.code}`}, log ${status.log.state}) on ${host.url.replace(/\/k\/[^/]+\//, '/k/…/')}`,
  );
  const browser = noWindow ? null : openChromium(host.url, config);

  browser?.once('exit', request.stop);
  await request.done;
  return shutDown([
    ['stop Chromium', () => void browser?.kill('SIGTERM')],
    ['remove the launch page', () => fs.rmSync(path.join(config.dataDir, LAUNCH_PAGE), { force: true })],
    ['close the loopback host', () => host.close()],
    ['close the verification log', () => booted.close()],
  ]);
}

/** Why the loopback host could not listen on --port, with its code; anything else is not the port's doing. */
function hostFailure(err: unknown, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'EADDRINUSE'
      ? 'another program is listening there'
      : code === 'EACCES'
        ? "this user may not listen there (ports below 1024 need the system's permission)"
        : code === 'EADDRNOTAVAIL'
          ? 'the loopback address is not available on this machine'
          : null;
  if (why === null) return err;
  return new FailedError(
    `cannot serve the screens on 127.0.0.1 port ${port}: ${why} (${code}); give another --port, or --port 0 for any free port`,
    'PORT_UNAVAILABLE',
  );
}

/**
 * Runs every shutdown step whatever the ones before it did: one failing (a launch page that
 * cannot be removed) must not leave the host listening and the database open in a process
 * that no longer answers its stop signal. Each failure is said; any makes the exit a failure.
 */
async function shutDown(steps: [what: string, step: () => unknown][]): Promise<number> {
  let failed = 0;
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (err) {
      failed++;
      say(`could not ${what} while stopping: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed ? EXIT.failure : EXIT.done;
}
