// A person refused (people add, disable, enable) and a PDF that cannot be printed here are
// failures like any other: the {"ok":false,"code","message"} line on stdout, with a code that has
// words in Bangla and English, exit 1. Before, each printed its message on stderr alone. (An id,
// name, role or PIN no person may have is the caller's: exit 2, person-invalid-usage.test.ts.)
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_WORDS } from '../../main/contract/words.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

let dir: string;
beforeAll(() => {
  dir = tempDataDir('cli-codes');
  const r = runCli([
    'people',
    'add',
    'OF-1',
    '--name',
    'One',
    '--role',
    'officer',
    '--pin',
    '135790',
    '--data-dir',
    dir,
  ]);
  expect(r.status, r.stderr).toBe(0);
});

const add = (id: string, pin: string) => [
  'people',
  'add',
  id,
  '--name',
  'Two',
  '--role',
  'officer',
  '--pin',
  pin,
];

describe('the code line of a refused person or print', () => {
  it.each([
    { what: 'an id already there', args: add('OF-1', '246810'), code: 'PERSON_EXISTS' },
    { what: 'disabling no one', args: ['people', 'disable', 'OF-9'], code: 'PERSON_UNKNOWN' },
    { what: 'enabling no one', args: ['people', 'enable', 'OF-9'], code: 'PERSON_UNKNOWN' },
    {
      what: 'a PDF with no Chromium to print it',
      args: [
        'report',
        '--date',
        '2026-11-22',
        '--format',
        'pdf',
        '--out',
        path.join(tempDataDir('cli-pdf'), 'day.pdf'),
      ],
      env: { BMET_CHROMIUM: '/nonexistent/chromium' },
      code: 'PRINT_UNAVAILABLE',
    },
  ] as { what: string; args: string[]; env?: NodeJS.ProcessEnv; code: keyof typeof CLI_WORDS }[])(
    '$what: $code',
    ({ args, env, code }) => {
      const r = runCli([...args, '--data-dir', dir], '', env);
      expect(r.status, r.stderr).toBe(1);
      const [line, ...more] = jsonLines(r.stdout);
      expect(more).toEqual([]);
      expect(line).toEqual({ ok: false, code, message: expect.any(String) });
      expect(r.stderr).toBe(`bmet-kiosk: ${code}: ${line!.message as string}\n`);
      expect(CLI_WORDS[code].en).not.toBe('');
    },
  );
});
