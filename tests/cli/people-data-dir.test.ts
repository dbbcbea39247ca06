// A data dir with no kiosk database (a typo in --data-dir): the people commands that work on people
// already there refuse it as report and log verify do (exit 1, STORE_NO_DATA_DIR on stdout's
// {"ok":false} line) and make nothing there. Before, `people list` made a new production database
// and exited 0 with no output. `people add` may make one (a new kiosk's first person), and says so.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../main/core/store/people.ts';
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

// A people add that fails on a data dir it would have made leaves nothing there: before, a wrong PIN
// or id (checked only after the store was opened) or an id a new development data dir's demo
// accounts already hold left an empty kiosk database behind, and the folders made for it.
describe('a people add that fails leaves no data dir behind', () => {
  function add(id: string, more: string[], name = 'One'): string[] {
    return ['people', 'add', id, '--name', name, '--role', 'officer', ...more];
  }
  // status: 2 for an id, name or PIN no person may have (the caller's), 1 for an id held already.
  const FAILURES: {
    what: string;
    args: string[];
    input?: string;
    env?: NodeJS.ProcessEnv;
    says: RegExp;
    status?: number;
  }[] = [
    { what: 'a PIN too short', args: add('OF-1', ['--pin', '12']), says: /a PIN is 6 to 12 digits/ },
    {
      what: 'a PIN on stdin that is not digits',
      args: add('OF-1', []),
      input: 'abcdef\n',
      says: /a PIN is 6 to 12 digits/,
    },
    { what: 'no PIN at all', args: add('OF-1', []), input: '', says: /a PIN is 6 to 12 digits/ },
    {
      what: 'an id with a space',
      args: add('OF 1', ['--pin', '135790']),
      says: /an id is 1 to 32 letters/,
    },
    { what: 'a reserved id', args: add('CLI', ['--pin', '135790']), says: /CLI is reserved/ },
    {
      what: 'a name too long',
      args: add('OF-1', ['--pin', '135790'], 'N'.repeat(101)),
      says: /a name is 1 to 100/,
    },
    {
      what: "an id a new development data dir's demo account holds",
      args: add(DEMO_ACCOUNTS[0]!.id, ['--pin', '135790']),
      env: { BMET_KIOSK_DEV: '1' },
      says: new RegExp(`${DEMO_ACCOUNTS[0]!.id} already exists`),
      status: 1,
    },
  ];

  it.each(FAILURES)('$what: nothing made where it pointed, and an empty folder given is left empty', (f) => {
    const root = tempDataDir('cli-add-fails');
    const given = tempDataDir('cli-add-fails-given');
    for (const dir of [path.join(root, 'site', 'kiosk', 'data'), given]) {
      const r = runCli([...f.args, '--data-dir', dir], f.input ?? '', f.env);
      expect(r.status, r.stderr).toBe(f.status ?? 2);
      expect(r.stderr).toMatch(f.says);
      expect(r.stderr).not.toMatch(/a new one was made/);
    }
    expect(fs.readdirSync(root), 'folders or a database left where the typo pointed').toEqual([]);
    // A folder that was there before is not the command's to remove: it stays, as empty as it was.
    expect(fs.readdirSync(given)).toEqual([]);
  });
});
