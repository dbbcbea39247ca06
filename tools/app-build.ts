/**
 * Builds what the kiosk app runs besides the core: the screens (renderer/ → dist/renderer),
 * the command line (main/cli → dist/cli, plain JS that starts faster than the sources)
 * and the Electron shell (main/shell → dist/shell: main.mjs, ESM with the packages left
 * external; preload.cjs, one self-contained CommonJS file, as a sandboxed preload must be).
 * `ensureBuilt` rebuilds only what is out of date: older than its sources, or for the command line
 * what no longer matches the files its build read. Run directly: builds all three;
 * with `--if-stale` (what `npm start` and the tests run first) only what is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

import { builtCliEntry } from '../main/cli/cli-bundle.mjs';
import { buildCli, NODE_BUILD } from './cli-build.ts';
import {
  CLI_OUT,
  PROJECT_ROOT,
  RENDERER_OUT,
  SHELL_MAIN,
  SHELL_OUT,
  SHELL_PRELOAD,
} from '../main/app/paths.ts';

const RENDERER_SOURCES = ['renderer', 'decode', 'main/contract', 'package-lock.json'];
const SHELL_SOURCES = [
  'main/shell',
  'main/app',
  'main/core',
  'main/contract',
  'native-bridge',
  'decode',
  'package-lock.json',
];

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
    throw new Error(
      'the screens are not built (dist/renderer) and Vite is not installed to build them: run npm install',
    );
  }
}

export async function buildRenderer(outDir = RENDERER_OUT): Promise<void> {
  const { build } = await vite();
  await build({
    root: path.join(PROJECT_ROOT, 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      // Fonts stay files: the screens' CSP allows fonts from 'self' only, not data: URLs.
      assetsInlineLimit: 0,
      target: 'chrome120',
      // Two pages: the screens, and the supervisor's A4 report that main prints to PDF (main/app/report-printer.ts).
      rolldownOptions: {
        input: {
          index: path.join(PROJECT_ROOT, 'renderer/index.html'),
          print: path.join(PROJECT_ROOT, 'renderer/print.html'),
        },
      },
    },
  });
}

/** `outDir`: elsewhere than dist/shell (tests build there, so a running kiosk's shell is never emptied under it). */
export async function buildShell(outDir = SHELL_OUT): Promise<void> {
  const { build } = await vite();
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  const external = [...node, 'electron', ...Object.keys(pkg.dependencies ?? {})];
  const common = {
    configFile: false as const,
    logLevel: 'warn' as const,
    root: PROJECT_ROOT,
    publicDir: false as const,
  };
  await build({
    ...common,
    build: {
      ...NODE_BUILD,
      outDir,
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

/**
 * Several processes may ask at once (parallel test runs, `npm start` beside them): one builds
 * while the others wait on a lock directory, and each output folder is built aside and then
 * swapped in, so a running kiosk never serves a half-written folder.
 */
export async function withBuildLock<T>(
  fn: () => Promise<T>,
  log: (msg: string) => void = () => undefined,
  lock = path.join(PROJECT_ROOT, 'dist/.build-lock'),
): Promise<T> {
  const holderFile = path.join(lock, 'pid');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let said = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(holderFile, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = holderOf(holderFile);
      // A lock left by a build that died (Ctrl-C, killed) is taken over at once when its process is
      // gone, and after ten minutes when it never wrote its pid.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (holder > 0 ? !alive(holder) : age > 600_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!said) log(`waiting for another build to finish (${holder > 0 ? `pid ${holder}` : 'starting'})…`);
      said = true;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The pid the lock's holder wrote; 0 while it has not yet (or the lock has just gone). */
function holderOf(file: string): number {
  try {
    return Number(fs.readFileSync(file, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/** Whether process `pid` still runs (signal 0 checks without sending; EPERM: it runs as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Builds into a sibling folder with `build`, then swaps it in for `outDir`. */
async function buildAside(outDir: string, build: (dir: string) => Promise<void>): Promise<void> {
  const fresh = `${outDir}.new-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  await build(fresh);
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  fs.renameSync(fresh, outDir);
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Builds the screens, the command line, and the shell when `shell` is set, if they are missing or
 * older than their sources.
 */
export async function ensureBuilt(opts: { shell: boolean }, log: (msg: string) => void): Promise<void> {
  const rendererStale = () => stale(path.join(RENDERER_OUT, 'index.html'), RENDERER_SOURCES);
  // By the build's own list, as the bin decides (main/cli/cli-bundle.mjs): a source changed during the
  // build, or a package the build carries, makes it stale here too.
  const cliStale = () => builtCliEntry() === null;
  const shellStale = () =>
    opts.shell && (stale(SHELL_MAIN, SHELL_SOURCES) || stale(SHELL_PRELOAD, SHELL_SOURCES));
  if (!rendererStale() && !cliStale() && !shellStale()) return;
  await withBuildLock(async () => {
    // Checked again under the lock: another process may have just built it.
    if (rendererStale()) {
      log('building the screens (dist/renderer)…');
      await buildAside(RENDERER_OUT, buildRenderer);
    }
    if (cliStale()) {
      log('building the command line (dist/cli)…');
      await buildCli((await vite()).build);
    }
    if (shellStale()) {
      log('building the Electron shell (dist/shell)…');
      await buildAside(SHELL_OUT, buildShell);
    }
  }, log);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'usage: node tools/app-build.ts [--if-stale]\n  builds dist/renderer (the screens), dist/cli (the command line) and dist/shell (the Electron shell); --if-stale: only what is out of date\n',
    );
  } else if (args.includes('--if-stale')) {
    await ensureBuilt({ shell: true }, (m) => process.stderr.write(`app-build: ${m}\n`));
  } else {
    await withBuildLock(
      async () => {
        await buildRenderer();
        await buildCli((await vite()).build);
        await buildShell();
      },
      (m) => process.stderr.write(`app-build: ${m}\n`),
    );
    const built = [RENDERER_OUT, CLI_OUT, SHELL_OUT].map((d) => path.relative(PROJECT_ROOT, d));
    process.stderr.write(`built ${built.join(', ')}\n`);
  }
}
