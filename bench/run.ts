// `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchSection>`)
// and prints one table a section. Sections compare against a baseline measured in the
// same run, because these machines are shared and noisy: read the ratios and medians.
import fs from 'node:fs';
import path from 'node:path';
import { printSection, type BenchSection } from './table.ts';

const dir = import.meta.dirname;
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const names = all.map((f) => f.replace(/\.bench\.ts$/, ''));
const USAGE = `usage: npm run bench [-- NAME …]
Runs every benchmark, or those whose file name contains a NAME given, and prints a table a section;
exit 1 when a target is missed. Names: ${names.join(', ')}`;
const only = process.argv.slice(2);
if (only.includes('--help') || only.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
// A name that matches no benchmark (or an option: there are none) runs nothing: say so rather than "all targets met".
const unknown = only.filter((o) => o.startsWith('-') || !all.some((f) => f.includes(o)));
if (unknown.length) {
  console.error(`bench: no benchmark named ${unknown.map((o) => `'${o}'`).join(', ')}\n${USAGE}`);
  process.exit(2);
}
const files = all.filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const f of files) {
  const mod = (await import(path.join(dir, f))) as { run: () => Promise<BenchSection> };
  const section = await mod.run();
  printSection(section);
  failed += section.targets.filter((t) => !t.met).length;
}
console.log(failed ? `\n${failed} target(s) missed` : '\nall targets met');
process.exitCode = failed ? 1 : 0;
