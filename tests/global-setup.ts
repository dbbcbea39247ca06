/**
 * Before the suite: builds the screens, the CLI (dist/cli, which every CLI test then runs) and the
 * shell when they are older than their sources (the e2e tests run what `npm start` runs), and gives
 * the run one temporary directory of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../tools/app-build.ts';

export default async function setup(): Promise<() => void> {
  await ensureBuilt({ shell: true }, (m) => process.stderr.write(`test setup: ${m}\n`));
  // Every data dir, stick, pty link and browser profile the tests and the kiosks they start make
  // goes under os.tmpdir(): pointed here (the test workers and their children inherit TMPDIR), it
  // all goes at the end instead of piling up in /tmp run after run.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-tests-'));
  process.env.TMPDIR = runDir;
  return () => {
    try {
      fs.rmSync(runDir, { recursive: true, force: true });
    } catch (err) {
      // A mount a failed test left behind (the tmpfs tests) keeps its folder: say so, do not fail the run.
      process.stderr.write(`test teardown: could not remove ${runDir}: ${(err as Error).message}\n`);
    }
  };
}
