/**
 * Builds what the kiosk app runs besides the core: the screens (renderer/ → dist/renderer)
 * and the Electron shell (main/shell → dist/shell: main.mjs, ESM with the packages left
 * external; preload.cjs, one self-contained CommonJS file, as a sandboxed preload must be).
 * `ensureBuilt` rebuilds only what is older than its sources. Run directly: builds both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_OUT = path.join(PROJECT_ROOT, 'dist/renderer');
export const SHELL_OUT = path.join(PROJECT_ROOT, 'dist/shell');
export const SHELL_MAIN = path.join(SHELL_OUT, 'main.mjs');
export const SHELL_PRELOAD = path.join(SHELL_OUT, 'preload.cjs');

const RENDERER_SOURCES = ['renderer', 'main/contract', 'package-lock.json'];
const SHELL_SOURCES = ['main/shell', 'main/core', 'main/contract', 'package-lock.json'];

function newestMtime(rel: string): number {
  const p = path.join(PROJECT_ROOT, rel);
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(rel, e)));
  return newest;
}

function stale(output: string, sources: string[]): boolean {
  let built: number;
  try {
    built = fs.statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((s) => newestMtime(s) > built);
}

async function vite() {
  try {
    return await import('vite');
  } catch {
    throw new Error('the screens are not built (dist/renderer) and Vite is not installed to build them: run npm install');
  }
}

export async function buildRenderer(): Promise<void> {
  const { build } = await vite();
  await build({
    root: path.join(PROJECT_ROOT, 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: RENDERER_OUT,
      emptyOutDir: true,
      // Fonts stay files: the screens' CSP allows fonts from 'self' only, not data: URLs.
      assetsInlineLimit: 0,
      target: 'chrome120',
    },
  });
}

/** `outDir`: elsewhere than dist/shell (tests build there, so a running kiosk's shell is never emptied under it). */
export async function buildShell(outDir = SHELL_OUT): Promise<void> {
  const { build } = await vite();
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  const external = [...node, 'electron', ...Object.keys(pkg.dependencies ?? {})];
  const common = { configFile: false as const, logLevel: 'warn' as const, root: PROJECT_ROOT, publicDir: false as const };
  await build({
    ...common,
    build: {
      outDir,
      emptyOutDir: true,
      ssr: true,
      target: 'node22',
      minify: false,
      rolldownOptions: {
        input: { main: path.join(PROJECT_ROOT, 'main/shell/main.ts') },
        external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  await build({
    ...common,
    build: {
      outDir,
      emptyOutDir: false,
      ssr: true,
      target: 'chrome120',
      minify: false,
      rolldownOptions: {
        input: { preload: path.join(PROJECT_ROOT, 'main/shell/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
    ssr: { noExternal: true },
  });
}

/** Builds the screens, and the shell when `shell` is set, if they are missing or older than their sources. */
export async function ensureBuilt(opts: { shell: boolean }, log: (msg: string) => void): Promise<void> {
  if (stale(path.join(RENDERER_OUT, 'index.html'), RENDERER_SOURCES)) {
    log('building the screens (dist/renderer)…');
    await buildRenderer();
  }
  if (opts.shell && (stale(SHELL_MAIN, SHELL_SOURCES) || stale(SHELL_PRELOAD, SHELL_SOURCES))) {
    log('building the Electron shell (dist/shell)…');
    await buildShell();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildRenderer();
  await buildShell();
  process.stderr.write(`built ${path.relative(PROJECT_ROOT, RENDERER_OUT)} and ${path.relative(PROJECT_ROOT, SHELL_OUT)}\n`);
}
