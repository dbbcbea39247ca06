/**
 * `SerialScanner`: one serial (CDC-ACM) scanner, opened by path or USB ids, read into
 * typed scan/noise/connected/disconnected/error events; reopened with backoff after it
 * is unplugged, for as long as it is running.
 */
import { SerialPort } from 'serialport';
import type {
  BridgeErrorCode,
  ScannerDiagnostics,
  ScannerEvent,
  SerialPortInfo,
} from '../../main/contract/bridge-events.ts';
import { Emitter } from '../events.ts';
import { HANGUP_AWARE_BINDING } from './hangup-binding.ts';
import {
  findPort,
  listSerialPorts,
  openPathOf,
  parseScannerTarget,
  targetLabel,
  type ScannerTarget,
} from './port-list.ts';
import { ScanFramer, type FramingOptions } from './scan-framer.ts';

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialScannerConfig {
  /** A name for the events and diagnostics; defaults to the target. */
  id?: string;
  /** A path (/dev/ttyACM0, a /dev/serial/by-id link, COM3) or usb:VID:PID[:SERIAL]. */
  target: string;
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: Parity;
  rtscts?: boolean;
  framing?: Partial<FramingOptions>;
  /** Reopen delays after a loss: starts at initialMs, doubles up to maxMs. */
  reconnect?: { initialMs: number; maxMs: number };
}

export interface SerialScannerDeps {
  /** Where usb:VID:PID targets are looked up (tests inject a list). */
  listPorts?: () => Promise<SerialPortInfo[]>;
  /**
   * Runs a reopen attempt after `ms`; returns its cancel. Default: setTimeout. Tests pass their own,
   * so they step through retries one by one instead of waiting on the clock.
   */
  retryAfter?: (attempt: () => void, ms: number) => () => void;
}

const timerRetry = (attempt: () => void, ms: number) => {
  const t = setTimeout(attempt, ms);
  return () => clearTimeout(t);
};

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];
const LAST_BYTES = 64;

export class SerialScanner {
  readonly id: string;
  private readonly target: ScannerTarget;
  private readonly cfg: Required<Omit<SerialScannerConfig, 'id' | 'framing'>>;
  private readonly framer: ScanFramer;
  private readonly events = new Emitter<ScannerEvent>();
  private readonly listPorts: () => Promise<SerialPortInfo[]>;
  private port: SerialPort | null = null;
  private openPath: string | null = null;
  private running = false;
  private readonly retryAfter: NonNullable<SerialScannerDeps['retryAfter']>;
  private cancelRetry: (() => void) | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private everConnected = false;
  private lastReported: string | null = null;
  private last = Buffer.alloc(0);
  private readonly d: ScannerDiagnostics;

  constructor(config: SerialScannerConfig, deps: SerialScannerDeps = {}) {
    this.target = parseScannerTarget(config.target);
    this.id = config.id ?? targetLabel(this.target);
    this.cfg = {
      target: config.target,
      baudRate: config.baudRate ?? 9600,
      dataBits: config.dataBits ?? 8,
      stopBits: config.stopBits ?? 1,
      parity: config.parity ?? 'none',
      rtscts: config.rtscts ?? false,
      reconnect: config.reconnect ?? { initialMs: 250, maxMs: 2000 },
    };
    if (!BAUDS.includes(this.cfg.baudRate))
      throw new RangeError(`baud rate ${this.cfg.baudRate} is not one of ${BAUDS.join(', ')}`);
    if (![5, 6, 7, 8].includes(this.cfg.dataBits)) throw new RangeError('dataBits must be 5, 6, 7 or 8');
    if (![1, 1.5, 2].includes(this.cfg.stopBits)) throw new RangeError('stopBits must be 1, 1.5 or 2');
    if (!['none', 'even', 'odd', 'mark', 'space'].includes(this.cfg.parity))
      throw new RangeError('parity must be none, even, odd, mark or space');
    const { initialMs, maxMs } = this.cfg.reconnect;
    if (!(initialMs > 0 && maxMs >= initialMs))
      throw new RangeError('reconnect wants 0 < initialMs <= maxMs');
    this.framer = new ScanFramer(config.framing);
    this.listPorts = deps.listPorts ?? listSerialPorts;
    this.retryAfter = deps.retryAfter ?? timerRetry;
    this.delayMs = initialMs;
    this.d = {
      scanner: this.id,
      configured: targetLabel(this.target),
      path: null,
      connected: false,
      vendorId: null,
      productId: null,
      serialNumber: null,
      lastBytesHex: '',
      bytesIn: 0,
      scans: 0,
      noiseBytes: 0,
      overlong: 0,
      reconnects: 0,
      lastError: null,
    };
  }

