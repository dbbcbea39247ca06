// Serial scanner byte-to-event latency over a socat pseudo-terminal: from the write of a
// card's last byte on the scanner's end to the bridge's scan event, against the same pty's
// raw round trip (serialport's first data chunk holding the terminator, no framing) measured
// in the same run, and the framer alone in-process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { ScanFramer } from '../native-bridge/serial/scan-framer.ts';
import { SerialScanner } from '../native-bridge/serial/serial-scanner.ts';
import { fmt, percentile, sampleMicros, type BenchSection } from './table.ts';

const SAMPLES = 400;
const TARGET_MEDIAN_MS = 5;

const card = (() => {
  const f = path.resolve(import.meta.dirname, '../../shared/vectors/cards.jsonl');
  if (fs.existsSync(f))
    return (JSON.parse(fs.readFileSync(f, 'utf8').split('\n')[0]!).qr as string).replace(/\r?\n$/, '');
  return 'BMET1:' + 'A'.repeat(530);
})();

async function socatPair(dir: string) {
  const scanner = path.join(dir, 'scanner'),
    host = path.join(dir, 'host');
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${scanner}`, `pty,raw,echo=0,link=${host}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => {
      err += d;
      if (err.includes('starting data transfer loop')) resolve();
    });
    proc.on('exit', (c) => reject(new Error(`socat exited ${c}: ${err}`)));
  });
  return {
    scanner,
    host,
    stop: () =>
      new Promise<void>((r) => {
        proc.once('exit', () => r());
        proc.kill('SIGTERM');
      }),
  };
}

async function open(p: string): Promise<SerialPort> {
  const port = new SerialPort({ path: p, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}
const close = (p: SerialPort) => new Promise<void>((r) => p.close(() => r()));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `payload` SAMPLES times, one at a time, timing each until `arrived` is signalled; ms, sorted. */
async function timeRoundTrips(
  dev: SerialPort,
  payload: Buffer,
  subscribe: (done: () => void) => void,
): Promise<Float64Array> {
  const out = new Float64Array(SAMPLES);
  let resolveOne: (() => void) | null = null;
  subscribe(() => resolveOne?.());
  for (let i = -20; i < SAMPLES; i++) {
    // 20 warm-up round trips
    const arrived = new Promise<void>((r) => (resolveOne = r));
    const t0 = process.hrtime.bigint();
    dev.write(payload);
    await arrived;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i >= 0) out[i] = ms;
    await pause(1);
  }
  return out.sort();
}

export async function run(): Promise<BenchSection> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-bench-serial-'));
  const payload = Buffer.from(card + '\r');

  // Baseline: the raw pty round trip, serialport on both ends, no framing.
  const a = await socatPair(dir);
  const rawHost = await open(a.host);
  const rawDev = await open(a.scanner);
  const raw = await timeRoundTrips(rawDev, payload, (done) => {
    let got = 0;
    rawHost.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= payload.length) {
        got = 0;
        done();
      }
    });
  });
  await close(rawDev);
  await close(rawHost);
  await a.stop();

  // The bridge: SerialScanner (open, framing, noise filter, events) on the same kind of pty.
  const b = await socatPair(fs.mkdtempSync(path.join(dir, 'b-')));
  const scanner = new SerialScanner({ id: 'bench', target: b.host, baudRate: 115200 });
  const connected = new Promise<void>((r) => scanner.on((e) => e.type === 'connected' && r()));
  scanner.start();
  await connected;
  const dev = await open(b.scanner);
  let wrong = 0;
  const bridge = await timeRoundTrips(dev, payload, (done) =>
    scanner.on((e) => {
      if (e.type !== 'scan') return;
      if (e.text !== card) wrong++;
      done();
    }),
  );
  await close(dev);
  await scanner.stop();
  await b.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  const framer = new ScanFramer();
  const framerUs = sampleMicros(20_000, () => framer.push(payload));

  const med = percentile(bridge, 50);
  return {
    title: `Serial scanner: byte-to-event latency over a socat pty (${payload.length}-byte scan, ${SAMPLES} samples)`,
    rows: [
      {
        name: 'raw pty round trip (serialport both ends, no framing) — baseline',
        median: `${fmt(percentile(raw, 50), 3)} ms`,
        p99: `${fmt(percentile(raw, 99), 3)} ms`,
      },
      {
        name: 'write → scan event (SerialScanner: framing, noise filter, event)',
        median: `${fmt(med, 3)} ms`,
        p99: `${fmt(percentile(bridge, 99), 3)} ms`,
      },
      {
        name: 'ScanFramer.push alone (in-process)',
        median: `${fmt(percentile(framerUs, 50), 2)} µs`,
        p99: `${fmt(percentile(framerUs, 99), 2)} µs`,
      },
    ],
    targets: [
      {
        what: `median byte-to-event latency <= ${TARGET_MEDIAN_MS} ms`,
        met: med <= TARGET_MEDIAN_MS,
        detail: `median ${fmt(med, 3)} ms, ${fmt(med / percentile(raw, 50), 2)}× the raw round trip`,
      },
      { what: 'every scan arrived intact', met: wrong === 0, detail: `${wrong} wrong of ${SAMPLES + 20}` },
    ],
    notes: ['Both paths cross the same socat relay; the difference between them is what the bridge adds.'],
  };
}
