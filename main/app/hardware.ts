/**
 * `KioskHardware`: the running kiosk's serial scanners (a ScannerHub) and USB trust-stick
 * watcher, turned into what the screens read: scanner states for the status strip, the
 * technician's diagnostics, and the sticks with trust files. Scans and changes are events
 * (`on`) that the service subscribes to; it decides nothing itself.
 */
import type {
  ScanEvent,
  SerialPortInfo,
  StickEvent,
  TrustFileCandidate,
  BridgeErrorCode,
} from '../contract/bridge-events.ts';
import type { DiagnosticsReport, ScannerState, StickInfo } from '../contract/technician.ts';
import { listSerialPorts } from '../../native-bridge/serial/port-list.ts';
import { ScannerHub } from '../../native-bridge/serial/scanner-hub.ts';
import {
  ScannerFolder,
  type ScannerFolderEvent,
  type ScannerFolderOptions,
} from '../../native-bridge/serial/scanner-folder.ts';
import type { SerialScannerConfig } from '../../native-bridge/serial/serial-scanner.ts';
import { StickWatcher, type StickWatcherOptions } from '../../native-bridge/usb/stick-watcher.ts';
import { Emitter } from '../../native-bridge/events.ts';

/** A port list older than this is taken again when the technician asks for diagnostics. */
const PORTS_FRESH_MS = 2000;

export interface KioskHardwareOptions {
  serial: SerialScannerConfig[];
  /** A folder of scanner links whose scanners are opened as they appear (the appliance's /dev/bmet); null: none. */
  scannerFolder?: ScannerFolderOptions | null;
  /** null: sticks are not watched. */
  usb: StickWatcherOptions | null;
  listPorts?: () => Promise<SerialPortInfo[]>;
}

/**
 * What the hardware tells whoever listens (the service, wired by boot): a serial scan; that
 * a scanner's state, the port list or the USB watcher's health changed; the sticks now offered.
 * The hardware knows nothing of the service.
 */
export type HardwareEvent =
  { type: 'scan'; scan: ScanEvent } | { type: 'changed' } | { type: 'sticks'; sticks: StickInfo[] };

type Problem = { code: BridgeErrorCode; message: string; at: string };
const iso = (ms: number) => new Date(ms).toISOString();

export class KioskHardware {
  private readonly o: KioskHardwareOptions;
  private readonly events = new Emitter<HardwareEvent>();
  private readonly hub: ScannerHub | null;
  private readonly watcher: StickWatcher | null;
  private readonly folder: ScannerFolder | null;
  private folderError: Problem | null = null;
  private readonly errors = new Map<string, Problem>();
  private readonly lastNoise = new Map<string, string>();
  private readonly sticks = new Map<string, StickInfo>();
  private usbError: Problem | null = null;
  private ports: SerialPortInfo[] = [];
  private portsListedAt: number | null = null;
  private portsError: Problem | null = null;
  private listing = false;
  private stopped = false;

  /** Throws RangeError for a scanner configuration that cannot work (a bad baud rate, two alike). */
  constructor(o: KioskHardwareOptions) {
    this.o = o;
    this.hub =
      o.serial.length || o.scannerFolder
        ? new ScannerHub(o.serial, o.listPorts ? { listPorts: o.listPorts } : {})
        : null;
    this.folder = o.scannerFolder ? new ScannerFolder(o.scannerFolder) : null;
    this.watcher = o.usb ? new StickWatcher(o.usb) : null;
  }

  /** Subscribes to the hardware's events; returns the function that unsubscribes. */
  on(listener: (e: HardwareEvent) => void): () => void {
    return this.events.on(listener);
  }

  private changed(): void {
    this.events.emit({ type: 'changed' });
  }

  start(): void {
    this.hub?.on((e) => {
      switch (e.type) {
        case 'scan':
          return this.events.emit({ type: 'scan', scan: e });
        case 'noise':
          this.lastNoise.set(e.scanner, iso(e.at));
          return this.changed();
        case 'connected':
          this.errors.delete(e.scanner);
          this.refreshPorts();
          return this.changed();
        case 'disconnected':
          this.refreshPorts();
          return this.changed();
        case 'error':
          this.errors.set(e.scanner, { code: e.code, message: e.message, at: iso(e.at) });
          return this.changed();
      }
    });
    this.watcher?.on((e) => this.onStick(e));
    this.folder?.on((e) => this.onFolder(e));
    this.hub?.start();
    this.folder?.start();
    this.watcher?.start();
    this.refreshPorts();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.stop();
    this.folder?.stop();
    await this.hub?.stop();
  }