  on(listener: (e: ScannerEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Starts trying to open; returns at once. Not finding the scanner is an event, not an error. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tryOpen();
  }

  /** Closes the port and stops reopening; resolves when the port is closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelRetry?.();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.cancelRetry = this.idleTimer = null;
    const port = this.port;
    if (!port) return;
    this.port = null;
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
    this.lost('closed');
  }

  diagnostics(): ScannerDiagnostics {
    return {
      ...this.d,
      lastBytesHex: this.last.toString('hex'),
      lastError: this.d.lastError && { ...this.d.lastError },
    };
  }

  private tryOpen(): void {
    this.attempt().catch((err: Error) => this.fail('SCANNER_OPEN_FAILED', err.message));
  }

  private async attempt(): Promise<void> {
    this.cancelRetry = null;
    if (!this.running || this.port) return;
    let path: string;
    let info: SerialPortInfo | null = null;
    if (this.target.kind === 'path') {
      path = this.target.path;
    } else {
      try {
        info = findPort(this.target, await this.listPorts());
      } catch (err) {
        // Not "no such scanner": the kiosk cannot look at all (no udevadm, no permission).
        return this.fail('PORT_LIST_FAILED', `listing serial ports failed: ${(err as Error).message}`);
      }
      if (!this.running) return;
      if (!info)
        return this.fail(
          'SCANNER_NOT_FOUND',
          `no serial port with USB id ${targetLabel(this.target).slice(4)}`,
        );
      path = openPathOf(info);
    }
    const port = new SerialPort({
      // Not serialport's own binding: its reads spin on a hung-up device instead of reporting the unplug.
      ...({ binding: HANGUP_AWARE_BINDING } as object),
      path,
      autoOpen: false,
      baudRate: this.cfg.baudRate,
      dataBits: this.cfg.dataBits,
      stopBits: this.cfg.stopBits,
      parity: this.cfg.parity,
      rtscts: this.cfg.rtscts,
    });
    const err = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e ?? null)));
    if (err) {
      const code: BridgeErrorCode = /ENOENT|No such file|cannot find/i.test(err.message)
        ? 'SCANNER_NOT_FOUND'
        : 'SCANNER_OPEN_FAILED';
      return this.fail(code, err.message);
    }
    if (!this.running) {
      port.close();
      return;
    }
    this.port = port;
    this.openPath = path;
    if (this.everConnected) this.d.reconnects++;
    this.everConnected = true;
    this.delayMs = this.cfg.reconnect.initialMs;
    this.lastReported = null;
    Object.assign(this.d, {
      path,
      connected: true,
      vendorId: info?.vendorId ?? this.d.vendorId,
      productId: info?.productId ?? this.d.productId,
      serialNumber: info?.serialNumber ?? this.d.serialNumber,
    });
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('error', (e: Error) => this.report('SCANNER_READ_FAILED', e.message));
    port.on('close', () => {
      if (this.port !== port) return; // stop() closed it
      this.port = null;
      this.lost('unplugged');
      this.schedule();
    });
    this.events.emit({
      type: 'connected',
      scanner: this.id,
      path,
      reconnects: this.d.reconnects,
      at: Date.now(),
    });
  }

  private onData(chunk: Buffer): void {
    const at = Date.now();
    this.d.bytesIn += chunk.length;
    this.last = Buffer.concat([this.last, chunk]);
    if (this.last.length > LAST_BYTES) this.last = this.last.subarray(this.last.length - LAST_BYTES);
    this.deliver(this.framer.push(chunk), at);
    const ms = this.framer.opts.interByteTimeoutMs;
    if (ms) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = this.framer.hasPending ? setTimeout(() => this.onIdle(), ms) : null;
    }
  }

  private onIdle(): void {
    this.idleTimer = null;
    this.deliver(this.framer.idle(), Date.now());
  }

  private deliver(outputs: ReturnType<ScanFramer['push']>, at: number): void {
    for (const o of outputs) {
      if (o.kind === 'noise') {
        this.d.noiseBytes += o.bytes;
        this.events.emit({ type: 'noise', scanner: this.id, bytes: o.bytes, hex: o.hex, at });
      } else {
        this.d.scans++;
        if (o.overlong) this.d.overlong++;
        this.events.emit({
          type: 'scan',
          scanner: this.id,
          source: 'serial',
          text: o.text,
          ...(o.overlong ? { overlong: true } : {}),
          at,
        });
      }
    }
  }

  private lost(reason: 'unplugged' | 'closed'): void {
    if (!this.d.connected) return;
    this.d.connected = false;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.framer.idle(); // a half-read scan from before the loss is not a scan
    this.events.emit({
      type: 'disconnected',
      scanner: this.id,
      path: this.openPath ?? '',
      reason,
      at: Date.now(),
    });
  }

  private fail(code: BridgeErrorCode, message: string): void {
    // While the scanner stays away, say so once, not on every retry.
    const key = `${code}:${message}`;
    if (key !== this.lastReported) this.report(code, message, Date.now() + this.delayMs);
    this.lastReported = key;
    this.schedule();
  }

  private report(code: BridgeErrorCode, message: string, retryAt?: number): void {
    const at = Date.now();
    this.d.lastError = { code, message, at };
    this.events.emit({ type: 'error', scanner: this.id, code, message, ...(retryAt ? { retryAt } : {}), at });
  }

  private schedule(): void {
    if (!this.running || this.cancelRetry) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.cfg.reconnect.maxMs);
    this.cancelRetry = this.retryAfter(() => this.tryOpen(), delay);
  }
}
