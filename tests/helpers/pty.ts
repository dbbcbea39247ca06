/** Pseudo-terminal pairs made by socat, standing in for a serial scanner plugged into the kiosk. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { vi } from 'vitest';

/**
 * Tests that drive socat and serial ports wait on events; their one guard against a hang is the
 * test's timeout, set wide because a busy 2-core machine can take minutes where an idle one takes a second.
 */
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

export interface PtyPair {
  /** The scanner's end: write scans here. */
  scanner: string;
  /** The kiosk's end: the path the bridge opens. */
  host: string;
  /** Kills socat (the scanner is unplugged): both links disappear. */
  unplug(): Promise<void>;
  /** Starts socat again with the same links (the scanner comes back). */
  plug(): Promise<void>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'bmet-pty-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A socat pty pair with links `<dir>/<name>-scanner` and `<dir>/<name>-host`. */
export async function ptyPair(dir: string, name = 'scanner'): Promise<PtyPair> {
  const scanner = path.join(dir, `${name}-scanner`);
  const host = path.join(dir, `${name}-host`);
  let proc: ChildProcess | null = null;

  const plug = () =>
    new Promise<void>((resolve, reject) => {
      const p = spawn(
        'socat',
        ['-d', '-d', `pty,raw,echo=0,link=${scanner}`, `pty,raw,echo=0,link=${host}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      proc = p;
      let err = '';
      p.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('starting data transfer loop')) resolve(); // both ptys and links exist
      });
      p.on('exit', (code) => reject(new Error(`socat exited ${code}: ${err}`)));
      p.on('error', reject);
    });

  const unplug = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM'); // by pid: only the socat this helper started
    });
  };

  await plug();
  return { scanner, host, unplug, plug, close: unplug };
}

/** Opens the scanner end with serialport, so writes are asynchronous and back-pressured like a device's. */
export async function openScannerEnd(p: string): Promise<SerialPort> {
  const port = new SerialPort({ path: p, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('error', () => {}); // the other end vanishing is part of the tests
  return port;
}

export function writeAll(port: SerialPort, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(data, (e) => (e ? reject(e) : port.drain((e2) => (e2 ? reject(e2) : resolve()))));
  });
}

export function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/** Collects events and lets a test wait for one (the wait's limit is a guard against a hang, never a measure of speed). */
export class EventLog<E> {
  readonly all: E[] = [];
  private waiters: { pred: (e: E) => boolean; resolve: (e: E) => void }[] = [];

  readonly push = (e: E): void => {
    this.all.push(e);
    for (const w of [...this.waiters]) {
      if (w.pred(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };

  /** Resolves with the first event (already seen after `from`, or future) matching `pred`. */
  waitFor(pred: (e: E) => boolean, from = 0, limitMs = 240_000): Promise<E> {
    const seen = this.all.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new Error(`no matching event within ${limitMs} ms; got ${JSON.stringify(this.all.slice(-5))}`),
          ),
        limitMs,
      );
      this.waiters.push({
        pred,
        resolve: (e) => {
          clearTimeout(t);
          resolve(e);
        },
      });
    });
  }

  count(pred: (e: E) => boolean): number {
    return this.all.filter(pred).length;
  }
}
