/**
 * madeHere: notes what of a data dir is not there yet, so that a command that may make a new one
 * (people add, a new kiosk's first person) can take away what it made when it then fails: a failed
 * add must leave no empty kiosk database, nor folders, where a typo pointed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../core/store/data-dir.ts';

/** The database file and the files SQLite keeps beside it. */
const DB_FILES = ['', '-wal', '-shm', '-journal'].map((suffix) => DB_FILE + suffix);

export interface MadeHere {
  /** Removes what was not there when madeHere was called; call it with the store closed. */
  undo(): void;
}

export function madeHere(dataDir: string): MadeHere {
  // The folders missing now, deepest first: the ones opening the store makes (one level at a time).
  const folders: string[] = [];
  for (let d = dataDir; !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) folders.push(d);
  const files = DB_FILES.map((f) => path.join(dataDir, f)).filter((f) => !fs.existsSync(f));
  return {
    undo() {
      // Each step on its own: what cannot be removed (a data dir that is a file has no kiosk.db to
      // remove) must not hide the failure the caller goes on to report.
      for (const f of files) attempt(() => fs.rmSync(f, { force: true }));
      // Only an empty folder goes, deepest first: what another program put there since is not ours.
      for (const d of folders) if (!attempt(() => fs.rmdirSync(d))) return;
    },
  };
}

function attempt(step: () => void): boolean {
  try {
    step();
    return true;
  } catch {
    return false;
  }
}
