/**
 * `openScanners`: the serial scanners of a headless desk (`listen`), opened here in the
 * composition root so the command line never reaches native-bridge itself.
 */
import type { ScannerEvent } from '../contract/bridge-events.ts';
import { ScannerHub } from '../../native-bridge/serial/scanner-hub.ts';

export interface ScannerTarget {
  /** A device path, COMn, or usb:VID:PID[:SERIAL]. */
  target: string;
  baudRate: number;
}

export interface Scanners {
  /** Opens every scanner; each event (scan, noise, connected, disconnected, error) goes to `onEvent`. */
  start(onEvent: (e: ScannerEvent) => void): void;
  stop(): Promise<void>;
}

/** Throws RangeError for a configuration that cannot work (a bad baud rate, the same scanner twice). */
export function openScanners(targets: ScannerTarget[]): Scanners {
  const hub = new ScannerHub(targets);
  return {
    start(onEvent) {
      hub.on(onEvent);
      hub.start();
    },
    stop: () => hub.stop(),
  };
}
