/**
 * `StickWatcher`: notices removable drives being mounted (Linux: polls the mount table;
 * Windows: new removable drive letters) and emits a trust-stick event listing the `.bmettrust`
 * files on each, or stick-removed. It installs nothing: the technician screen asks first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { StickEvent } from '../../main/contract/bridge-events.ts';
import { Emitter } from '../events.ts';
import { isRemovableMount, parseMountInfo, type MountEntry } from './mount-table.ts';
import { DEFAULT_TRUST_LIMITS, findTrustFiles, type TrustScanLimits } from './trust-files.ts';

/** A mounted drive as the watcher sees it, whichever OS. */
export interface Drive {
  mountPoint: string;
  device: string;
}

export interface StickWatcherOptions {
  /** How often to look (ms). */
  intervalMs?: number;
  limits?: TrustScanLimits;
  /** Where the drives come from; defaults to the mount table (Linux) or drive letters (Windows). */
  listDrives?: () => Drive[];
}

/** Linux: removable mounts of a mountinfo file (tests pass their own file and predicate). */
export function mountTableDrives(
  file = '/proc/self/mountinfo',
  isRemovable: (m: MountEntry) => boolean = (m) => isRemovableMount(m),
): () => Drive[] {
  return () =>
    parseMountInfo(fs.readFileSync(file, 'utf8'))
      .filter(isRemovable)
      .map((m) => ({ mountPoint: m.mountPoint, device: m.source }));
}

/**
 * Win32_LogicalDisk.DriveType of a USB stick (removable). Fixed disks (3), network drives (4)
 * and CD drives (5) answer a drive letter too, and are not sticks. (A USB hard disk reports
 * as fixed: trust sticks are flash drives.)
 */
export const REMOVABLE_DRIVE_TYPE = 2;

/** The PowerShell command that prints one "E: 2" line (DeviceID, DriveType) per logical disk. */
export const DRIVE_TYPE_COMMAND =
  'Get-CimInstance Win32_LogicalDisk | ForEach-Object { "$($_.DeviceID) $($_.DriveType)" }';

/**
 * Asks Windows the type of each logical disk (PowerShell, CIM); its output for `parseDriveTypes`.
 * Asynchronous: PowerShell takes about half a second to start (up to the 15 s limit on a busy
 * machine), and the watcher runs on the kiosk's main thread, where the scans are answered.
 */
export function queryDriveTypes(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', DRIVE_TYPE_COMMAND],
      { encoding: 'utf8', timeout: 15_000, windowsHide: true },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
  });
}

/** Drive letter ("E:") → DriveType, from `queryDriveTypes`' output; lines of any other shape are skipped. */
export function parseDriveTypes(text: string): Map<string, number> {
  const types = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z]:)\s+(\d+)\s*$/.exec(line);
    if (m) types.set(m[1]!.toUpperCase(), Number(m[2]));
  }
  return types;
}

/** After Windows could not say the drive types, how long before it is asked again. */
export const DRIVE_TYPE_RETRY_MS = 30_000;

export interface DriveLetterOptions {
  exists?: (p: string) => boolean;
  driveTypes?: () => Promise<string>;
  /** Called when Windows has answered or failed: the watcher looks again at once. */
  onAnswer?: () => void;
  retryMs?: number;
  now?: () => number;
}

/**
 * Windows: the removable drives among letters D: to Z: (A:, B: are floppies; C: the system).
 * Which letters answer is checked every look (cheap); their types are asked of Windows, in the
 * background, when a letter appears, and kept while it stays. A letter is offered only once its
 * type is known to be removable: until Windows answers it is not, so a fixed or network drive is
 * never offered as a stick. If Windows cannot say, the error is thrown at the next look for the
 * watcher to report; the letters still unknown (also one Windows did not list) are asked about
 * again after `retryMs`.
 */
