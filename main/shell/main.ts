/**
 * The Electron shell, the only code that imports `electron`: boots the kiosk core from
 * the config `start` passed (or the packaged default: pinned roots, installed bundle),
 * opens one locked-down window on the screens, and wires the contract over IPC.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { UNSIGNED_OFFICER } from '../contract/staff.ts';
import { defaultDataDir } from '../core/store/data-dir.ts';
import { bootKiosk, KIOSK_CONFIG, KIOSK_CONFIG_ENV, type KioskConfig } from '../app/boot.ts';
import { APP_ORIGIN, registerAppScheme, serveScreens } from './app-protocol.ts';
import { forwardEvents, setupIpc } from './ipc.ts';

const here = import.meta.dirname;
const SCREENS_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, 'preload.cjs');

function readConfig(): KioskConfig {
  const raw = process.env[KIOSK_CONFIG_ENV];
  // Packaged and started by the OS: the pinned roots travel in the app's resources (electron-builder.yml).
  if (!raw)
    return {
      dataDir: defaultDataDir(),
      roots: { kind: 'pinned', dir: path.join(process.resourcesPath, 'keys/roots') },
      noLog: false,
      officer: UNSIGNED_OFFICER,
    };
  return KIOSK_CONFIG.parse(JSON.parse(raw));
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.exit(0);

// No window may navigate away, open another window or embed a webview.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (ev) => ev.preventDefault());
  contents.on('will-attach-webview', (ev) => ev.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
app.on('window-all-closed', () => app.quit());

await app.whenReady();
const config = readConfig();
const booted = bootKiosk(config);
const { service, refusedFile } = booted;
if (refusedFile) {
  process.stderr.write(`bmet-kiosk: refused: ${refusedFile.code}: ${refusedFile.message}\n`);
  app.exit(3);
} else {
  // The camera (QR fallback) is the only permission the screens may get, and only for the kiosk's own origin.
  session.defaultSession.setPermissionRequestHandler((wc, permission, done) =>
    done(permission === 'media' && wc.getURL().startsWith(`${APP_ORIGIN}/`)),
  );
  serveScreens(SCREENS_DIR);
  const dev = config.roots.kind === 'development';
  const win = new BrowserWindow({
    kiosk: !dev,
    width: 1280,
    height: 800,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  const isKioskFrame = (e: IpcMainInvokeEvent) =>
    e.sender === win.webContents &&
    e.senderFrame === win.webContents.mainFrame &&
    (e.senderFrame?.url ?? '').startsWith(`${APP_ORIGIN}/`);
  const removeIpc = setupIpc(ipcMain, isKioskFrame, service);
  const stopEvents = forwardEvents(service, (channel, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  });
  win.on('closed', () => {
    stopEvents();
    removeIpc();
    booted.close();
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  process.stdout.write(
    `electron: kiosk window open (${config.roots.kind === 'development' ? 'development' : 'production'})\n`,
  );
}
