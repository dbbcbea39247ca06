// Lint rule for the project's layering (see tools/layering-rules.mjs); exits 1 on any
// violation so `npm test` fails before the structure rots.
import fs from 'node:fs';
import path from 'node:path';
import { checkSource } from './layering-rules.mjs';

const ROOTS = ['main', 'renderer', 'native-bridge', 'keys'];
const EXT = /\.(ts|tsx|mts|js|mjs|cjs)$/;

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') yield* walk(p);
    } else if (EXT.test(e.name)) yield p;
  }
}

const violations = [];
for (const root of ROOTS) {
  if (!fs.existsSync(root)) continue;
  for (const f of walk(root))
    violations.push(...checkSource(f.split(path.sep).join('/'), fs.readFileSync(f, 'utf8')));
}
if (violations.length) {
  console.error(`layering: ${violations.length} violation(s)\n${violations.join('\n')}`);
  process.exit(1);
}
console.error('layering: ok');
