// A value option given twice is a usage error naming it (exit 2), for every command: parseArgs kept
// the last one silently, so `report --date 2026-12-02 --date 2026-12-01` reported the 1st.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

/** Each command (with its subcommand) and the value options it takes beyond the shared ones. */
const OWN_OPTIONS: [string[], string[]][] = [
  [['verify'], []],
  [['trust', 'install', 'x.bmettrust'], ['technician']],
  [['report'], ['date', 'format', 'out', 'technician']],
  [
    ['people', 'add', 'OF-9'],
    ['name', 'role', 'pin', 'technician'],
  ],
  [
    ['log', 'audit'],
    ['days', 'after', 'limit', 'technician'],
  ],
  [['listen'], ['baud']],
  [['provision'], ['kiosk-id', 'server', 'ca']],
  [
    ['sync', '--once'],
    ['server', 'technician'],
  ],
  [
    ['start', '--no-window', '--no-usb'],
    ['port', 'baud', 'scanner-folder', 'mount-table'],
  ],
];
const SHARED = ['data-dir', 'bundle', 'now', 'officer'];

const cases: [string, string[], string][] = OWN_OPTIONS.flatMap(([command, own]) =>
  [...own, ...SHARED].map((o): [string, string[], string] => [command.join(' '), command, o]),
);

describe('a value option given twice', () => {
  it.each(cases)('%s --%s twice: exit 2 naming it, nothing made', (_name, command, option) => {
    const dir = path.join(tempDataDir('repeated'), 'data');
    // The --data-dir (each time, when it is the option repeated) is one that does not exist yet.
    const twice =
      option === 'data-dir'
        ? [`--${option}`, dir, `--${option}=${dir}`]
        : [`--${option}`, 'a', `--${option}=b`];
    const r = runCli([...command, ...(option === 'data-dir' ? [] : ['--data-dir', dir]), ...twice]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^bmet-kiosk: --${option} was given more than once: give it once$`, 'm'),
    );
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('--root and --serial may repeat: they are lists', () => {
    const r = runCli([
      'verify',
      '--no-log',
      '--root',
      'none-1.pem',
      '--root',
      'none-2.pem',
      '--bundle',
      'x',
      'X',
    ]);
    expect(r.status).toBe(3); // the first root is read and refused: the repeat itself was taken
    expect(r.stderr).not.toMatch(/more than once/);
    const listen = runCli(['listen', '--serial', 'a', '--serial', 'b', '--baud', 'x']);
    expect(listen.stderr).not.toMatch(/more than once/);
  });
});
