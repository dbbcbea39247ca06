// The real serialport reading socat pseudo-terminals: scans in, typed events out, through
// bursts, noise, split writes, unplugging and replugging, several scanners, USB ids.
import fs from 'node:fs';
import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanEvent, ScannerEvent } from '../../../main/contract/bridge-events.ts';
import { ScannerHub } from '../../../native-bridge/serial/scanner-hub.ts';
import { PortListError } from '../../../native-bridge/serial/port-list.ts';
import { SerialScanner } from '../../../native-bridge/serial/serial-scanner.ts';
import {
  closePort,
  EventLog,
  openScannerEnd,
  ptyPair,
  tempDir,
  writeAll,
  type PtyPair,
} from '../../helpers/pty.ts';

const cards: string[] = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l).qr as string).replace(/\r?\n$/, '')); // one vector carries a scanner's CR LF
const isScan = (e: ScannerEvent): e is ScanEvent => e.type === 'scan';
const fast = { initialMs: 50, maxMs: 200 };

describe('SerialScanner over socat pseudo-terminals', () => {
  let dir: string;
  let pair: PtyPair;
  let scanner: SerialScanner;
  let dev: SerialPort;
  const log = new EventLog<ScannerEvent>();

  beforeAll(async () => {
    dir = tempDir();
    pair = await ptyPair(dir);
    scanner = new SerialScanner({ id: 'desk-1', target: pair.host, baudRate: 115200, reconnect: fast });
    scanner.on(log.push);
    scanner.start();
    await log.waitFor((e) => e.type === 'connected');
    dev = await openScannerEnd(pair.scanner);
  });
  afterAll(async () => {
    await scanner?.stop();
    if (dev) await closePort(dev);
    await pair?.close();
  });

  it('turns each CR-terminated card into one scan event with the exact text', async () => {
    const from = log.all.length;
    await writeAll(
      dev,
      cards
        .slice(0, 5)
        .map((c) => c + '\r\n')
        .join(''),
    );
    await log.waitFor((e) => isScan(e) && e.text === cards[4], from);
    const got = log.all.slice(from).filter(isScan);
    expect(got.map((e) => e.text)).toEqual(cards.slice(0, 5));
    expect(got.every((e) => e.scanner === 'desk-1' && e.source === 'serial' && !e.overlong)).toBe(true);
  });

  it('loses none of a burst of 1,000 scans', async () => {
    const from = log.all.length;
    const sent = Array.from({ length: 1000 }, (_, i) => `${cards[i % cards.length]}#${i}`);
    await writeAll(dev, sent.map((s) => s + '\r').join(''));
    await log.waitFor((e) => isScan(e) && e.text === sent[999], from);
    expect(
      log.all
        .slice(from)
        .filter(isScan)
        .map((e) => e.text),
    ).toEqual(sent);
  });

  it('drops noise between scans, counted, without touching the scans', async () => {
    const from = log.all.length;
    const before = scanner.diagnostics().noiseBytes;
    await writeAll(
      dev,
      Buffer.concat([
        Buffer.from([0x00, 0xff, 0xfe]),
        Buffer.from(cards[0] + '\r'),
        Buffer.from([0x07, 0x1b, 0x00, 0x00]),
        Buffer.from(cards[1] + '\r'),
        Buffer.from([0x80, 0x81]),
      ]),
    );
    await log.waitFor((e) => e.type === 'noise' && e.hex.includes('8081'), from);
    expect(
      log.all
        .slice(from)
        .filter(isScan)
        .map((e) => e.text),
    ).toEqual([cards[0], cards[1]]);
    expect(scanner.diagnostics().noiseBytes - before).toBe(9);
    expect(
      log.all
        .slice(from)
        .filter((e) => e.type === 'noise')
        .map((e) => (e as { hex: string }).hex)
        .join(''),
    ).toBe('00fffe071b00008081');
  });

  it('puts a scan split across many small writes back together', async () => {
    const from = log.all.length;
    const bytes = Buffer.from(cards[2] + '\r');
    for (let i = 0; i < bytes.length; i += 3) {
      await writeAll(dev, bytes.subarray(i, i + 3));
      await new Promise((r) => setTimeout(r, 1));
    }
    const e = await log.waitFor(isScan, from);
    expect(e).toMatchObject({ type: 'scan', text: cards[2] });
    expect(log.all.slice(from).filter(isScan)).toHaveLength(1);
  });

  it('sees the port vanish and come back (socat killed and restarted) without being restarted', async () => {
    const from = log.all.length;
    await closePort(dev);
    await pair.unplug();
    await log.waitFor((e) => e.type === 'disconnected', from);
    expect(scanner.diagnostics().connected).toBe(false);
    await pair.plug();
    const c = await log.waitFor((e) => e.type === 'connected', from);
    expect(c).toMatchObject({ scanner: 'desk-1', reconnects: 1 });
    dev = await openScannerEnd(pair.scanner);
    const after = log.all.length;
    await writeAll(dev, cards[3] + '\r');
    expect(await log.waitFor(isScan, after)).toMatchObject({ text: cards[3] });
  });

  it('keeps diagnostics: last raw bytes in hex, scans, noise, reconnects', () => {
    const d = scanner.diagnostics();
    expect(d).toMatchObject({
      scanner: 'desk-1',
      path: pair.host,
      connected: true,
      reconnects: 1,
      configured: pair.host,
    });
    expect(d.scans).toBe(5 + 1000 + 2 + 1 + 1);
    expect(d.lastBytesHex).toBe(
      Buffer.from(cards[3] + '\r')
        .subarray(-64)
        .toString('hex'),
    );
  });
});

