// `listen --serial` end to end: the real CLI in a child process reading a socat pty,
// verdict lines for the shared vectors as they come, a replug mid-run, clean shutdown.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_ERROR_WORDS } from '../../main/contract/words.ts';
import { CLI, PROJECT_ROOT, runCli, Running } from '../helpers/cli.ts';
import { closePort, openScannerEnd, ptyPair, tempDir, writeAll } from '../helpers/pty.ts';

const DIR = path.resolve(PROJECT_ROOT, '../shared/vectors');
const present = fs.existsSync(path.join(DIR, 'cards.jsonl'));
interface Card {
  name: string;
  now: string;
  qr: string;
  expect: { status: string; codes: string[] };
}
const cards: Card[] = present
  ? fs
      .readFileSync(path.join(DIR, 'cards.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
  : [];
const SHARED = [
  '--root',
  `${DIR}/root.pem`,
  '--bundle',
  `${DIR}/bundle.bmettrust`,
  '--now',
  '2026-11-22T06:00:00Z',
  '--no-log',
];

const running: Running[] = [];
const listen = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = new Running(
    spawn(process.execPath, [CLI, 'listen', ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    }),
  );
  running.push(r);
  return r;
};
afterEach(() => {
  for (const r of running.splice(0)) if (r.proc.exitCode === null) r.proc.kill('SIGKILL');
});

describe.skipIf(!present)('listen --serial (shared vectors)', () => {
  it('prints the same verdict line as verify for every card scanned, across a replug, and stops cleanly on SIGTERM', async () => {
    const pair = await ptyPair(tempDir());
    try {
      const l = listen(['--serial', pair.host, '--baud', '115200', ...SHARED]);
      await l.until(() => l.stderr.includes('connected'), 'the scanner to be opened');
      const texts = cards.map((c) => c.qr.replace(/\r?\n$/, '')); // the scanner's own terminator is ours to add
      const expected = runCli(['verify', ...SHARED], texts.join('\n') + '\n')
        .stdout.trim()
        .split('\n');
      let dev = await openScannerEnd(pair.scanner);
      const half = 11;
      // Noise and a mix of terminators on the line, as a real scanner gives.
      await writeAll(
        dev,
        Buffer.concat(
          texts.slice(0, half).map((t, i) => Buffer.from(`\x00${t}${['\r', '\n', '\r\n'][i % 3]}`)),
        ),
      );
      await l.until(() => l.lines().length === half, 'the first half of the verdicts');

      await closePort(dev);
      await pair.unplug();
      await l.until(() => l.stderr.includes('waiting for it to return'), 'the unplug to be noticed');
      await pair.plug();
      await l.until(() => l.stderr.includes('reconnect 1'), 'the scanner to be reopened');
      dev = await openScannerEnd(pair.scanner);
      await writeAll(
        dev,
        texts
          .slice(half)
          .map((t) => t + '\r')
          .join(''),
      );
      await l.until(() => l.lines().length === cards.length, 'every verdict');
      await closePort(dev);

      expect(l.lines()).toEqual(expected);
      const got = l.lines().map((x) => JSON.parse(x));
      cards.forEach((c, i) => {
        expect(got[i].status, c.name).toBe(c.expect.status);
        expect(got[i].reasons.map((r: { code: string }) => r.code).sort(), c.name).toEqual(
          [...c.expect.codes].sort(),
        );
      });
      expect(l.stderr).toMatch(/dropped 1 noise byte\(s\): 00/);

      l.proc.kill('SIGTERM');
      expect(await l.exited).toBe(0);
      expect(l.stderr).toContain('listen stopped');
    } finally {
      await pair.close();
    }
  });

  it('logs each verdict like the screens do (without --no-log the second scan of a card is a DUPLICATE_SCAN)', async () => {
    const pair = await ptyPair(tempDir());
    try {
      const l = listen([
        '--serial',
        pair.host,
        '--data-dir',
        tempDir('bmet-data-'),
        ...SHARED.filter((a) => a !== '--no-log'),
      ]);
      await l.until(() => l.stderr.includes('connected'), 'the scanner to be opened');
      const dev = await openScannerEnd(pair.scanner);
      const card = cards.find((c) => c.expect.status === 'valid')!.qr.replace(/\r?\n$/, '');
      await writeAll(dev, `${card}\r${card}\r`);
      await l.until(() => l.lines().length === 2, 'two verdicts');
      await closePort(dev);
      const [first, second] = l.lines().map((x) => JSON.parse(x));
      expect(first.status).toBe('valid');
      expect(second.status).toBe('warning');
      expect(second.reasons.map((r: { code: string }) => r.code)).toContain('DUPLICATE_SCAN');
      l.proc.kill('SIGTERM');
      expect(await l.exited).toBe(0);
    } finally {
      await pair.close();
    }
  });

  it('reports a missing port on stderr and keeps waiting; SIGINT ends it with 0', async () => {
    const missing = path.join(tempDir(), 'no-such-scanner');
    const l = listen(['--serial', missing, ...SHARED]);
    await l.until(() => l.stderr.includes('SCANNER_NOT_FOUND'), 'the missing port to be reported');
    expect(l.proc.exitCode).toBeNull();
    l.proc.kill('SIGINT');
    expect(await l.exited).toBe(0);
    expect(l.stdout).toBe('');
  });

  it.skipIf(process.platform !== 'linux')(
    'on a machine without udevadm a usb: scanner is PORT_LIST_FAILED with its words, not "not found"; it keeps trying',
    async () => {
      // The CLI runs by its absolute path; a PATH holding nothing leaves serialport no `udevadm`.
      const l = listen(['--serial', 'usb:0c2e:0b61', ...SHARED], { PATH: tempDir('bmet-empty-path-') });
      await l.until(() => l.stderr.includes('PORT_LIST_FAILED'), 'the failed listing to be reported');
      expect(l.stderr).toContain(BRIDGE_ERROR_WORDS.PORT_LIST_FAILED.en);
      expect(l.stderr).toMatch(/udevadm ENOENT \(udevadm is missing: install udev\); retrying/);
      expect(l.stderr).not.toContain('SCANNER_NOT_FOUND');
      expect(l.proc.exitCode).toBeNull();
      l.proc.kill('SIGTERM');
      expect(await l.exited).toBe(0);
    },
  );

  it('is a usage error without --serial or with a bad --baud or target', () => {
    expect(runCli(['listen', ...SHARED]).status).toBe(2);
    expect(runCli(['listen', '--serial', '/dev/null', '--baud', 'fast', ...SHARED]).status).toBe(2);
    expect(runCli(['listen', '--serial', '/dev/null', '--baud', '12345', ...SHARED]).stderr).toMatch(
      /baud rate 12345/,
    );
    expect(runCli(['listen', '--serial', 'usb:zz:1', ...SHARED]).status).toBe(2);
  });
});