export function driveLetterDrives(o: DriveLetterOptions = {}): () => Drive[] {
  const exists = o.exists ?? fs.existsSync;
  const driveTypes = o.driveTypes ?? queryDriveTypes;
  const retryMs = o.retryMs ?? DRIVE_TYPE_RETRY_MS;
  const now = o.now ?? Date.now;
  // The letters present at the last look, each appearance its own object: an answer is for the
  // appearances it was asked about, not for a letter gone and come back meanwhile (another drive).
  // type null: not known yet; retryAt: not asked about again before then (Windows left it out).
  type Seen = { type: number | null; retryAt: number };
  let seen = new Map<string, Seen>();
  let asking = false;
  let failure: Error | null = null; // to throw at the next look
  let failedUntil = 0; // after PowerShell itself failed: no question before then
  const ask = (about: [string, Seen][]) => {
    asking = true;
    driveTypes().then(
      (text) => {
        const asked = parseDriveTypes(text);
        for (const [l, d] of about) {
          if (seen.get(l) !== d) continue;
          // A letter Windows did not list stays unknown: asked about again after a while.
          d.type = asked.get(l) ?? null;
          if (d.type === null) d.retryAt = now() + retryMs;
        }
        asking = false;
        o.onAnswer?.();
      },
      (err: unknown) => {
        failure = err instanceof Error ? err : new Error(String(err));
        failedUntil = now() + retryMs;
        asking = false;
        o.onAnswer?.();
      },
    );
  };
  return () => {
    const present: string[] = [];
    for (let c = 68; c <= 90; c++) {
      const letter = String.fromCharCode(c) + ':';
      if (exists(letter + '\\')) present.push(letter);
    }
    const previous = seen;
    seen = new Map(present.map((l) => [l, previous.get(l) ?? { type: null, retryAt: 0 }]));
    if (failure) {
      const err = failure;
      failure = null;
      throw err;
    }
    const t = now();
    const unknown = [...seen].filter(([, d]) => d.type === null && t >= d.retryAt);
    if (!asking && t >= failedUntil && unknown.length) ask(unknown);
    return present
      .filter((l) => seen.get(l)!.type === REMOVABLE_DRIVE_TYPE)
      .map((l) => ({ mountPoint: l + '\\', device: l }));
  };
}

export class StickWatcher {
  private readonly events = new Emitter<StickEvent>();
  private readonly listDrives: () => Drive[];
  private readonly o: Required<Omit<StickWatcherOptions, 'listDrives'>>;
  private known = new Map<string, Drive>();
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;

  constructor(opts: StickWatcherOptions = {}) {
    this.o = {
      intervalMs: opts.intervalMs ?? 1000,
      limits: opts.limits ?? DEFAULT_TRUST_LIMITS,
    };
    this.listDrives =
      opts.listDrives ??
      (process.platform === 'win32'
        ? driveLetterDrives({ onAnswer: () => this.timer && this.poll() })
        : mountTableDrives());
  }

  on(listener: (e: StickEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): void {
    if (this.timer) return;
    this.poll();
    this.timer = setInterval(() => this.poll(), this.o.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at the drives (the timer calls it; tests may too). */
  poll(): void {
    const drives = this.safeList();
    if (!drives) return;
    const now = new Map(drives.map((d) => [key(d), d]));
    for (const [k, d] of this.known) {
      if (!now.has(k)) this.events.emit({ type: 'stick-removed', mountPoint: d.mountPoint, at: Date.now() });
    }
    for (const [k, d] of now) if (!this.known.has(k)) this.arrived(d);
    this.known = now;
  }

  private arrived(d: Drive): void {
    try {
      const found = findTrustFiles(d.mountPoint, this.o.limits);
      this.events.emit({
        type: 'trust-stick',
        mountPoint: d.mountPoint,
        device: d.device,
        ...found,
        at: Date.now(),
      });
    } catch (err) {
      this.events.emit({
        type: 'error',
        scanner: 'usb',
        code: 'STICK_UNREADABLE',
        message: `${d.mountPoint}: ${(err as Error).message}`,
        at: Date.now(),
      });
    }
  }

  private safeList(): Drive[] | null {
    try {
      const drives = this.listDrives();
      this.lastError = null;
      return drives;
    } catch (err) {
      const message = (err as Error).message;
      if (message !== this.lastError)
        this.events.emit({
          type: 'error',
          scanner: 'usb',
          code: 'STICK_UNREADABLE',
          message,
          at: Date.now(),
        });
      this.lastError = message;
      return null;
    }
  }
}

const key = (d: Drive) => `${d.device}\u0000${d.mountPoint}`;
