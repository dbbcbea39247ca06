/**
 * Finds an Electron binary without importing the `electron` package (whose import tries
 * to download one): ELECTRON_OVERRIDE_DIST_PATH first, as the package itself honours it,
 * then the package's own dist folder. Says why when there is none.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronLookup = { ok: true; path: string } | { ok: false; why: string };

function exeName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

export function findElectron(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronLookup {
  let pkgDir: string | null = null;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    // not installed: only the override can help
  }
  const pathTxt = pkgDir ? path.join(pkgDir, 'path.txt') : null;
  const exe = pathTxt && fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : exeName(platform);
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    return fs.existsSync(p)
      ? { ok: true, path: p }
      : { ok: false, why: `ELECTRON_OVERRIDE_DIST_PATH is set but ${p} does not exist` };
  }
  if (!pkgDir) return { ok: false, why: 'the electron package is not installed (npm install)' };
  const p = path.join(pkgDir, 'dist', exe);
  if (fs.existsSync(p)) return { ok: true, path: p };
  return {
    ok: false,
    why: `no Electron binary at ${p} (its download at npm install failed or was skipped); set ELECTRON_OVERRIDE_DIST_PATH to an Electron 45 folder to use one`,
  };
}
