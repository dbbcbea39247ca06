// A data dir is development or production from its creation, and `start` of the other kind
// refuses it: `start --dev` on a production kiosk's data dir would check its cards against the
// public development root and sync them to BMET as that kiosk; a development dir (demo accounts
// with PINs anyone can read) started as production would let anyone sign in.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type DataDirMode } from '../../main/core/store/store.ts';
import { PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { startKiosk } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';

const DEV_ROOT = path.join(PROJECT_ROOT, 'fixtures/keys/dev-root.pem');
const devFixtures =
  fs.existsSync(DEV_ROOT) && fs.existsSync(path.join(PROJECT_ROOT, 'fixtures/dev-bundle.bmettrust'));

function madeFor(mode: DataDirMode): { dir: string; auditRows: () => number } {
  const dir = tempDataDir(`mode-${mode}`);
  openStore({ dataDir: dir, mode }).close();
  const auditRows = () => {
    const s = openStore({ dataDir: dir, retentionAtStart: false });
    try {
      return s.auditEntries(0, 10_000).length;
    } finally {
      s.close();
    }
  };
  return { dir, auditRows };
}

describe.skipIf(!devFixtures)('start on a data dir of the other kind', () => {
  const cases: [string, DataDirMode, string[]][] = [
    ['--dev on a production data dir', 'production', ['--dev']],
    ['a production run (its own root) on a development data dir', 'development', ['--root', DEV_ROOT]],
  ];
  it.each(cases)(
    '%s: refused before anything starts, exit 1 with STORE_OTHER_MODE, the dir as it was',
    (_what, mode, args) => {
      const { dir, auditRows } = madeFor(mode);
      const before = auditRows();
      const r = runCli(['start', '--no-window', '--no-usb', '--port', '0', '--data-dir', dir, ...args]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /STORE_OTHER_MODE: .* was made for (production|development); a (development|production) run will not use it/,
      );
      expect(r.stdout).not.toMatch(/^http/m); // no address: the screens were never served
      expect(auditRows()).toBe(before);
      expect(openStore({ dataDir: dir, retentionAtStart: false }).mode()).toBe(mode);
    },
  );

  it('a run of the same kind starts as before (development on development)', async () => {
    const { dir } = madeFor('development');
    const kiosk = await startKiosk(['--dev', '--no-usb'], dir);
    expect(kiosk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await kiosk.stop()).toBe(0);
  });
});