/** Stands in for the retry timer: the test runs each reopen attempt itself, so no clock decides how many there were. */
class Retries {
  private queue: (() => void)[] = [];
  private waiting: (() => void) | null = null;
  readonly retryAfter = (attempt: () => void): (() => void) => {
    this.queue.push(attempt);
    this.waiting?.();
    this.waiting = null;
    return () => (this.queue = this.queue.filter((a) => a !== attempt));
  };
  /** Resolves once the scanner has asked for a retry (its last attempt has finished). */
  async asked(): Promise<void> {
    while (!this.queue.length) await new Promise<void>((resolve) => (this.waiting = resolve));
  }
  /** Waits for the scanner to ask for a retry, then runs it. */
  async runNext(): Promise<void> {
    await this.asked();
    this.queue.shift()!();
  }
}

describe('SerialScanner while the scanner stays away', () => {
  it('reports the absence once, however many retries find nothing; again after it came back and left', async () => {
    const pair = await ptyPair(tempDir(), 'away');
    const retries = new Retries();
    const s = new SerialScanner({ id: 'away', target: pair.host }, { retryAfter: retries.retryAfter });
    const log = new EventLog<ScannerEvent>();
    s.on(log.push);
    s.start();
    const errors = () => log.all.filter((e) => e.type === 'error');
    try {
      await log.waitFor((e) => e.type === 'connected');
      await pair.unplug();
      await log.waitFor((e) => e.type === 'disconnected');
      for (let i = 0; i < 5; i++) await retries.runNext();
      await retries.asked(); // the fifth attempt found nothing too
      expect(errors()).toEqual([expect.objectContaining({ code: 'SCANNER_NOT_FOUND', scanner: 'away' })]);

      await pair.plug();
      const from = log.all.length;
      await retries.runNext();
      expect(await log.waitFor((e) => e.type === 'connected', from)).toMatchObject({ reconnects: 1 });

      await pair.unplug();
      await log.waitFor((e) => e.type === 'disconnected', from);
      for (let i = 0; i < 3; i++) await retries.runNext();
      await retries.asked();
      expect(errors().map((e) => e.type === 'error' && e.code)).toEqual([
        'SCANNER_NOT_FOUND',
        'SCANNER_NOT_FOUND',
      ]);
    } finally {
      await s.stop();
      await pair.close();
    }
  });
});

describe('ScannerHub', () => {
  it('reads several scanners at once and tells them apart', async () => {
    const dir = tempDir();
    const pairs = await Promise.all(['a', 'b', 'c'].map((n) => ptyPair(dir, n)));
    const hub = new ScannerHub(pairs.map((p, i) => ({ id: `s${i}`, target: p.host, reconnect: fast })));
    const log = new EventLog<ScannerEvent>();
    let devs: SerialPort[] = [];
    hub.on(log.push);
    hub.start();
    try {
      for (const id of ['s0', 's1', 's2'])
        await log.waitFor((e) => e.type === 'connected' && e.scanner === id);
      devs = await Promise.all(pairs.map((p) => openScannerEnd(p.scanner)));
      await Promise.all(
        devs.map((d, i) => writeAll(d, Array.from({ length: 50 }, (_, k) => `S${i}-${k}\r`).join(''))),
      );
      for (const i of [0, 1, 2]) await log.waitFor((e) => isScan(e) && e.text === `S${i}-49`);
      for (const i of [0, 1, 2]) {
        const mine = log.all
          .filter((e): e is ScanEvent => isScan(e) && e.scanner === `s${i}`)
          .map((e) => e.text);
        expect(mine).toEqual(Array.from({ length: 50 }, (_, k) => `S${i}-${k}`));
      }
      const diag = await hub.diagnostics();
      expect(diag.scanners.map((s) => [s.scanner, s.scans])).toEqual([
        ['s0', 50],
        ['s1', 50],
        ['s2', 50],
      ]);
    } finally {
      // The hub first: closing a scanner end makes socat exit soon after, which the hub would see as an unplug.
      await hub.stop();
      await Promise.all(devs.map(closePort));
      await Promise.all(pairs.map((p) => p.close()));
    }
    expect(log.count((e) => e.type === 'disconnected' && e.reason === 'closed')).toBe(3);
  });

  it('refuses two scanners with one name', () => {
    expect(
      () =>
        new ScannerHub([
          { id: 'x', target: '/dev/null' },
          { id: 'x', target: '/dev/zero' },
        ]),
    ).toThrow(/two scanners/);
  });
});

