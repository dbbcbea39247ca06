/** Schema 3: installed trust bundles, bytes and all, so an install is one transaction. */
import type { Migration } from './migration.ts';

export const migration003: Migration = {
  version: 3,
  name: 'trust bundles',
  up(db) {
    db.exec(`
      -- The bundle in force is the row with the highest id; the one before it is kept too.
      CREATE TABLE trust_bundles (
        id           INTEGER PRIMARY KEY,
        version      INTEGER NOT NULL,
        sha256       TEXT NOT NULL,
        bytes        BLOB NOT NULL,
        issued_at    TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        actor        TEXT NOT NULL,
        source       TEXT NOT NULL
      ) STRICT;
    `);
  },
};
