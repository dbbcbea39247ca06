/** Builds the screens and the shell before the suite when they are older than their sources: the e2e tests run what `npm start` runs. */
import { ensureBuilt } from '../tools/app-build.ts';

export default async function setup(): Promise<void> {
  await ensureBuilt({ shell: true }, (m) => process.stderr.write(`test setup: ${m}\n`));
}
