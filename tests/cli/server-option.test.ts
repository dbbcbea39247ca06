// A bad --server value is the command line's fault: exit 2 with the command's usage on stderr and
// the value's code on stdout's {"ok":false} line, for provision and sync alike, before anything is
// opened or made. Before: plain http:// to another host was exit 3 (cli.md's "a file given was
// refused", though no file was given) and ftp:// was exit 2 with no code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

const COMMANDS = [
  ['provision', '--kiosk-id', 'DAC-T1-D07'],
  ['sync', '--once'],
];

describe.each(COMMANDS)('%s --server', (...command) => {
  it.each([
    ['http://bmet.example', 'SYNC_INSECURE_URL', /plain http:\/\/ is only for the loopback host/],
    ['http://10.20.30.40:8443/', 'SYNC_INSECURE_URL', /plain http:\/\/ is only for the loopback host/],
    ['ftp://bmet.example', 'SERVER_URL_INVALID', /is not an http\(s\) URL without credentials/],
    ['https://user:pw@bmet.example', 'SERVER_URL_INVALID', /is not an http\(s\) URL without credentials/],
    ['not a url', 'SERVER_URL_INVALID', /is not a URL/],
  ])('%s: usage, exit 2, with %s', (server, code, why) => {
    const dir = path.join(tempDataDir('cli-server'), 'data');
    const r = runCli([...command, '--server', server, '--data-dir', dir]);
    expect(r.status).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([{ ok: false, code, message: expect.stringMatching(why) }]);
    expect(r.stderr).toMatch(new RegExp(`^bmet-kiosk: --server: .*${why.source}`));
    expect(r.stderr).toMatch(new RegExp(`usage: bmet-kiosk ${command[0]} `));
    expect(fs.existsSync(dir)).toBe(false);
  });
});
