// What no command handles itself still ends with a code and a message: UNEXPECTED on stdout's
// {"ok":false} line and on stderr. A system error (the file system's answer) is its message alone,
// no stack; any other error is named a fault in bmet-kiosk, with the stack to report it by.
// Before, main printed the bare stack of either, exit 1, and no line for programs.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../main/cli/main.ts';
import { jsonLines } from '../helpers/cli.ts';

let failWith: () => never = () => {
  throw new Error('unset');
};
// The command stands for any: main sees only what it throws.
vi.mock('../../main/cli/commands/log.ts', () => ({ runLog: async () => failWith() }));

afterEach(() => vi.restoreAllMocks());

async function run(): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const status = await main(['log', 'verify']);
  vi.restoreAllMocks();
  return { status, stdout, stderr };
}

describe('an error no command handles', () => {
  it('a file-system error: UNEXPECTED with its message, no stack', async () => {
    failWith = () => {
      fs.openSync('/nonexistent-bmet-folder/file', 'r');
      throw new Error('opened a file that cannot be there');
    };
    const r = await run();
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)).toEqual([
      {
        ok: false,
        code: 'UNEXPECTED',
        message: expect.stringContaining(
          "ENOENT: no such file or directory, open '/nonexistent-bmet-folder/file'",
        ),
      },
    ]);
    expect(r.stderr).toMatch(
      /^bmet-kiosk: UNEXPECTED: ENOENT: no such file or directory, open '\/nonexistent-bmet-folder\/file'/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a fault in the code: UNEXPECTED, named a fault to report, with its stack', async () => {
    failWith = () => {
      throw new TypeError('x.y is not a function');
    };
    const r = await run();
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)).toEqual([
      { ok: false, code: 'UNEXPECTED', message: expect.stringContaining('TypeError: x.y is not a function') },
    ]);
    expect(r.stderr).toMatch(
      /^bmet-kiosk: UNEXPECTED: TypeError: x\.y is not a function: a fault in bmet-kiosk, not in what it was given; please report it/,
    );
    expect(r.stderr).toMatch(/\n\s+at /); // the stack, for the report
  });
});
