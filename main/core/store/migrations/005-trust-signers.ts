/**
 * Schema 5: which root kids signed each stored trust bundle, so the bundle in force under a
 * run's roots (the newest row that opens under them) is chosen without opening every row.
 */
import type { Migration } from './migration.ts';

export const migration005: Migration = {
  version: 5,
  name: 'trust bundle signers',
  up(db) {
    db.exec(`
      -- JSON arrays of kids. signature_kids: every kid the bundle's signatures name, verified
      -- or not (roots holding fewer than their threshold of these cannot open the row).
      -- signed_by: the kids whose signatures held under the roots of the install.
      -- Rows from before this schema have neither; they are opened to find out.
      ALTER TABLE trust_bundles ADD COLUMN signature_kids TEXT;
      ALTER TABLE trust_bundles ADD COLUMN signed_by TEXT;
    `);
  },
};
