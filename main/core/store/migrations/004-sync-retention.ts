/** Schema 4: outbox acknowledgement, retention redaction, and the sync engine's own state. */
import type { Migration } from './migration.ts';

export const migration004: Migration = {
  version: 4,
  name: 'outbox sync state and retention',
  up(db) {
    db.exec(`
      ALTER TABLE verifications ADD COLUMN synced_at TEXT;
      ALTER TABLE verifications ADD COLUMN redacted_at TEXT;

      CREATE INDEX verifications_unsynced ON verifications (seq) WHERE synced_at IS NULL;
      CREATE INDEX verifications_redactable ON verifications (scanned_ms)
        WHERE synced_at IS NOT NULL AND redacted_at IS NULL;

      -- synced_at and redacted_at are set once.
      CREATE TRIGGER verifications_marks_once BEFORE UPDATE OF synced_at, redacted_at ON verifications
      WHEN (OLD.synced_at IS NOT NULL AND NEW.synced_at IS NOT OLD.synced_at)
        OR (OLD.redacted_at IS NOT NULL AND NEW.redacted_at IS NOT OLD.redacted_at)
      BEGIN SELECT RAISE(ABORT, 'synced_at and redacted_at are set once'); END;

      CREATE TABLE sync_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
