// A bundle path that is no regular file (a folder, /dev/zero) cannot be read at all: exit 3 with
// UNREADABLE, as a --root of the same kind gets, not BUNDLE_MALFORMED ("damaged or not a trust
// bundle"), which says a file was read and judged.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_WORDS } from '../../main/contract/words.ts';
import { jsonLines, PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';

const VECTORS = path.join(PROJECT_ROOT, '../shared/vectors');
const ROOT = ['--root', path.join(VECTORS, 'root.pem')];

function notFiles(): [string, string][] {
  return [
    ['a folder', tempDataDir('bundle-folder')],
    ['a device with no end (/dev/zero)', '/dev/zero'],
  ];
}

describe('a bundle path that is no regular file is UNREADABLE (exit 3)', () => {
  it.each(notFiles())('trust verify %s', (_what, file) => {
    const r = runCli(['trust', 'verify', ...ROOT, file]);
    expect(r.status).toBe(3);
    expect(jsonLines(r.stdout)).toEqual([
      { ok: false, code: 'UNREADABLE', message: `${file} is not a regular file` },
    ]);
    expect(FILE_WORDS.UNREADABLE.en).toMatch(/not a regular file/);
  });

  it.each(notFiles())('verify --bundle %s', (_what, file) => {
    const r = runCli(['verify', '--no-log', ...ROOT, '--bundle', file, 'X']);
    expect(r.status).toBe(3);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: false, code: 'UNREADABLE' });
  });

  it.each(notFiles())(
    'trust install %s: refused and audited as UNREADABLE, nothing installed',
    (_what, file) => {
      const dir = path.join(tempDataDir('bundle-install'), 'data');
      const r = runCli(['trust', 'install', ...ROOT, '--data-dir', dir, file]);
      expect(r.status).toBe(3);
      expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: false, code: 'UNREADABLE' });
      const audit = jsonLines(runCli(['log', 'audit', '--data-dir', dir]).stdout);
      expect(audit.map((e) => e.action)).toContain('trust.refused');
      expect(JSON.stringify(audit)).toMatch(/UNREADABLE/);
      expect(JSON.stringify(audit)).not.toMatch(/BUNDLE_MALFORMED/);
      expect(runCli(['trust', 'status', ...ROOT, '--data-dir', dir]).status).toBe(1);
      expect(fs.existsSync(dir)).toBe(true);
    },
  );
});
