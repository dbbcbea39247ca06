// Which code the bin runs: the command line built as plain JS under dist/cli (tools/cli-build.ts)
// while it is fresh, else the TypeScript sources. Plain JS, so the bin can ask before any
// TypeScript is loaded. Why a build at all: a one-card `verify` from the sources loads some 50
// modules, each resolved, read and stripped by Node; the built one loads a handful of files.
// Fresh means every file the build read (current.json: path, size and modification time, taken
// before the build read it) is still as it was: a file edited or checked out since makes the bin
// run the sources, never code older than them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * current.json: { build: folder name under dist/cli, at: that folder's real path from the project's
 * real root, files: [path from the project root, size, mtimeMs][] } (tools/cli-build.ts writes it).
 */
export const BUILT_CLI_CURRENT = new URL('../../dist/cli/current.json', import.meta.url);
const PROJECT_ROOT = new URL('../../', import.meta.url);
/** A build folder's name: the time it was made (base-36 ms) and the building process's pid. */
export const BUILD_NAME = /^[a-z0-9]+-[0-9]+$/;

/**
 * The URL of the built entry when its folder is there and every source it was built from is
 * unchanged, else null (not built, built from other sources, current.json unreadable). Never throws.
 * `current` and `root`: current.json and the folder its paths start from (tests give their own).
 */
export function builtCliEntry(current = BUILT_CLI_CURRENT, root = PROJECT_ROOT) {
  try {
    const { build, at, files } = JSON.parse(fs.readFileSync(current, 'utf8'));
    if (typeof build !== 'string' || !BUILD_NAME.test(build)) return null;
    if (!Array.isArray(files) || files.length === 0) return null;
    for (const [rel, size, mtimeMs] of files) {
      const st = fs.statSync(new URL(rel, root), { throwIfNoEntry: false });
      if (!st || st.size !== size || st.mtimeMs !== mtimeMs) return null;
    }
    // Its entry there, and really where the build was made (`at`, from the project's real root):
    // the build's paths to the sources (import.meta.url) start from a chunk's real path, as Node
    // gives it, so a folder moved behind a link since would lead them astray.
    const entry = new URL(`${build}/main.mjs`, current);
    const real = path.dirname(fs.realpathSync(fileURLToPath(entry)));
    const from = path
      .relative(fs.realpathSync(fileURLToPath(root)), real)
      .split(path.sep)
      .join('/');
    return from === at ? entry.href : null;
  } catch {
    return null;
  }
}

/**
 * What the bin imports when it can: builtCliEntry(), except when BMET_CLI_SOURCES=1 or under
 * `--watch` or `--inspect` (Node's watch follows, and a debugger's breakpoints sit in, the files
 * loaded: the sources).
 */
export function freshBuiltCli() {
  if (process.env.BMET_CLI_SOURCES === '1' || process.env.WATCH_REPORT_DEPENDENCIES) return null;
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (flags.some((f) => /^--(inspect|watch)/.test(f))) return null;
  return builtCliEntry();
}
