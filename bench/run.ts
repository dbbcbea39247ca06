// `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchSection>`)
// and prints one table a section. Sections compare against a baseline measured in the
// same run, because these machines are shared and noisy: read the ratios and medians.
import fs from 'node:fs';
import path from 'node:path';
import { printSection, type BenchSection } from './table.ts';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const f of files) {
  const mod = (await import(path.join(dir, f))) as { run: () => Promise<BenchSection> };
  const section = await mod.run();
  printSection(section);
  failed += section.targets.filter((t) => !t.met).length;
}
console.log(failed ? `\n${failed} target(s) missed` : '\nall targets met');
process.exitCode = failed ? 1 : 0;
