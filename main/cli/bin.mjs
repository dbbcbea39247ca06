#!/usr/bin/env node
// bmet-kiosk command line (shared/spec/cli.md). Plain JS so it starts under any Node;
// the code it runs is TypeScript, which Node >= 22.18 loads by stripping types.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `bmet-kiosk needs Node >= 22.18 (this is ${process.version}); run it through npm scripts, which use node_modules/.bin/node\n`,
  );
  process.exit(1);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
