/** `ScannerHub`: several serial scanners at once, one merged event stream and their diagnostics. */
import type { ScannerDiagnostics, ScannerEvent, SerialPortInfo } from '../../main/contract/bridge-events.ts';
import { Emitter } from '../events.ts';
import { listSerialPorts } from './port-list.ts';
import { SerialScanner, type SerialScannerConfig, type SerialScannerDeps } from './serial-scanner.ts';

export interface BridgeDiagnostics {
  /** Every port the OS lists now, with its ids. */
  ports: SerialPortInfo[];
  scanners: ScannerDiagnostics[];
}

export class ScannerHub {
  private list: SerialScanner[] = [];
  private readonly events = new Emitter<ScannerEvent>();
  private readonly listPorts: () => Promise<SerialPortInfo[]>;
  private readonly deps: SerialScannerDeps;
  private started = false;

  constructor(configs: SerialScannerConfig[], deps: SerialScannerDeps = {}) {
    this.deps = deps;
    this.listPorts = deps.listPorts ?? listSerialPorts;
    const scanners = configs.map((c) => new SerialScanner(c, deps));
    const ids = scanners.map((s) => s.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new RangeError(`two scanners named '${dup}'`);
    for (const s of scanners) this.adopt(s);
  }

  /** The scanners now: the configured ones, and those added since (a scanner folder's). */
  get scanners(): readonly SerialScanner[] {
    return this.list;
  }

  on(listener: (e: ScannerEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): void {
    this.started = true;
    for (const s of this.list) s.start();
  }

  /** Adds a scanner (opened at once if the hub runs); false when one of that name is already here. Throws RangeError for a config that cannot work. */
  add(config: SerialScannerConfig): boolean {
    const s = new SerialScanner(config, this.deps);
    if (this.list.some((o) => o.id === s.id)) return false;
    this.adopt(s);
    if (this.started) s.start();
    return true;
  }

  /** Stops and drops the scanner of that name (its device is gone for good); false when there is none. */
  async remove(id: string): Promise<boolean> {
    const s = this.list.find((o) => o.id === id);
    if (!s) return false;
    this.list = this.list.filter((o) => o !== s);
    await s.stop();
    return true;
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.list.map((s) => s.stop()));
  }

  private adopt(s: SerialScanner): void {
    this.list.push(s);
    s.on((e) => {
      // A removed scanner's last words (its disconnect while stopping) are not the hub's any more.
      if (this.list.includes(s)) this.events.emit(e);
    });
  }

  async diagnostics(): Promise<BridgeDiagnostics> {
    let ports: SerialPortInfo[] = [];
    try {
      ports = await this.listPorts();
    } catch {
      // listing is best effort: the scanners' own counters still tell the story
    }
    return { ports, scanners: this.list.map((s) => s.diagnostics()) };
  }
}
