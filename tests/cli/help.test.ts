// `--help` / `-h` on the program and on every command and subcommand prints that usage on
// stdout and exits 0, starting and opening nothing (cli.md); an unknown option names the
// command's valid ones. Each run gets an empty HOME and XDG dirs, which must stay empty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_USAGE, SUBCOMMANDS, usageOf } from '../../main/cli/usage.ts';
import { runCli } from '../helpers/cli.ts';

const COMMANDS = ['verify', 'trust', 'report', 'people', 'log', 'listen', 'provision', 'sync', 'start'];

/** An empty home for one run: HOME and every XDG dir point into it. */
function emptyHome() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-help-'));
  const env = {
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
  };
  return { home, env, dataDir: path.join(home, 'given-data-dir') };
}

const invocations: string[][] = [
  ...COMMANDS.map((c) => [c]),
  ...Object.entries(SUBCOMMANDS).flatMap(([c, subs]) => subs.map((s) => [c, s])),
];

describe('--help', () => {
  it.each([['--help'], ['-h'], ['help']])('the program: bmet-kiosk %s', (flag) => {
    const { home, env } = emptyHome();
    const r = runCli([flag], undefined, env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: bmet-kiosk <command>/);
    for (const c of COMMANDS) expect(r.stdout).toContain(c);
    expect(r.stderr).toBe('');
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it.each(
    invocations.flatMap((inv) => [
      [inv.join(' '), '--help'],
      [inv.join(' '), '-h'],
    ]),
  )('%s %s prints its usage, exits 0, and creates or starts nothing', (inv, flag) => {
    const { home, env, dataDir } = emptyHome();
    // The options that once made these run for real (a dev kiosk, a data dir) ride along: still nothing happens.
    const r = runCli([...inv.split(' '), '--data-dir', dataDir, flag], '', env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: bmet-kiosk ${inv}`));
    expect(r.stdout).toContain(COMMAND_USAGE[inv]!.split('\n')[0]);
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('`start --dev --help` starts no kiosk (it would not exit) and writes nothing', () => {
    const { home, env } = emptyHome();
    const r = runCli(['start', '--dev', '--no-window', '--help'], '', env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: bmet-kiosk start/);
    expect(r.stdout).not.toMatch(/http:\/\//);
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('`help CMD SUB` is `CMD SUB --help`', () => {
    const r = runCli(['help', 'log', 'verify']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: bmet-kiosk log verify/);
  });

  it.each(['help foo', 'help foo verify'])(
    '`bmet-kiosk %s` names the unknown command, not help, with the program usage, and exits 2',
    (line) => {
      const argv = line.split(' ');
      const r = runCli(argv);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`^bmet-kiosk: unknown command '${argv[1]}'\\nusage: bmet-kiosk <command>`),
      );
      expect(r.stdout).toBe('');
    },
  );

  it.each([['help --help'], ['help help'], ['help -h'], ['help help help'], ['help --']])(
    '`bmet-kiosk %s` is the program usage, as `--help` prints it',
    (line) => {
      const { home, env } = emptyHome();
      const r = runCli(line.split(' '), '', env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(runCli(['--help'], '', env).stdout);
      expect(fs.readdirSync(home)).toEqual([]);
    },
  );

  it.each(invocations.map((inv) => [inv.join(' ')]))(
    '`help %s` prints what `--help` does, exits 0, and creates or starts nothing',
    (inv) => {
      const { home, env } = emptyHome();
      const r = runCli(['help', ...inv.split(' ')], '', env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(runCli([...inv.split(' '), '--help'], '', env).stdout);
      expect(fs.readdirSync(home)).toEqual([]);
    },
  );

  // The words after help are looked up, never run: a `--` among them once made `help verify -- X`
  // verify X (as `verify -- X --help`), and `help start -- …` start the kiosk's checks.
  it.each([
    ['verify', '--', 'BMET1:X'],
    ['start', '--', '--no-window'],
    ['provision', '--', '--kiosk-id', 'DAC-T1-D07'],
  ])('`help %s %s …` is that usage and runs nothing', (...argv) => {
    const { home, env } = emptyHome();
    const r = runCli(['help', ...argv], '', env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${usageOf(argv[0]!)}\n`);
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('the program usage names help', () => {
    expect(runCli(['--help']).stdout).toMatch(/^ {2}help \[COMMAND \[SUB\]\] /m);
  });

  it('an argument after -- is an argument, not a request for help', () => {
    const r = runCli(['verify', '--no-log', '--', '--help']);
    expect(r.stdout).not.toMatch(/^usage:/);
  });
});

describe('an unknown option', () => {
  const valid: Record<string, string[]> = {
    verify: ['--data-dir', '--no-log', '--bundle'],
    trust: ['--technician', '--root'],
    report: ['--date', '--format'],
    people: ['--name', '--role', '--pin'],
    log: ['--days', '--after', '--limit'],
    listen: ['--serial', '--baud'],
    provision: ['--kiosk-id', '--server'],
    sync: ['--once', '--server', '--resume'],
    start: ['--no-window', '--port', '--dev', '--no-usb'],
  };
  it.each(COMMANDS)('%s --bogus names the options the command takes, exits 2, and creates nothing', (c) => {
    const { home, env } = emptyHome();
    const args = SUBCOMMANDS[c] ? [c, SUBCOMMANDS[c][0]!, '--bogus'] : [c, '--bogus'];
    const r = runCli(args, '', env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'; this command takes: /);
    for (const o of valid[c]!) expect(r.stderr).toContain(o);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(home)).toEqual([]);
  });
});