  scannerStates(): ScannerState[] {
    return (this.hub?.scanners ?? []).map((s) => {
      const d = s.diagnostics();
      return {
        scanner: d.scanner,
        configured: d.configured,
        connected: d.connected,
        path: d.path,
        lastError: this.errors.get(d.scanner) ?? null,
        noiseBytes: d.noiseBytes,
        lastNoiseAt: this.lastNoise.get(d.scanner) ?? null,
        scans: d.scans,
      };
    });
  }

  diagnostics(): DiagnosticsReport {
    if (this.portsListedAt === null || Date.now() - this.portsListedAt > PORTS_FRESH_MS) this.refreshPorts();
    return {
      ports: this.ports,
      portsListedAt: this.portsListedAt === null ? null : iso(this.portsListedAt),
      portsError: this.portsError,
      scanners: (this.hub?.scanners ?? []).map((s) => s.diagnostics()),
      usb: { watching: this.watcher !== null, lastError: this.usbError },
      scannerFolder: this.o.scannerFolder
        ? { dir: this.o.scannerFolder.dir, lastError: this.folderError }
        : null,
    };
  }

  trustSticks(): StickInfo[] {
    return [...this.sticks.values()];
  }

  /** The candidate a technician picked, only if a stick mounted now offered it. */
  candidate(mountPoint: string, relative: string): { file: TrustFileCandidate; root: string } | null {
    const file = this.sticks.get(mountPoint)?.files.find((f) => f.relative === relative);
    return file ? { file, root: mountPoint } : null;
  }

  /** A scanner link appeared (open it), went (its device is unplugged: drop it) or the folder cannot be read. */
  private onFolder(e: ScannerFolderEvent): void {
    const hub = this.hub!;
    if (e.type === 'error' || e.type === 'ok') {
      this.folderError =
        e.type === 'error' ? { code: 'PORT_LIST_FAILED', message: e.message, at: iso(Date.now()) } : null;
      this.changed();
    } else if (e.type === 'added') {
      hub.add({ target: e.path });
      this.changed();
    } else {
      // A folder scanner's name is its link's path. Its reads have already ended with the device;
      // stopping it ends its reopen attempts.
      const forget = () => {
        this.errors.delete(e.path);
        this.lastNoise.delete(e.path);
        if (!this.stopped) this.changed();
      };
      hub.remove(e.path).then(forget, (err: unknown) => {
        process.emitWarning(`stopping scanner ${e.path} failed: ${String(err)}`);
        forget();
      });
    }
  }

  private onStick(e: StickEvent): void {
    if (e.type === 'error') {
      this.usbError = { code: e.code, message: e.message, at: iso(e.at) };
      this.changed();
      return;
    }
    if (e.type === 'trust-stick') {
      this.sticks.set(e.mountPoint, {
        mountPoint: e.mountPoint,
        device: e.device,
        files: e.files,
        skipped: e.skipped,
        at: iso(e.at),
      });
    } else {
      this.sticks.delete(e.mountPoint);
    }
    this.events.emit({ type: 'sticks', sticks: this.trustSticks() });
  }

  /** Lists the ports in the background (the OS call is asynchronous; the screens get a status event when it is done). */
  private refreshPorts(): void {
    if (this.listing || this.stopped) return;
    this.listing = true;
    const list = this.o.listPorts ?? listSerialPorts;
    list()
      .then(
        (ports) => {
          this.ports = ports;
          this.portsError = null;
        },
        (err: unknown) => {
          // An empty list would read as "no scanner plugged in": say the listing itself failed, and why.
          this.ports = [];
          this.portsError = {
            code: 'PORT_LIST_FAILED',
            message: err instanceof Error ? err.message : String(err),
            at: iso(Date.now()),
          };
        },
      )
      .finally(() => {
        this.listing = false;
        this.portsListedAt = Date.now();
        if (!this.stopped) this.changed();
      });
  }
}
