// A data dir where no folder can be made: each command says so at once with the store's code
// (STORE_NO_DATA_DIR), exit 1, instead of hanging. Under /proc, mkdir answers ENOENT although
// the parent exists, and Node's fs.mkdirSync(dir, { recursive: true }) asks again for ever.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCliBounded } from '../helpers/cli.ts';
import { VBUNDLE, VROOT } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';

const hasProc = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

function saysNoDataDir(r: { status: number | null; signal: NodeJS.Signals | null; stderr: string }): void {
  expect(r.signal, 'it must end by itself, not be ended by the guard').toBeNull();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/STORE_NO_DATA_DIR: the data dir \S+ cannot be made or used/);
  expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
}

describe.skipIf(!hasProc)('a data dir under /proc', () => {
  it('verify shows the verdict NOT LOGGED and exits 1 at once', async () => {
    const r = await runCliBounded([
      'verify',
      '--root',
      VROOT,
      '--bundle',
      VBUNDLE,
      '--data-dir',
      '/proc/nope',
      'BMET1:X',
    ]);
    saysNoDataDir(r);
    expect(jsonLines(r.stdout)).toMatchObject([{ status: 'invalid', logged: false }]);
  });

  it('provision and people add (which make a data dir) refuse at once', async () => {
    const [provision, add] = await Promise.all([
      runCliBounded(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', '/proc/nope/deeper']),
      runCliBounded([
        'people',
        'add',
        'OF-1',
        '--name',
        'X',
        '--role',
        'officer',
        '--pin',
        '135790',
        '--data-dir',
        '/proc/self/nope',
      ]),
    ]);
    saysNoDataDir(provision);
    saysNoDataDir(add);
  });
});

describe('a data dir that cannot be a folder', () => {
  it('a file in the way is STORE_NO_DATA_DIR, not an I/O fault', async () => {
    const file = path.join(tempDataDir('cli-file'), 'a-file');
    fs.writeFileSync(file, 'not a folder\n');
    const [under, at] = await Promise.all([
      runCliBounded(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', path.join(file, 'data')]),
      runCliBounded(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', file]),
    ]);
    saysNoDataDir(under);
    saysNoDataDir(at);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('missing folders above it are still made, each 0700', async () => {
    const top = path.join(tempDataDir('cli-deep'), 'a');
    const dir = path.join(top, 'b', 'c');
    const r = await runCliBounded(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    for (const d of [top, path.dirname(dir), dir]) expect(fs.statSync(d).mode & 0o777).toBe(0o700);
  });
});
