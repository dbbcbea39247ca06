// An id, name, role or PIN no person may have is what the caller gave, so `people` answers it as the
// command line's other bad values (--officer '', --days 0, a bad --kiosk-id): a usage error, exit 2,
// keeping its {"ok":false,"code":"PERSON_INVALID"} line. It was exit 1 while --role admin was 2.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

const add = (o: { id?: string; name?: string; role?: string; pin?: string[] }) => [
  'people',
  'add',
  o.id ?? 'OF-2',
  '--name',
  o.name ?? 'Two',
  '--role',
  o.role ?? 'officer',
  ...(o.pin ?? ['--pin', '246802']),
];

const cases: { what: string; args: string[]; stdin?: string; says: RegExp }[] = [
  { what: 'a --pin too short', args: add({ pin: ['--pin', '12'] }), says: /a PIN is 6 to 12 digits/ },
  {
    what: 'a PIN on stdin too short',
    args: add({ pin: [] }),
    stdin: '12\n',
    says: /a PIN is 6 to 12 digits/,
  },
  { what: 'a 5,000-character id', args: add({ id: 'A'.repeat(5000) }), says: /an id is 1 to 32/ },
  { what: 'a 101-character name', args: add({ name: 'N'.repeat(101) }), says: /a name is 1 to 100/ },
  { what: '--role admin', args: add({ role: 'admin' }), says: /--role is one of/ },
];

describe('a person no one may be: exit 2 with PERSON_INVALID', () => {
  it.each(cases)('people add with $what: nothing made', ({ args, stdin, says }) => {
    const dir = path.join(tempDataDir('person-invalid'), 'data');
    const r = runCli([...args, '--data-dir', dir], stdin ?? '');
    expect(r.status).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([
      { ok: false, code: 'PERSON_INVALID', message: expect.stringMatching(says) },
    ]);
    expect(r.stderr).toMatch(/\nusage: bmet-kiosk people add /);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('people reset with a PIN no one may have: exit 2, the person unchanged', () => {
    const dir = path.join(tempDataDir('person-invalid'), 'data');
    expect(runCli([...add({}), '--data-dir', dir]).status).toBe(0);
    const r = runCli(['people', 'reset', 'OF-2', '--pin', 'x', '--data-dir', dir]);
    expect(r.status).toBe(2);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: false, code: 'PERSON_INVALID' });
    expect(runCli(['people', 'login', 'OF-2', '--pin', '246802', '--data-dir', dir]).status).toBe(0);
  });

  it('a person there already, or no one, stays exit 1: the data dir, not the command line', () => {
    const dir = path.join(tempDataDir('person-invalid'), 'data');
    expect(runCli([...add({}), '--data-dir', dir]).status).toBe(0);
    const again = runCli([...add({}), '--data-dir', dir]);
    expect([again.status, jsonLines(again.stdout)[0]?.code]).toEqual([1, 'PERSON_EXISTS']);
    const none = runCli(['people', 'disable', 'OF-9', '--data-dir', dir]);
    expect([none.status, jsonLines(none.stdout)[0]?.code]).toEqual([1, 'PERSON_UNKNOWN']);
  });
});
