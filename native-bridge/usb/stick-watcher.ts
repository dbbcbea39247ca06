/**
 * `StickWatcher`: notices removable drives being mounted (Linux: polls the mount table;
 * Windows: new removable drive letters) and emits a trust-stick event listing the `.bmettrust`
 * files on each, or stick-removed. It installs nothing: the technician screen asks first.
 */
import { execFileSync } from 'node:child_process';
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
  /** Report drives already mounted when the watcher starts (a stick put in before the kiosk started). */
  reportExisting?: boolean;
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

/** Asks Windows the type of each logical disk (PowerShell, CIM); its output for `parseDriveTypes`. */
export function queryDriveTypes(): string {
  return execFileSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', DRIVE_TYPE_COMMAND], {
    encoding: 'utf8',
    timeout: 15_000,
    windowsHide: true,
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

/**
 * Windows: the removable drives among letters D: to Z: (A:, B: are floppies; C: the system).
 * Which letters answer is checked every look (cheap); their types are asked of Windows only
 * when a letter appears (a PowerShell start, about half a second), and kept while it stays.
 * If Windows cannot say, the new letters count as not removable and the error is thrown
 * once, so the watcher reports it instead of offering a fixed or network drive as a stick.
 */
export function driveLetterDrives(
  exists: (p: string) => boolean = fs.existsSync,
  driveTypes: () => string = queryDriveTypes,
): () => Drive[] {
  let typeOf = new Map<string, number>(); // the letters present at the last look
  return () => {
    const present: string[] = [];
    for (let c = 68; c <= 90; c++) {
      const letter = String.fromCharCode(c) + ':';
      if (exists(letter + '\\')) present.push(letter);
    }
    const previous = typeOf;
    typeOf = new Map(present.map((l) => [l, previous.get(l) ?? 0]));
    if (present.some((l) => !previous.has(l))) {
      const asked = parseDriveTypes(driveTypes()); // throws: the new letters stay "not removable"
      for (const l of present) typeOf.set(l, asked.get(l) ?? 0);
    }
    return present
      .filter((l) => typeOf.get(l) === REMOVABLE_DRIVE_TYPE)
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
      reportExisting: opts.reportExisting ?? true,
      limits: opts.limits ?? DEFAULT_TRUST_LIMITS,
    };
    this.listDrives =
      opts.listDrives ?? (process.platform === 'win32' ? driveLetterDrives() : mountTableDrives());
  }

  on(listener: (e: StickEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): void {
    if (this.timer) return;
    if (!this.o.reportExisting) for (const d of this.safeList() ?? []) this.known.set(key(d), d);
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
