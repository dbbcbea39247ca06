// `report --out FILE` where the file cannot be written: exit 1 with OUT_FILE_UNWRITABLE on stdout's
// {"ok":false} line and why in words on stderr, never the file system's stack trace; the failed
// export is not audited. Before: ENOENT/EISDIR stacks, exit 1, no code.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { hasChromium } from '../helpers/kiosk.ts';
import { installedDataDir } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';

const DATE = '2026-11-22';
let dir: string;
beforeAll(() => {
  dir = installedDataDir();
});

const exports = () =>
  jsonLines(runCli(['log', 'audit', '--data-dir', dir]).stdout).filter((e) => e.action === 'report.export');

function refused(format: string, out: string, why: RegExp, env: NodeJS.ProcessEnv = {}): void {
  const r = runCli(['report', '--data-dir', dir, '--date', DATE, '--format', format, '--out', out], '', env);
  expect(r.status, r.stderr).toBe(1);
  expect(jsonLines(r.stdout)).toEqual([
    { ok: false, code: 'OUT_FILE_UNWRITABLE', message: expect.stringContaining(`cannot write ${out}: `) },
  ]);
  expect(r.stderr).toMatch(
    new RegExp(`^bmet-kiosk: OUT_FILE_UNWRITABLE: cannot write ${out}: ${why.source}`),
  );
  expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
}

describe('report --out a file that cannot be written', () => {
  it('a folder that does not exist, a folder in its place', () => {
    const missing = path.join(tempDataDir('out'), 'no-such-folder', 'day.json');
    refused('json', missing, /its folder does not exist/);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    const folder = tempDataDir('out-folder');
    refused('csv', folder, /it is a folder/);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(exports()).toEqual([]);
  });

  it.skipIf(!fs.existsSync('/proc/self/stat'))('a file under /proc', () => {
    refused('csv', '/proc/bmet-report.csv', /no file can be made in that folder/);
    expect(exports()).toEqual([]);
  });

  it.skipIf(!fs.existsSync('/dev/full'))(
    'a write that fails (/dev/full): said, and the device left alone',
    () => {
      refused('csv', '/dev/full', /the disk is full/);
      expect(fs.statSync('/dev/full').isCharacterDevice()).toBe(true);
      expect(exports()).toEqual([]);
    },
  );

  it.skipIf(!hasChromium)('a PDF to a folder that does not exist', () => {
    refused('pdf', path.join(tempDataDir('out-pdf'), 'gone', 'day.pdf'), /its folder does not exist/);
    expect(exports()).toEqual([]);
  });

  it('a file that can be written is still written and audited once', () => {
    const out = path.join(tempDataDir('out-ok'), 'day.json');
    const r = runCli(['report', '--data-dir', dir, '--date', DATE, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ date: DATE });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(exports()).toMatchObject([{ detail: { date: DATE, format: 'json', out } }]);
  });
});

// Before, a PDF was printed in full (Chromium started, the page rendered: tens of seconds on a busy
// machine) before its --out was found unusable. Now the file is checked first: nothing is rendered.
describe('report --format pdf to an --out that cannot be written', () => {
  /** A stand-in for Chromium (BMET_CHROMIUM) that only notes each start in `starts`. */
  function fakeChromium(): { env: NodeJS.ProcessEnv; starts: string } {
    const d = tempDataDir('fake-chromium');
    const starts = path.join(d, 'starts');
    const exe = path.join(d, 'chromium');
    fs.writeFileSync(exe, `#!/bin/sh\necho started >> '${starts}'\nexit 1\n`, { mode: 0o755 });
    return { env: { BMET_CHROMIUM: exe }, starts };
  }
  const fileAsFolder = () => {
    const file = path.join(tempDataDir('out-file'), 'a-file');
    fs.writeFileSync(file, 'kept\n');
    return path.join(file, 'day.pdf');
  };
  /** What is at `out`: nothing, a file's bytes, or a folder's names. */
  const at = (out: string) => {
    const st = fs.statSync(out, { throwIfNoEntry: false });
    return !st ? null : st.isDirectory() ? fs.readdirSync(out) : fs.readFileSync(out, 'utf8');
  };

  it.each([
    [
      'its folder does not exist',
      () => path.join(tempDataDir('out-pdf'), 'gone', 'day.pdf'),
      /its folder does not exist/,
    ],
    ['a file where its folder should be', fileAsFolder, /a part of its path is not a folder/],
    ['a folder in its place', () => tempDataDir('out-pdf-folder'), /it is a folder/],
    ...(fs.existsSync('/proc/self/stat')
      ? [['under /proc', () => '/proc/bmet-day.pdf', /no file can be made in that folder/] as const]
      : []),
  ] as const)('%s: refused before anything is rendered, and not audited', (_what, outFor, why) => {
    const { env, starts } = fakeChromium();
    const out = outFor();
    const before = { there: at(out), exports: exports().length };
    refused('pdf', out, why, env);
    expect(fs.existsSync(starts), 'Chromium was started for a PDF that could not be written').toBe(false);
    expect(at(out)).toEqual(before.there);
    expect(exports()).toHaveLength(before.exports);
  });

  // The check itself leaves the file as it found it: a file there is not cut, a new one not left.
  it.each([
    ['a file already there is left as it was', 'an older report\n'],
    ['no file is left where there was none', null],
  ])('%s when the PDF then fails (a Chromium that does not start)', (_what, there) => {
    const { env, starts } = fakeChromium();
    const out = path.join(tempDataDir('out-kept'), 'day.pdf');
    if (there !== null) fs.writeFileSync(out, there);
    const audited = exports().length;
    const r = runCli(['report', '--data-dir', dir, '--date', DATE, '--format', 'pdf', '--out', out], '', env);
    expect(r.status).toBe(1);
    expect(fs.existsSync(starts)).toBe(true); // the file could be written: printing was tried
    expect(at(out)).toEqual(there);
    expect(exports()).toHaveLength(audited);
  });
});
