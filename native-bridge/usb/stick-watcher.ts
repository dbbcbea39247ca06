/**
 * `StickWatcher`: notices removable drives being mounted (Linux: polls the mount table;
 * Windows: new drive letters) and emits a trust-stick event listing the `.bmettrust`
 * files on each, or stick-removed. It installs nothing: the technician screen asks first.
 */
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

/** Windows: every drive letter D: to Z: that answers (A:, B: are floppies; C: the system). */
export function driveLetterDrives(exists: (p: string) => boolean = fs.existsSync): () => Drive[] {
  return () => {
    const out: Drive[] = [];
    for (let c = 68; c <= 90; c++) {
      const letter = String.fromCharCode(c) + ':';
      if (exists(letter + '\\')) out.push({ mountPoint: letter + '\\', device: letter });
    }
    return out;
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
