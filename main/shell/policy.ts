/**
 * The shell's lockdown policy as plain data and functions (tested in Node, no Electron):
 * the window and web preferences, the blocked keys, the permission, device and download
 * decisions, the crash/hang recovery rule and the service screen. main.ts only applies it,
 * so every setting that matters is written here rather than left to Electron's defaults.
 */
import type { BrowserWindowConstructorOptions, Input, WebPreferences } from 'electron';
import { SHELL_WORDS } from '../contract/words.ts';

export const KIOSK_ORIGIN = 'app://kiosk';

export interface ShellMode {
  /** `start --dev`: a normal window, DevTools and the reload/zoom keys kept for the developer. */
  dev: boolean;
}

/**
 * Every web preference with a security or kiosk meaning is stated, so a change in
 * Electron's defaults cannot loosen the page's sandbox.
 */
export function webPreferences(mode: ShellMode, preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    plugins: false,
    enableWebSQL: false,
    javascript: true,
    images: true,
    spellcheck: false,
    // Production: DevTools cannot be opened at all, not only not by a key.
    devTools: mode.dev,
    // A page's alert()/confirm() would block the desk behind a modal; the screens use none.
    disableDialogs: !mode.dev,
    safeDialogs: true,
    zoomFactor: 1,
    disableHtmlFullscreenWindowResize: true,
    backgroundThrottling: false,
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export function windowOptions(mode: ShellMode, preload: string): BrowserWindowConstructorOptions {
  const locked = !mode.dev;
  return {
    show: false,
    width: 1280,
    height: 800,
    backgroundColor: '#f4f5f7',
    title: 'BMET Clearance Kiosk',
    kiosk: locked,
    fullscreen: locked,
    fullscreenable: locked,
    frame: !locked,
    resizable: !locked,
    movable: !locked,
    minimizable: !locked,
    maximizable: !locked,
    closable: !locked,
    skipTaskbar: locked,
    autoHideMenuBar: true,
    webPreferences: webPreferences(mode, preload),
  };
}

/** Production has no application menu (its accelerators would reload, zoom and open DevTools). */
export const showMenu = (mode: ShellMode): boolean => mode.dev;

/** A key combination the production kiosk swallows, and why. */
export interface KeyRule {
  key: string;
  control?: boolean;
  shift?: boolean;
  alt?: boolean;
  why: string;
}

export const BLOCKED_KEYS: readonly KeyRule[] = [
  { key: 'r', control: true, why: 'reload' },
  { key: 'r', control: true, shift: true, why: 'hard reload' },
  { key: 'F5', why: 'reload' },
  { key: 'F5', control: true, why: 'hard reload' },
  { key: 'w', control: true, why: 'close window' },
  { key: 'F4', control: true, why: 'close window' },
  { key: 'F4', alt: true, why: 'close window (when the compositor passes it)' },
  { key: 'q', control: true, why: 'quit' },
  { key: 'n', control: true, why: 'new window' },
  { key: 'i', control: true, shift: true, why: 'DevTools' },
  { key: 'j', control: true, shift: true, why: 'DevTools console' },
  { key: 'c', control: true, shift: true, why: 'DevTools inspector' },
  { key: 'F12', why: 'DevTools' },
  { key: 'p', control: true, why: 'print dialog' },
  { key: 'p', control: true, shift: true, why: 'print dialog' },
  { key: 's', control: true, why: 'save page dialog' },
  { key: 'o', control: true, why: 'open file dialog' },
  { key: 'u', control: true, why: 'view source' },
  { key: 'f', control: true, why: 'find bar' },
  { key: '+', control: true, why: 'zoom in' },
  { key: '+', control: true, shift: true, why: 'zoom in' },
  { key: '=', control: true, why: 'zoom in' },
  { key: '-', control: true, why: 'zoom out' },
  { key: '_', control: true, shift: true, why: 'zoom out' },
  { key: '0', control: true, why: 'reset zoom' },
  { key: 'F11', why: 'leave full screen' },
  { key: 'BrowserBack', why: 'navigate back' },
  { key: 'BrowserForward', why: 'navigate forward' },
  { key: 'BrowserRefresh', why: 'reload' },
  { key: 'ArrowLeft', alt: true, why: 'navigate back' },
  { key: 'ArrowRight', alt: true, why: 'navigate forward' },
];

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'shift' | 'alt' | 'meta'>;

/**
 * Whether `before-input-event` must swallow this key in this mode. Cmd (meta) counts as
 * Ctrl so the same list holds on a Mac. Letters compare case-insensitively (Shift or Caps
 * Lock changes `key`); modifiers must match exactly, so plain typing is never blocked.
 */
export function blockedKey(mode: ShellMode, input: KeyInput): KeyRule | null {
  if (mode.dev || (input.type !== 'keyDown' && input.type !== 'rawKeyDown')) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const control = input.control || input.meta;
  return (
    BLOCKED_KEYS.find(
      (r) =>
        r.key === key &&
        Boolean(r.control) === control &&
        Boolean(r.alt) === input.alt &&
        // Shift matters only where the rule names it (Ctrl+Shift+I) or for keys without a shifted twin.
        (r.shift === undefined
          ? !input.shift || key.length > 1 || !/[a-z]/.test(key)
          : r.shift === input.shift),
    ) ?? null
  );
}

/** Whether a URL belongs to the kiosk's own screens (exact origin, not a prefix look-alike). */
export function isKioskUrl(url: string): boolean {
  try {
    // A non-special scheme's URL has origin "null" in Node and Chromium alike: compare scheme and host.
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'kiosk' && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * `setPermissionRequestHandler`: only the camera (video, never the microphone), only for
 * the kiosk's own origin, only from its main frame. Every other permission is refused.
 */
export function allowPermissionRequest(
  permission: string,
  requestingUrl: string,
  details: { mediaTypes?: readonly string[]; isMainFrame?: boolean },
): boolean {
  if (permission !== 'media' || !isKioskUrl(requestingUrl)) return false;
  if (details.isMainFrame === false) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/**
 * `setPermissionCheckHandler`: the same rule for the synchronous checks Chromium makes
 * (e.g. enumerateDevices asks before any request). A check of 'media' carries the type
 * asked about; audio is refused.
 */
export function allowPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: { mediaType?: string },
): boolean {
  if (permission !== 'media' || !isKioskUrl(requestingOrigin)) return false;
  return details.mediaType === undefined || details.mediaType === 'video' || details.mediaType === 'unknown';
}

/**
 * WebUSB, WebHID, Web Serial and Web Bluetooth: never. Scanners reach the kiosk through
 * main (native-bridge), never through the page.
 */
export const allowDevicePermission = (): boolean => false;

/**
 * Downloads: only the supervisor's exports, the day's CSV and its PDF (a blob: URL of the
 * kiosk's own origin), saved without a dialog into `dir`. Anything else is cancelled.
 */
export function downloadTarget(url: string, filename: string, dir: string): string | null {
  if (!url.startsWith(`blob:${KIOSK_ORIGIN}/`)) return null;
  if (!/^[A-Za-z0-9._-]{1,128}\.(csv|pdf)$/.test(filename) || filename.startsWith('.')) return null;
  return `${dir.replace(/[/\\]+$/, '')}/${filename}`;
}

/** How the shell answers a renderer that died or hangs. */
export interface CrashRule {
  /** Within this window… */
  windowMs: number;
  /** …this many crashes or hangs (counting this one) mean the screens cannot run: the service screen. */
  maxRestarts: number;
}

export const CRASH_RULE: CrashRule = { windowMs: 5 * 60_000, maxRestarts: 3 };

/**
 * Tracks crashes and hangs; each `record` says what to do now: reload the screens, or show
 * the service screen (a page served by the shell itself, needing none of the screens' code).
 */
export class CrashCounter {
  private times: number[] = [];
  private readonly rule: CrashRule;
  constructor(rule: CrashRule = CRASH_RULE) {
    this.rule = rule;
  }

  record(now: number): 'reload' | 'service-screen' {
    this.times = [...this.times.filter((t) => now - t < this.rule.windowMs), now];
    return this.times.length > this.rule.maxRestarts ? 'service-screen' : 'reload';
  }

  get recent(): number {
    return this.times.length;
  }
}

/** The renderer events the shell audits (store audit actions). */
export const RENDERER_GONE_AUDIT = 'shell.renderer-gone';
export const RENDERER_HUNG_AUDIT = 'shell.unresponsive';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The service screen: static HTML in both languages, no script, served at SERVICE_PATH. */
export const SERVICE_PATH = '/service.html';

export function serviceScreenHtml(detail: string): string {
  const title = SHELL_WORDS.SHELL_SERVICE_SCREEN;
  const body = SHELL_WORDS.SHELL_SERVICE_SCREEN_HELP;
  return `<!doctype html><html lang="bn"><head><meta charset="utf-8"><title>${escapeHtml(title.en)}</title>
<style>html,body{margin:0;height:100%;background:#7a1f1f;color:#fff;font-family:'Noto Sans Bengali','Noto Sans',sans-serif}
main{height:100%;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;padding:2rem;box-sizing:border-box}
h1{font-size:3rem;margin:0 0 1rem}p{font-size:1.5rem;margin:.5rem 0;max-width:50rem}small{opacity:.8;font-size:1rem}</style></head>
<body><main><h1>${escapeHtml(title.bn)}<br>${escapeHtml(title.en)}</h1><p>${escapeHtml(body.bn)}</p><p>${escapeHtml(body.en)}</p><small>${escapeHtml(detail)}</small></main></body></html>`;
}
