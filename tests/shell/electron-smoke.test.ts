// The Electron shell for real: runs only where an Electron binary and a display exist
// (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH); otherwise it is skipped
// and says why. `start` must open the kiosk window on the vectors' bundle and stay up.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron } from '../../main/cli/electron-binary.ts';
import { CLI, PROJECT_ROOT } from '../helpers/cli.ts';
import { VECTORS, VECTORS_NOW } from '../helpers/kiosk.ts';

const electron = findElectron();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const why = !electron.ok ? electron.why : !display ? 'no display (DISPLAY/WAYLAND_DISPLAY unset)' : '';
if (why) console.warn(`electron smoke test skipped: ${why}`);

describe.skipIf(Boolean(why))('Electron shell (smoke)', () => {
  it('start opens the kiosk window with the bundle in force', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-'));
    const child = spawn(
      process.execPath,
      [
        CLI,
        'start',
        '--data-dir',
        dataDir,
        '--root',
        path.join(VECTORS, 'root.pem'),
        '--bundle',
        path.join(VECTORS, 'bundle.bmettrust'),
        '--now',
        VECTORS_NOW,
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => out.includes('kiosk window open') && resolve());
      exited.then(
        (code) => reject(new Error(`electron exited ${code} before opening its window:\n${err}`)),
        reject,
      );
    });
    expect(out).toContain('kiosk window open (production)');
    child.kill('SIGTERM');
    await exited;
  }, 120_000);
});
