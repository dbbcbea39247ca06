/**
 * `npm start [-- ARGS]`: `bmet-kiosk start --dev ARGS`, once `tools/app-build.ts --if-stale` has
 * built the screens and the shell that are older than their sources. `--help` (or `-h`) reaches
 * the CLI's usage without building anything: npm appends the arguments to the script's last
 * command only, so a build step before it could not see them.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { wantsHelp } from '../main/cli/usage.ts';

const args = process.argv.slice(2);
if (!wantsHelp(args)) {
  // Its own process, as before: the build's modules and handles never live on in the kiosk's.
  const build = spawnSync(process.execPath, [path.join(import.meta.dirname, 'app-build.ts'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The CLI reads its arguments from process.argv, as when run as `node main/cli/bin.mjs start --dev …`.
const bin = path.resolve(import.meta.dirname, '../main/cli/bin.mjs');
process.argv = [process.argv[0]!, bin, 'start', '--dev', ...args];
await import(pathToFileURL(bin).href);
