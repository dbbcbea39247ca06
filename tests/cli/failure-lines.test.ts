// Failures that still reached a program with no code: each now gives the {"ok":false,"code","message"}
// line on stdout, exit 1, as every other failure does (cli.md: output meant for programs is JSON on stdout).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVICE_PUB_FILE } from '../../main/core/device/identity.ts';
import { jsonLines, PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { installedDataDir } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';

describe('failures that had no code line', () => {
  // The system refuses to write it (here a folder where its public copy goes): its message was on stderr alone.
  it('provision whose device key cannot be written: UNEXPECTED, naming the file and the system answer', () => {
    const dir = tempDataDir('provision-unmade');
    fs.mkdirSync(path.join(dir, DEVICE_PUB_FILE));
    const r = runCli(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)).toEqual([
      {
        ok: false,
        code: 'UNEXPECTED',
        message: expect.stringMatching(/^the device key cannot be made in .*: EISDIR: .*device-key/),
      },
    ]);
    expect(r.stderr).toMatch(/^bmet-kiosk: UNEXPECTED: the device key cannot be made/);
  });

  // The installed facts stay beside it: the line had "ok": false and a "problem", but no code.
  it('trust status whose installed bundle does not open under the run roots: its code and message', () => {
    const dir = installedDataDir();
    const r = runCli([
      'trust',
      'status',
      '--data-dir',
      dir,
      '--root',
      path.join(PROJECT_ROOT, 'tests/cli/other-root.pem'),
    ]);
    expect(r.status).toBe(1);
    const [line, ...more] = jsonLines(r.stdout);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      ok: false,
      code: 'BUNDLE_SIGNATURE_INVALID',
      message: expect.stringMatching(/does not open against these roots/),
      version: expect.any(Number),
    });
    expect(line!.problem).toBe(line!.message);
    expect(r.stderr).toMatch(/^bmet-kiosk: BUNDLE_SIGNATURE_INVALID: the installed trust bundle/);
  });
});
