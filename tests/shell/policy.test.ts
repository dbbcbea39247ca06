// The shell's lockdown policy, in plain Node: what main.ts applies to the window, keys,
// permissions, downloads and crashes. The Electron binary is not needed for any of this.
import { describe, expect, it } from 'vitest';
import {
  allowDevicePermission,
  allowPermissionCheck,
  allowPermissionRequest,
  blockedKey,
  BLOCKED_KEYS,
  CrashCounter,
  downloadTarget,
  isKioskUrl,
  serviceScreenHtml,
  showMenu,
  windowOptions,
} from '../../main/shell/policy.ts';

const PROD = { dev: false };
const DEV = { dev: true };
const key = (
  k: string,
  mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {},
) => ({
  type: 'keyDown' as const,
  key: k,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...mods,
});

describe('window options', () => {
  it('production: kiosk, full screen, no frame, cannot be closed, resized or minimised; DevTools off', () => {
    const o = windowOptions(PROD, '/p.cjs');
    expect(o).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
      resizable: false,
      minimizable: false,
      movable: false,
    });
    expect(o.webPreferences).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      disableDialogs: true,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
    });
    expect(showMenu(PROD)).toBe(false);
  });

  it('development: a normal window with DevTools and a menu; the page sandbox is the same', () => {
    const o = windowOptions(DEV, '/p.cjs');
    expect(o).toMatchObject({ kiosk: false, frame: true, closable: true });
    expect(o.webPreferences).toMatchObject({
      devTools: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(showMenu(DEV)).toBe(true);
  });

  it('states every security-relevant web preference rather than leaving it to the default', () => {
    const prefs = windowOptions(PROD, '/p.cjs').webPreferences!;
    for (const k of [
      'contextIsolation',
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'sandbox',
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'webviewTag',
      'navigateOnDragDrop',
      'plugins',
      'devTools',
      'disableDialogs',
      'spellcheck',
    ] as const)
      expect(prefs[k], k).toBeTypeOf('boolean');
  });
});

