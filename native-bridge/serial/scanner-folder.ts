/**
 * `ScannerFolder`: the serial scanners a folder of device links names, found as they are
 * plugged in and let go when unplugged. The appliance's udev rules link each CDC-ACM scanner
 * as /dev/bmet/scanner-acm-<usb port> and remove the link with the device, so a desk needs
 * no configuration: a scanner plugged into any port is read. It opens nothing itself: the
 * hub opens what it reports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Emitter } from '../events.ts';

/** The appliance's folder of scanner links (appliance/udev/70-bmet-kiosk.rules). */
export const APPLIANCE_SCANNER_FOLDER = '/dev/bmet';
/** CDC-ACM scanners' links; the rules' HID-POS links (scanner-hid-*) are not serial ports. */
export const SCANNER_LINK_PREFIX = 'scanner-acm-';
/** A desk has one or two; more links than this is not a desk, and the rest are left unopened. */
export const MAX_FOLDER_SCANNERS = 8;

export type ScannerFolderEvent =
  | { type: 'added'; path: string }
  | { type: 'removed'; path: string }
  /** The folder could not be read (not: it does not exist yet, which is "nothing plugged in"), or holds too many links. */
  | { type: 'error'; message: string }
  /** The problem last said is over. */
  | { type: 'ok' };

export interface ScannerFolderOptions {
  dir: string;
  /** How often to look (ms); udev makes and removes the links, which no event tells us. */
  intervalMs?: number;
}

export class ScannerFolder {
  private readonly events = new Emitter<ScannerFolderEvent>();
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** The last problem said, so a folder that stays unreadable is said once, not every look. */
  private said: string | null = null;
  private readonly o: ScannerFolderOptions;

  constructor(o: ScannerFolderOptions) {
    this.o = o;
  }

  on(listener: (e: ScannerFolderEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Looks at once (scanners plugged in before the kiosk started), then every intervalMs. */
  start(): void {
    if (this.timer) return;
    this.look();
    this.timer = setInterval(() => this.look(), this.o.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look now: what appeared and went since the last. (start() looks every intervalMs.) */
  look(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.o.dir);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      // udev makes the folder with the first link and may remove it with the last.
      if (e.code === 'ENOENT') names = [];
      else return this.say(`cannot read ${this.o.dir}: ${e.message}`);
    }
    const links = names.filter((n) => n.startsWith(SCANNER_LINK_PREFIX)).sort();
    if (links.length > MAX_FOLDER_SCANNERS)
      this.say(
        `${links.length} scanner links in ${this.o.dir}; the first ${MAX_FOLDER_SCANNERS} are read, the rest left alone`,
      );
    else if (this.said !== null) {
      this.said = null;
      this.events.emit({ type: 'ok' });
    }
    const now = new Set(links.slice(0, MAX_FOLDER_SCANNERS).map((n) => path.join(this.o.dir, n)));
    for (const p of [...this.known])
      if (!now.has(p)) {
        this.known.delete(p);
        this.events.emit({ type: 'removed', path: p });
      }
    for (const p of now)
      if (!this.known.has(p)) {
        this.known.add(p);
        this.events.emit({ type: 'added', path: p });
      }
  }

  private say(message: string): void {
    if (message === this.said) return;
    this.said = message;
    this.events.emit({ type: 'error', message });
  }
}
