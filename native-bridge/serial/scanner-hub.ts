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
  readonly scanners: SerialScanner[];
  private readonly events = new Emitter<ScannerEvent>();
  private readonly listPorts: () => Promise<SerialPortInfo[]>;

  constructor(configs: SerialScannerConfig[], deps: SerialScannerDeps = {}) {
    this.listPorts = deps.listPorts ?? listSerialPorts;
    this.scanners = configs.map((c) => new SerialScanner(c, deps));
    const ids = this.scanners.map((s) => s.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new RangeError(`two scanners named '${dup}'`);
    for (const s of this.scanners) s.on((e) => this.events.emit(e));
  }

  on(listener: (e: ScannerEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): void {
    for (const s of this.scanners) s.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.scanners.map((s) => s.stop()));
  }

  async diagnostics(): Promise<BridgeDiagnostics> {
    let ports: SerialPortInfo[] = [];
    try {
      ports = await this.listPorts();
    } catch {
      // listing is best effort: the scanners' own counters still tell the story
    }
    return { ports, scanners: this.scanners.map((s) => s.diagnostics()) };
  }
}
