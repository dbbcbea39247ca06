// A --root file that is refused is cli.md's "3: a file given (bundle, key) was refused": exit 3
// with the {"ok":false,"code"} line every other refusal prints, from every command that reads
// roots, and the code has words in Bangla and English. Nothing is read past a bound (a device
// has no end), and nothing in the data dir is made or changed first.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_KEY_CODES } from '../../main/contract/codes.ts';
import { wordsForCode } from '../../main/contract/words.ts';
import { MAX_ROOT_KEY_BYTES } from '../../main/core/trust/roots.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { installedDataDir, VBUNDLE, VECTORS, VNOW } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';

const BANGLA = /[\u0980-\u09FF]/;

/** Bad root files, each with the code it must get. */
function badRoots(): [string, string, string][] {
  const tmp = tempDataDir('roots');
  const big = path.join(tmp, 'big.pem');
  fs.writeFileSync(big, 'A'.repeat(MAX_ROOT_KEY_BYTES + 1));
  return [
    ['not a key (the cards file)', path.join(VECTORS, 'cards.jsonl'), 'ROOT_KEY_INVALID'],
    ['too large to be a key', big, 'ROOT_KEY_INVALID'],
    ['missing', path.join(tmp, 'missing.pem'), 'UNREADABLE'],
    ['a directory', tmp, 'UNREADABLE'],
    ['a device with no end (/dev/zero)', '/dev/zero', 'UNREADABLE'],
  ];
}

/** Each command that reads roots, against `dir` (an existing data dir). */
const COMMANDS: Record<string, (dir: string) => string[]> = {
  verify: (dir) => ['verify', '--data-dir', dir, '--bundle', VBUNDLE, '--now', VNOW, 'X'],
  'trust verify': () => ['trust', 'verify', VBUNDLE],
  'trust install': (dir) => ['trust', 'install', VBUNDLE, '--data-dir', dir],
  'trust status': (dir) => ['trust', 'status', '--data-dir', dir],
  listen: (dir) => ['listen', '--serial', '/dev/null', '--data-dir', dir],
  start: (dir) => ['start', '--no-window', '--no-usb', '--data-dir', dir],
  sync: (dir) => ['sync', '--once', '--server', 'https://127.0.0.1:9', '--data-dir', dir],
};

/** The files of a data dir with their sizes and times: what a refused run must leave as it was. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    });
}

function expectRefused(args: string[], root: string, code: string, dir: string): void {
  const before = listing(dir);
  const r = runCli([...args, '--root', root]);
  expect(r.status).toBe(3);
  expect(r.stderr).toMatch(/^bmet-kiosk: refused: /);
  expect(jsonLines(r.stdout)).toEqual([{ ok: false, code, message: expect.stringContaining(root) }]);
  expect(listing(dir)).toEqual(before);
}

describe('a refused --root file', () => {
  it.each(badRoots())('%s: exit 3 and the code line', (_what, root, code) => {
    const dir = tempDataDir('roots-dir');
    expectRefused(COMMANDS.verify!(dir), root, code, dir);
  });

  // trust status gets a data dir with a bundle installed: before, the refusal became a "problem" beside it (exit 1).
  it.each(Object.keys(COMMANDS))('%s: exit 3 and the code line, nothing made or started', (command) => {
    const tmp = tempDataDir('roots-dir');
    const dir = command === 'trust status' ? installedDataDir(tmp) : tmp;
    expectRefused(COMMANDS[command]!(dir), path.join(VECTORS, 'cards.jsonl'), 'ROOT_KEY_INVALID', dir);
    expectRefused(COMMANDS[command]!(dir), path.join(tmp, 'missing.pem'), 'UNREADABLE', dir);
  });

  it('each code it can get has words in Bangla and English', () => {
    for (const code of ['UNREADABLE', ...ROOT_KEY_CODES]) {
      const w = wordsForCode(code);
      expect(w?.bn).toMatch(BANGLA);
      expect(w?.en).toMatch(/\w/);
      expect(w?.en).not.toMatch(BANGLA);
    }
  });
});
