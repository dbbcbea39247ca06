// Which code the bin runs: the command line built as plain JS under dist/cli (tools/cli-build.ts)
// while it is fresh, else the TypeScript sources. Plain JS, so the bin can ask before any
// TypeScript is loaded. Why a build at all: a one-card `verify` from the sources loads some 50
// modules, each resolved, read and stripped by Node; the built one loads a handful of files.
// Fresh means every file the build read (current.json: path, size and modification time, taken
// before the build read it) is still as it was: a file edited or checked out since makes the bin
// run the sources, never code older than them.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** current.json: { build: folder name under dist/cli, files: [path from the project root, size, mtimeMs][] }. */
export const BUILT_CLI_CURRENT = new URL('../../dist/cli/current.json', import.meta.url);
const PROJECT_ROOT = new URL('../../', import.meta.url);
const BUILD_NAME = /^[a-z0-9]+-[0-9]+$/;

/**
 * The URL of the built entry when its folder is there and every source it was built from is
 * unchanged, else null (not built, built from other sources, current.json unreadable). Never throws.
 * `current` and `root`: current.json and the folder its paths start from (tests give their own).
 */
export function builtCliEntry(current = BUILT_CLI_CURRENT, root = PROJECT_ROOT) {
  try {
    const { build, files } = JSON.parse(fs.readFileSync(current, 'utf8'));
    if (typeof build !== 'string' || !BUILD_NAME.test(build)) return null;
    if (!Array.isArray(files) || files.length === 0) return null;
    for (const [rel, size, mtimeMs] of files) {
      const st = fs.statSync(new URL(rel, root), { throwIfNoEntry: false });
      if (!st || st.size !== size || st.mtimeMs !== mtimeMs) return null;
    }
    // The folder where current.json says, not reached through a link: the build's paths to the
    // sources (import.meta.url) start from where Node finds its files, which is their real path.
    const entry = new URL(`${build}/main.mjs`, current);
    return fs.realpathSync(fileURLToPath(entry)) === fileURLToPath(entry) ? entry.href : null;
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