describe('blocked keys', () => {
  it.each([
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['F12', key('F12')],
    ['Ctrl+P', key('p', { control: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+plus', key('+', { control: true, shift: true })],
    ['Ctrl+=', key('=', { control: true })],
    ['Ctrl+minus', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['Caps Lock Ctrl+R', key('R', { control: true })],
    ['F11', key('F11')],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
  ])('production swallows %s; development keeps it', (_name, input) => {
    expect(blockedKey(PROD, input)).not.toBeNull();
    expect(blockedKey(DEV, input)).toBeNull();
  });

  it.each([
    ['a letter', key('r')],
    ['a capital (a wedge scanner typing a card)', key('R', { shift: true })],
    ['a digit', key('0')],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['Backspace', key('Backspace')],
    ['Ctrl+A (select in the paste box)', key('a', { control: true })],
    ['Ctrl+V (paste a QR text)', key('v', { control: true })],
    ['Ctrl+Shift+V', key('V', { control: true, shift: true })],
  ])('never swallows %s', (_name, input) => {
    expect(blockedKey(PROD, input)).toBeNull();
  });

  it('only acts on key presses, not releases', () => {
    expect(blockedKey(PROD, { ...key('F5'), type: 'keyUp' })).toBeNull();
    expect(blockedKey(PROD, { ...key('F5'), type: 'rawKeyDown' })).not.toBeNull();
  });

  it('every rule says why', () => {
    for (const r of BLOCKED_KEYS) expect(r.why.length).toBeGreaterThan(2);
  });
});

describe('permissions', () => {
  const OWN = 'app://kiosk/index.html';
  it('the camera, video only, for the kiosk origin main frame', () => {
    expect(allowPermissionRequest('media', OWN, { mediaTypes: ['video'], isMainFrame: true })).toBe(true);
  });
  it.each([
    ['the microphone', 'media', OWN, { mediaTypes: ['audio'] }],
    ['camera + microphone', 'media', OWN, { mediaTypes: ['video', 'audio'] }],
    ['no media type named', 'media', OWN, { mediaTypes: [] }],
    ['another origin', 'media', 'https://evil.example/', { mediaTypes: ['video'] }],
    ['a look-alike origin', 'media', 'app://kiosk.evil/', { mediaTypes: ['video'] }],
    ['the loopback http origin', 'media', 'http://127.0.0.1:8080/k/x/', { mediaTypes: ['video'] }],
    ['a subframe', 'media', OWN, { mediaTypes: ['video'], isMainFrame: false }],
    ['notifications', 'notifications', OWN, {}],
    ['geolocation', 'geolocation', OWN, {}],
    ['clipboard-read', 'clipboard-read', OWN, {}],
    ['serial', 'serial', OWN, {}],
    ['hid', 'hid', OWN, {}],
    ['usb', 'usb', OWN, {}],
    ['display-capture', 'display-capture', OWN, {}],
    ['openExternal', 'openExternal', OWN, {}],
    ['fullscreen', 'fullscreen', OWN, {}],
  ])('refuses %s on request', (_n, p, url, d) => {
    expect(allowPermissionRequest(p, url, d)).toBe(false);
  });

  it('the synchronous check follows the same rule', () => {
    expect(allowPermissionCheck('media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://kiosk', {})).toBe(true);
    expect(allowPermissionCheck('media', 'app://kiosk', { mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('serial', 'app://kiosk', {})).toBe(false);
    expect(allowPermissionCheck('hid', 'app://kiosk', {})).toBe(false);
    expect(allowDevicePermission()).toBe(false);
  });

  it('kiosk URLs are recognised by exact origin', () => {
    expect(isKioskUrl('app://kiosk/index.html')).toBe(true);
    expect(isKioskUrl('app://kiosk')).toBe(true);
    expect(isKioskUrl('app://kioskx/')).toBe(false);
    expect(isKioskUrl('file:///etc/passwd')).toBe(false);
    expect(isKioskUrl('not a url')).toBe(false);
  });
});

describe('downloads', () => {
  it('only the report CSV and PDF from the kiosk origin, into the given folder', () => {
    expect(downloadTarget('blob:app://kiosk/1234', 'report-2026-11-22.csv', '/home/k/Downloads/')).toBe(
      '/home/k/Downloads/report-2026-11-22.csv',
    );
    expect(downloadTarget('https://evil.example/x.csv', 'x.csv', '/d')).toBeNull();
    expect(downloadTarget('blob:app://kiosk/1', 'run.sh', '/d')).toBeNull();
    expect(downloadTarget('blob:app://kiosk/1', '../x.csv', '/d')).toBeNull();
    expect(downloadTarget('blob:app://kiosk/1', '.x.csv', '/d')).toBeNull();
    // The day's PDF too (printed in main); other kinds of file still not.
    expect(downloadTarget('blob:app://kiosk/1', 'bmet-report-2026-11-22.pdf', '/d')).toBe(
      '/d/bmet-report-2026-11-22.pdf',
    );
    expect(downloadTarget('blob:app://kiosk/1', 'x.pdf.exe', '/d')).toBeNull();
  });
});

describe('crash and hang recovery', () => {
  it('reloads up to the limit within five minutes, then shows the service screen', () => {
    const c = new CrashCounter({ windowMs: 300_000, maxRestarts: 3 });
    expect(c.record(0)).toBe('reload');
    expect(c.record(1000)).toBe('reload');
    expect(c.record(2000)).toBe('reload');
    expect(c.record(3000)).toBe('service-screen');
  });
  it('crashes spread out over time keep reloading', () => {
    const c = new CrashCounter({ windowMs: 300_000, maxRestarts: 3 });
    for (let i = 0; i < 10; i++) expect(c.record(i * 200_000)).toBe('reload');
  });
  it('the service screen speaks both languages and runs no script', () => {
    const html = serviceScreenHtml('shell.renderer-gone ×4 <x>');
    expect(html).toContain('This kiosk needs service');
    expect(html).toContain('কিয়স্কটি সেবার প্রয়োজন');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&#60;x&#62;');
  });
});
