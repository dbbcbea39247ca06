// A kiosk restarted half-way through first-boot setup (its id, key and a BMET address already
// saved, setup not finished) does not sync at boot: setup may still change the address. Sync
// starts when setup finishes, with the address setup ended on.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { SETUP_CODE_ENV, SETUP_HANDLERS } from '../../main/app/first-boot.ts';
import { runCli } from '../helpers/cli.ts';
import { VBUNDLE, VROOT } from '../helpers/kiosk-data.ts';
import { VECTORS_NOW } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';

const open: BootedKiosk[] = [];
const envBefore = process.env[SETUP_CODE_ENV];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
  if (envBefore === undefined) delete process.env[SETUP_CODE_ENV];
  else process.env[SETUP_CODE_ENV] = envBefore;
});

describe('sync and first-boot setup', () => {
  it('a kiosk restarted mid-setup does not sync at boot; Finish starts it on the final address', async () => {
    const tmp = tempDataDir('setup-sync');
    const dataDir = path.join(tmp, 'data');
    const prov = runCli([
      'provision',
      '--data-dir',
      dataDir,
      '--kiosk-id',
      'DAC-T1-D03',
      '--server',
      'http://127.0.0.1:9/',
    ]);
    expect(prov.status, prov.stderr).toBe(0);
    const codeFile = path.join(tmp, 'setup-code');
    fs.writeFileSync(codeFile, '1234-5678-9012\n', { mode: 0o600 });
    process.env[SETUP_CODE_ENV] = codeFile;

    const k = await bootKiosk({
      dataDir,
      roots: { kind: 'command-line', files: [VROOT] },
      bundleFile: VBUNDLE,
      nowMs: Date.parse(VECTORS_NOW),
      noLog: false,
      officer: 'UNSIGNED',
      usb: false,
    });
    open.push(k);
    expect(k.service.status().sync).toMatchObject({
      phase: 'off',
      lastError: { code: 'SYNC_NOT_PROVISIONED' },
    });

    // The technician corrects the address, then finishes.
    expect(SETUP_HANDLERS.server(k.service, { url: 'http://127.0.0.1:10/' }, 'TC-1')).toMatchObject({
      ok: true,
    });
    expect(SETUP_HANDLERS.finish(k.service, 'TC-1')).toMatchObject({ ok: true });
    const sync = k.service.status().sync;
    expect(sync?.phase).not.toBe('off');
    expect(sync).toMatchObject({ kioskId: 'DAC-T1-D03', server: 'http://127.0.0.1:10' });
  });
});
