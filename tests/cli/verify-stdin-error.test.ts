// A stdin that cannot be read is a failure with its code (INPUT_UNREADABLE, exit 1), never an empty
// run that exits 0 (`verify < /tmp` printed nothing and said all was done) nor an empty PIN
// (`people add … < /tmp` answered PERSON_INVALID).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachLineBatch, type InputLine } from '../../main/cli/commands/verify.ts';
import { InputReadError } from '../../main/cli/input.ts';
import { CLI, jsonLines, PROJECT_ROOT } from '../helpers/cli.ts';

const VECTORS = path.join(PROJECT_ROOT, '../shared/vectors');

// What reads stdin, by command: its arguments (given a fresh temp dir), and what its message says.
const READERS = [
  {
    what: 'verify',
    args: (_tmp: string) => [
      'verify',
      '--no-log',
      '--root',
      path.join(VECTORS, 'root.pem'),
      '--bundle',
      path.join(VECTORS, 'bundle.bmettrust'),
    ],
    message: /stdin could not be read: EISDIR/,
  },
  {
    what: 'people add, reading its PIN (nothing made: no empty PIN is tried)',
    args: (tmp: string) => [
      'people',
      'add',
      'OF-9',
      '--name',
      'X',
      '--role',
      'officer',
      '--data-dir',
      path.join(tmp, 'data'),
    ],
    message: /stdin could not be read for the PIN: EISDIR/,
  },
];

describe('a stdin that cannot be read', () => {
  it.each(READERS)(
    '$what: a folder as stdin is exit 1, the INPUT_UNREADABLE line on stdout and why on stderr',
    (c) => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stdin-folder-'));
      const fd = fs.openSync(folder, 'r');
      try {
        const r = spawnSync(process.execPath, [CLI, ...c.args(folder)], {
          cwd: PROJECT_ROOT,
          stdio: [fd, 'pipe', 'pipe'],
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(r.status).toBe(1);
        expect(jsonLines(r.stdout)).toEqual([
          { ok: false, code: 'INPUT_UNREADABLE', message: expect.stringMatching(c.message) },
        ]);
        expect(r.stderr).toMatch(/INPUT_UNREADABLE: stdin could not be read/);
        expect(fs.readdirSync(folder)).toEqual([]);
      } finally {
        fs.closeSync(fd);
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});

describe('forEachLineBatch', () => {
  /** A stream that gives `text`, then fails as a device or a dropped connection would. */
  function failingAfter(text: string): Readable {
    return Readable.from(
      (async function* () {
        yield Buffer.from(text);
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      })(),
    );
  }

  it('gives the lines read before a read error, then rejects with InputReadError', async () => {
    const seen: InputLine[] = [];
    const done = forEachLineBatch(failingAfter('one\ntwo\nhalf'), (lines) => {
      seen.push(...lines);
    });
    await expect(done).rejects.toBeInstanceOf(InputReadError);
    await expect(done).rejects.toThrow(/EIO/);
    expect(seen.map((l) => l.text)).toEqual(['one', 'two']);
  });

  it("a failure of the lines' own handling is not taken for a read error", async () => {
    const boom = new Error('handler fault');
    const done = forEachLineBatch(Readable.from([Buffer.from('a\n')]), () => {
      throw boom;
    });
    await expect(done).rejects.toBe(boom);
  });
});