describe('SerialScanner by USB vendor/product id', () => {
  it('finds the port by ids in any case, and again when it returns under another path', async () => {
    const dir = tempDir();
    const one = await ptyPair(dir, 'one');
    const two = await ptyPair(dir, 'two');
    // Stands in for SerialPort.list(): the device is at `current`, or absent.
    let current: string | null = one.host;
    const listPorts = async () =>
      current
        ? [
            {
              path: current,
              byId: [],
              vendorId: '0c2e',
              productId: '0b61',
              serialNumber: 'SN1',
              manufacturer: 'Honeywell',
            },
          ]
        : [];
    const s = new SerialScanner(
      { id: 'usb', target: 'usb:0C2E:0B61', framing: { terminator: 'crlf' }, reconnect: fast },
      { listPorts },
    );
    const log = new EventLog<ScannerEvent>();
    s.on(log.push);
    s.start();
    try {
      expect(await log.waitFor((e) => e.type === 'connected')).toMatchObject({ path: one.host });
      let dev = await openScannerEnd(one.scanner);
      await writeAll(dev, 'BMET1:ONE\r\n');
      await log.waitFor((e) => isScan(e) && e.text === 'BMET1:ONE');
      await closePort(dev);
      // Counted before the unplug: the scanner may notice it and report the absence before unplug() returns.
      const from = log.all.length;
      current = null;
      await one.unplug();
      await log.waitFor((e) => e.type === 'error' && e.code === 'SCANNER_NOT_FOUND', from);
      current = two.host; // replugged into another socket: another ttyACM
      expect(await log.waitFor((e) => e.type === 'connected', from)).toMatchObject({
        path: two.host,
        reconnects: 1,
      });
      dev = await openScannerEnd(two.scanner);
      await writeAll(dev, 'BMET1:TWO\r\n');
      await log.waitFor((e) => isScan(e) && e.text === 'BMET1:TWO');
      await closePort(dev);
      expect(s.diagnostics()).toMatchObject({
        vendorId: '0c2e',
        productId: '0b61',
        serialNumber: 'SN1',
        configured: 'usb:0c2e:0b61',
      });
    } finally {
      await s.stop();
      await one.close();
      await two.close();
    }
  });

  it('a port listing that fails is PORT_LIST_FAILED (once, while it lasts), not SCANNER_NOT_FOUND', async () => {
    let calls = 0;
    let listed: () => void = () => {};
    const thirdListing = new Promise<void>((resolve) => (listed = resolve));
    const listPorts = () => {
      if (++calls === 3) listed();
      return Promise.reject(new PortListError(new Error('spawn udevadm ENOENT')));
    };
    const s = new SerialScanner({ id: 'usb', target: 'usb:0c2e:0b61', reconnect: fast }, { listPorts });
    const log = new EventLog<ScannerEvent>();
    s.on(log.push);
    s.start();
    try {
      await thirdListing; // two retries after the first failure
      const errors = log.all.filter((e) => e.type === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          code: 'PORT_LIST_FAILED',
          message: expect.stringMatching(/install udev/),
        }),
      ]);
      expect(s.diagnostics().lastError).toMatchObject({ code: 'PORT_LIST_FAILED' });
    } finally {
      await s.stop();
    }
  });

  it('refuses a malformed id and bad framing options', () => {
    expect(() => new SerialScanner({ target: 'usb:0c2e' })).toThrow(/usb:VID:PID/);
    expect(() => new SerialScanner({ target: '/dev/x', baudRate: 12345 })).toThrow(/baud/);
    expect(() => new SerialScanner({ target: '/dev/x', parity: 'weird' as never })).toThrow(/parity/);
  });
});
