#!/usr/bin/env node
// bmet-kiosk command line (shared/spec/cli.md). Plain JS so it starts under any Node;
// the code it runs is TypeScript, which Node >= 22.18 loads by stripping types.
import module from 'node:module';
import { freshBuiltCli } from './cli-bundle.mjs';
import { NODE_NEEDED, stripsTypes } from './node-version.mjs';
if (!stripsTypes(process.versions.node)) {
  process.stderr.write(
    `bmet-kiosk needs Node ${NODE_NEEDED} (this is ${process.version}); run it through npm scripts, which use node_modules/.bin/node\n`,
  );
  process.exit(1);
}
// Node's on-disk compile cache (under the OS temp dir, or NODE_COMPILE_CACHE): a start then
// reuses the compiled code of every module instead of parsing it again (NODE_DISABLE_COMPILE_CACHE=1 turns it off).
// The default directory is shared by every user: made by root, it is read-only to the kiosk's
// user (and the other way round), and enabling fails quietly; then a directory of this user's own.
if (module.enableCompileCache?.().status === module.constants?.compileCacheStatus?.FAILED) {
  const { tmpdir } = await import('node:os');
  module.enableCompileCache(`${tmpdir()}/node-compile-cache-${process.getuid?.() ?? 'user'}`);
}
// The built command (dist/cli) while it matches the sources, else the sources themselves.
const { main } = await import(freshBuiltCli() ?? './main.ts');
process.exitCode = await main(process.argv.slice(2));
