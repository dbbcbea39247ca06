/** Schema 2: people (officers, supervisors, technicians) and the append-only audit log. */
import type { Migration } from './migration.ts';

export const migration002: Migration = {
  version: 2,
  name: 'people and audit log',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'technician')),
        pin_hash        TEXT NOT NULL,
        disabled        INTEGER NOT NULL DEFAULT 0,
        failed_pins     INTEGER NOT NULL DEFAULT 0,
        locked_until_ms INTEGER,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit (
        seq    INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_action ON audit (action, seq);

      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
