// A data dir with no kiosk database (a typo in --data-dir): the people commands that work on people
// already there refuse it as report and log verify do (exit 1, STORE_NO_DATA_DIR on stdout's
// {"ok":false} line) and make nothing there. Before, `people list` made a new production database
// and exited 0 with no output. `people add` may make one (a new kiosk's first person), and says so.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

const typo = () => path.join(tempDataDir('cli-typo'), 'data-dri');

function refusedAsNoDatabase(args: string[], input?: string): void {
  const dir = typo();
  const r = runCli([...args, '--data-dir', dir], input);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(1);
  expect(jsonLines(r.stdout)).toEqual([
    { ok: false, code: 'STORE_NO_DATA_DIR', message: expect.stringContaining(`no kiosk database in ${dir}`) },
  ]);
  expect(r.stderr).toMatch(/^bmet-kiosk: STORE_NO_DATA_DIR: no kiosk database in .*check --data-dir/);
  expect(fs.existsSync(dir), `${args.join(' ')} made ${dir}`).toBe(false);
}

describe('people with a data dir that holds no kiosk database', () => {
  it.each([
    [['people', 'list']],
    [['people', 'list', '--no-log']],
    [['people', 'login', 'OF-1', '--pin', '135790']],
    [['people', 'disable', 'OF-1']],
    [['people', 'enable', 'OF-1']],
    [['people', 'reset', 'OF-1', '--pin', '135790']],
  ])('%j refuses it, as report and log verify do, and makes nothing', (args) => refusedAsNoDatabase(args));

  it('report and log verify say it the same way', () => {
    refusedAsNoDatabase(['report', '--date', '2026-11-22']);
    refusedAsNoDatabase(['log', 'verify']);
  });

  it('people add makes the database for a new kiosk and says so; a usage error makes nothing', () => {
    const bad = typo();
    const wrongRole = runCli(
      ['people', 'add', 'OF-1', '--name', 'One', '--role', 'boss', '--data-dir', bad],
      '135790\n',
    );
    expect(wrongRole.status).toBe(2);
    expect(fs.existsSync(bad)).toBe(false);

    const dir = typo();
    const add = runCli(
      ['people', 'add', 'OF-1', '--name', 'One', '--role', 'officer', '--data-dir', dir],
      '135790\n',
    );
    expect(add.status, add.stderr).toBe(0);
    expect(add.stderr).toMatch(
      /there was no kiosk database in .*: a new one was made for this person \(check --data-dir/,
    );
    expect(jsonLines(runCli(['people', 'list', '--data-dir', dir]).stdout).map((p) => p.id)).toEqual([
      'OF-1',
    ]);
    // The second person goes into the database the first made: nothing more to say.
    const again = runCli(
      ['people', 'add', 'OF-2', '--name', 'Two', '--role', 'officer', '--data-dir', dir],
      '135791\n',
    );
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
  });
});
