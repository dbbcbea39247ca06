/** Schema 1: the verification log (hash-chained, append-only) and the settings table. */
import type { Migration } from './migration.ts';

export const migration001: Migration = {
  version: 1,
  name: 'verification log',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One row per verdict. The wire record of sync-protocol.md is seq, id, scanned_at,
      -- officer_id, status, reasons, clearance_id, passport, destination, visa_type, kid,
      -- qr_sha256, prev_hash; hash covers exactly those. The rest is local.
      CREATE TABLE verifications (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        scanned_at   TEXT NOT NULL,
        scanned_ms   INTEGER NOT NULL,
        local_date   TEXT NOT NULL,
        local_hour   INTEGER NOT NULL,
        officer_id   TEXT NOT NULL,
        kiosk_id     TEXT,
        status       TEXT NOT NULL CHECK (status IN ('valid', 'warning', 'invalid')),
        reasons      TEXT NOT NULL,
        rule_texts   TEXT,
        clearance_id TEXT,
        passport     TEXT,
        name         TEXT,
        destination  TEXT,
        visa_type    TEXT,
        kid          TEXT,
        qr_sha256    TEXT NOT NULL,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
      ) STRICT;

      -- DUPLICATE_SCAN: accepted verdicts of one clearance within a time window.
      CREATE INDEX verifications_accepted_cid ON verifications (clearance_id, scanned_ms)
        WHERE status IN ('valid', 'warning');
      -- The daily report reads one local day.
      CREATE INDEX verifications_local_date ON verifications (local_date);

      CREATE TRIGGER verifications_no_delete BEFORE DELETE ON verifications
      BEGIN SELECT RAISE(ABORT, 'verification records are never deleted'); END;

      CREATE TRIGGER verifications_immutable BEFORE UPDATE OF
        seq, id, scanned_at, scanned_ms, local_date, local_hour, officer_id, kiosk_id, status,
        reasons, rule_texts, clearance_id, destination, visa_type, kid, qr_sha256, prev_hash, hash
      ON verifications
      BEGIN SELECT RAISE(ABORT, 'verification records are append-only'); END;

      -- Personal fields may only ever be cleared (retention), never changed.
      CREATE TRIGGER verifications_redact_only BEFORE UPDATE OF passport, name ON verifications
      WHEN (NEW.passport IS NOT NULL AND NEW.passport IS NOT OLD.passport)
        OR (NEW.name IS NOT NULL AND NEW.name IS NOT OLD.name)
      BEGIN SELECT RAISE(ABORT, 'personal fields can only be cleared'); END;
    `);
  },
};
