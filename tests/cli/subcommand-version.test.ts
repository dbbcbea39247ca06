// A command with subcommands (trust, people, log) given none or one it does not have says which, as
// an unknown command does (exit 2), and `help CMD SUB` agrees; `--version` prints the package's version.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../main/cli/usage.ts';
import { PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

const WITH_SUBS = Object.keys(SUBCOMMANDS);

describe('subcommands', () => {
  it.each(WITH_SUBS)('%s alone: exit 2, "needs a subcommand" naming them', (c) => {
    const r = runCli([c]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `bmet-kiosk: ${c} needs a subcommand: ${SUBCOMMANDS[c]!.join(', ')}`,
    );
    expect(r.stdout).toBe('');
  });

  it.each(WITH_SUBS.flatMap((c) => [[[c, 'frob']], [['help', c, 'frob']]]))(
    '%j: exit 2 naming frob as unknown, with the command usage, nothing made',
    (argv) => {
      const dir = path.join(tempDataDir('subcommand'), 'data');
      const c = argv[argv.length - 2]!;
      const r = runCli([...argv, '--data-dir', dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^bmet-kiosk: unknown subcommand '${c} frob' \\(${c} has: `));
      expect(r.stderr).toMatch(new RegExp(`\\nusage: bmet-kiosk ${c} `));
      expect(r.stdout).toBe('');
      expect(fs.existsSync(dir)).toBe(false);
    },
  );
});

describe('--version', () => {
  it("prints package.json's version and exits 0; the program usage lists it", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = runCli(['--version']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, `${version}\n`, '']);
    expect(runCli(['--help']).stdout).toMatch(/^ {2}--version +the program's version$/m);
  });
});
