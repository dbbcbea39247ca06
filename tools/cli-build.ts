/**
 * Builds the command line (main/cli/main.ts and what it imports) as plain JS, for
 * main/cli/bin.mjs to run instead of the TypeScript sources while they are unchanged. Why: a
 * one-card `verify` from the sources makes Node resolve, read and strip some 50 modules; the
 * built one loads a handful of files (~20 ms less a start, `npm run bench -- startup`).
 *
 * Each build goes into a folder of its own under dist/cli and is never changed after; current.json
 * then names it, with every file the build read (size and modification time, taken before it was
 * read). A process that started on the previous build still finds that build's lazily loaded chunks:
 * a build removes only the folders older than the one it replaces. ensureBuilt builds under a lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import MagicString from 'magic-string';
import type { build as viteBuild } from 'vite';

import { fileURLToPath } from 'node:url';
import { CLI_OUT, PROJECT_ROOT } from '../main/app/paths.ts';
import { BUILD_NAME, BUILT_CLI_CURRENT } from '../main/cli/cli-bundle.mjs';

/**
 * The packages the built command carries inside it: the card decoder's, loaded by every `verify`,
 * whose resolution through node_modules is start-up time. Every other package stays external.
 */
export const CLI_BUNDLED_PACKAGES = ['cbor-x', 'pako'];

/** Vite's build options for code that runs in Node (the CLI here, the Electron shell's main in app-build). */
export const NODE_BUILD = { emptyOutDir: true, ssr: true, target: 'node22', minify: false } as const;

/**
 * What current.json holds: the build folder's name; `at`, that folder's real path from the project's
 * real root (its paths to the sources start there); [path from the project root, size, mtimeMs] a file.
 */
export interface CliCurrent {
  build: string;
  at: string;
  files: [string, number, number][];
}

/** Files that make a build without being in it: a change to the recipe or the packages is a change too. */
const RECIPE = ['tools/cli-build.ts', 'package.json', 'package-lock.json'];

/** The package a bare import names ('cbor-x/decode' → 'cbor-x', '@scope/p/x' → '@scope/p'); null for a path or a builtin. */
export function packageOf(id: string): string | null {
  if (id.startsWith('.') || id.startsWith('\0') || path.isAbsolute(id) || id.startsWith('node:')) return null;
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * `code` of the source file `file` with each `import.meta.url` made that file's own URL, reached
 * from the build folder `outDir`: paths made from it (the project root, keys/roots, package.json)
 * stay what they were in the source. import.meta.dirname/filename would not, so they refuse. With
 * the source map of the change, so the build's map still leads back to the source's lines.
 */
export function pinImportMetaUrl(code: string, file: string, outDir: string): { code: string; map: string } {
  if (/\bimport\.meta\.(dirname|filename)\b/.test(code)) {
    throw new Error(
      `${file} uses import.meta.dirname or .filename: the CLI build keeps only import.meta.url`,
    );
  }
  const own = JSON.stringify(posix(path.relative(outDir, file)));
  const s = new MagicString(code);
  for (const m of code.matchAll(/\bimport\.meta\.url\b/g)) {
    s.overwrite(m.index, m.index + m[0].length, `new URL(${own}, import.meta.url).href`);
  }
  return { code: s.toString(), map: s.generateMap({ hires: true, source: file }).toString() };
}

/** The time a build folder's name was made at (its first part, base 36 ms), NaN for another name. */
const builtAt = (name: string) => (BUILD_NAME.test(name) ? parseInt(name, 36) : NaN);

/** Builds into a new folder under `outRoot`, names it in current.json, and removes the builds before the last. */
export async function buildCli(build: typeof viteBuild, outRoot = CLI_OUT): Promise<void> {
  const id = `${Date.now().toString(36)}-${process.pid}`;
  // The real folder, should dist/cli be a link: Node gives a chunk's import.meta.url by real path.
  fs.mkdirSync(outRoot, { recursive: true });
  const outDir = path.join(fs.realpathSync(outRoot), id);
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const read = new Map<string, [number, number]>();
  const stat = (file: string) => {
    const st = fs.statSync(file);
    read.set(file, [st.size, st.mtimeMs]);
  };
  const recipe = RECIPE.map((f) => path.join(PROJECT_ROOT, f));
  recipe.forEach(stat);
  let files: CliCurrent['files'] = [];
  await build({
    configFile: false,
    logLevel: 'warn',
    root: PROJECT_ROOT,
    publicDir: false,
    plugins: [
      {
        name: 'bmet-cli-sources',
        // Before the file is read: an edit while building then shows as a newer file, never an older one.
        load(file) {
          if (path.isAbsolute(file)) stat(file);
          return null;
        },
        transform(code, file) {
          if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) return null;
          return pinImportMetaUrl(code, file, outDir);
        },
        generateBundle() {
          files = [...new Set([...recipe, ...this.getModuleIds()])]
            .filter((file) => path.isAbsolute(file))
            .map((file) => {
              const st = read.get(file);
              if (!st) throw new Error(`${file} is in the CLI build but was never read`);
              return [posix(path.relative(PROJECT_ROOT, file)), ...st];
            });
        },
      },
    ],
    build: {
      ...NODE_BUILD,
      outDir,
      // Read only to name the source lines of an UNEXPECTED failure's stack (main/cli/source-stack.ts).
      sourcemap: true,
      rolldownOptions: {
        input: { main: path.join(PROJECT_ROOT, 'main/cli/main.ts') },
        external: (spec) => {
          if (node.has(spec)) return true;
          const pkg = packageOf(spec);
          return pkg !== null && !CLI_BUNDLED_PACKAGES.includes(pkg);
        },
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
    ssr: { noExternal: CLI_BUNDLED_PACKAGES },
  });
  if (!files.length) throw new Error('the CLI build read no sources');
  const current = path.join(outRoot, path.basename(fileURLToPath(BUILT_CLI_CURRENT)));
  const previous = readCurrent(current)?.build;
  const at = posix(path.relative(fs.realpathSync(PROJECT_ROOT), outDir));
  const next: CliCurrent = { build: id, at, files };
  fs.writeFileSync(`${current}.${process.pid}`, `${JSON.stringify(next)}\n`);
  fs.renameSync(`${current}.${process.pid}`, current);
  // Only the builds made before the one replaced: a process started on that one still finds its
  // chunks, and a build begun meanwhile (a newer name, still being written) is left alone.
  const before = previous ? builtAt(previous) : builtAt(id);
  for (const e of fs.readdirSync(outRoot, { withFileTypes: true })) {
    if (e.isDirectory() && builtAt(e.name) < before && e.name !== id) {
      fs.rmSync(path.join(outRoot, e.name), { recursive: true, force: true });
    }
  }
}

/** current.json as written, or null when missing or not one. */
function readCurrent(file: string): CliCurrent | null {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as CliCurrent;
    return typeof c.build === 'string' ? c : null;
  } catch {
    return null;
  }
}
