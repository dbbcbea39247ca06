/**
 * The Electron shell, the only code that imports `electron`: boots the kiosk core from
 * the config `start` passed (or the packaged default: pinned roots, installed bundle),
 * opens one locked-down window on the screens, and wires the contract over IPC. What is
 * allowed (window, keys, permissions, downloads, crash recovery) is decided in policy.ts;
 * this file only applies it.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  session,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import {
  bootKiosk,
  KIOSK_CONFIG,
  KIOSK_CONFIG_ENV,
  packagedKioskConfig,
  type KioskConfig,
} from '../app/boot.ts';
import { APP_ORIGIN, registerAppScheme, serveScreens } from './app-protocol.ts';
import { forwardEvents, setupIpc } from './ipc.ts';
import { setReportPrinter } from '../app/report-printer.ts';
import { printWithElectron } from './report-pdf.ts';
import {
  allowDevicePermission,
  allowPermissionCheck,
  allowPermissionRequest,
  blockedKey,
  CrashCounter,
  downloadTarget,
  isKioskUrl,
  RENDERER_GONE_AUDIT,
  RENDERER_HUNG_AUDIT,
  SERVICE_PATH,
  serviceScreenHtml,
  showMenu,
  windowOptions,
  type ShellMode,
} from './policy.ts';

const here = import.meta.dirname;
const SCREENS_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, 'preload.cjs');

function readConfig(): KioskConfig {
  const raw = process.env[KIOSK_CONFIG_ENV];
  return raw ? KIOSK_CONFIG.parse(JSON.parse(raw)) : packagedKioskConfig(process.resourcesPath);
}

/** Every webContents (the kiosk window and anything it might try to create) gets the same doors shut. */
function lockContents(contents: WebContents, mode: ShellMode): void {
  contents.on('will-navigate', (ev) => ev.preventDefault());
  contents.on('will-frame-navigate', (ev) => {
    if (!isKioskUrl(ev.url)) ev.preventDefault();
  });
  contents.on('will-redirect', (ev) => ev.preventDefault());
  contents.on('will-attach-webview', (ev) => ev.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('before-input-event', (ev, input) => {
    if (blockedKey(mode, input)) ev.preventDefault();
  });
  if (mode.dev) return;
  // Pinch and Ctrl+wheel zoom: the screens are laid out for one size.
  contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('devtools-opened', () => contents.closeDevTools());
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.exit(0);

let mode: ShellMode = { dev: false };
app.on('web-contents-created', (_e, contents) => lockContents(contents, mode));
app.on('window-all-closed', () => app.quit());

await app.whenReady();
const config = readConfig();
mode = { dev: config.roots.kind === 'development' };
const booted = await bootKiosk(config).catch((err: unknown) => {
  // A data dir of the other kind (STORE_OTHER_MODE), say: no kiosk starts, and `start` says why.
  const code = err instanceof Error && 'code' in err ? `${String(err.code)}: ` : '';
  process.stderr.write(`bmet-kiosk: ${code}${err instanceof Error ? err.message : String(err)}\n`);
  app.exit(1);
  // app.exit ends the process; the shell's start must not go on meanwhile.
  return new Promise<never>(() => undefined);
});
// The supervisor's PDF is printed by this Electron's Chromium, not a second browser.
setReportPrinter(printWithElectron);
const { service, refusedFile } = booted;
if (refusedFile) {
  process.stderr.write(`bmet-kiosk: refused: ${refusedFile.code}: ${refusedFile.message}\n`);
  app.exit(3);
} else {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, done, details) =>
    done(allowPermissionRequest(permission, details.requestingUrl, details)),
  );
  ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
    allowPermissionCheck(permission, origin, details),
  );
  ses.setDevicePermissionHandler(allowDevicePermission);
  ses.setDisplayMediaRequestHandler((_req, done) => done(null));
  ses.on('select-hid-device', (ev, _d, done) => (ev.preventDefault(), done('')));
  ses.on('select-serial-port', (ev, _d, _wc, done) => (ev.preventDefault(), done('')));
  ses.on('select-usb-device', (ev, _d, done) => (ev.preventDefault(), done()));
  ses.on('will-download', (_ev, item) => {
    const target = downloadTarget(item.getURL(), item.getFilename(), app.getPath('downloads'));
    if (target) item.setSavePath(target);
    else item.cancel();
  });
  if (!showMenu(mode)) Menu.setApplicationMenu(null);
  // The desk's display must not blank while the kiosk runs; released when the app exits.
  const awake = powerSaveBlocker.start('prevent-display-sleep');

  let serviceDetail = '';
  serveScreens(SCREENS_DIR, () => serviceScreenHtml(serviceDetail));
  const win = new BrowserWindow(windowOptions(mode, PRELOAD));
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  // Production: the window closes only when the app is told to quit (systemd stop, SIGTERM).
  win.on('close', (ev) => {
    if (!mode.dev && !quitting) ev.preventDefault();
  });
  win.once('ready-to-show', () => win.show());

  const crashes = new CrashCounter();
  const recover = (action: typeof RENDERER_GONE_AUDIT | typeof RENDERER_HUNG_AUDIT, detail: object) => {
    const next = crashes.record(Date.now());
    booted.auditShell(action, { ...detail, next, recent: crashes.recent });
    process.stderr.write(`bmet-kiosk: ${action} ${JSON.stringify(detail)}: ${next}\n`);
    if (next === 'service-screen') {
      serviceDetail = `${action} ×${crashes.recent}`;
      win.loadURL(`${APP_ORIGIN}${SERVICE_PATH}`).catch(() => undefined);
    } else win.loadURL(`${APP_ORIGIN}/index.html`).catch(() => undefined);
  };
  win.webContents.on('render-process-gone', (_ev, details) => {
    if (!win.isDestroyed())
      recover(RENDERER_GONE_AUDIT, { reason: details.reason, exitCode: details.exitCode });
  });
  win.on('unresponsive', () => {
    if (win.isDestroyed()) return;
    // A hung page cannot unload itself: kill its process; the render-process-gone above then reloads.
    booted.auditShell(RENDERER_HUNG_AUDIT, {});
    win.webContents.forcefullyCrashRenderer();
  });

  const isKioskFrame = (e: IpcMainInvokeEvent) =>
    e.sender === win.webContents &&
    e.senderFrame === win.webContents.mainFrame &&
    isKioskUrl(e.senderFrame?.url ?? '');
  const ipc = setupIpc(ipcMain, isKioskFrame, service);
  // Every load of the window's page (a reload, a crash recovered) starts at the desk: sessions for
  // a supervisor's or technician's screen end in main, whatever the page managed to say.
  win.webContents.on('did-navigate', () => ipc.pageLoaded(win.webContents.id));
  const stopEvents = forwardEvents(service, (channel, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  });
  win.on('closed', () => {
    powerSaveBlocker.stop(awake);
    stopEvents();
    ipc.remove();
    booted.close().catch((err: unknown) => process.stderr.write(`bmet-kiosk: close: ${String(err)}\n`));
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  process.stdout.write(`electron: kiosk window open (${mode.dev ? 'development' : 'production'})\n`);
}
