/** Schema 6: the boarding-pass checks the desk makes (main/core/store/trip-log.ts). */
import { TRIP_CHECKS_SCHEMA } from '../trip-log.ts';
import type { Migration } from './migration.ts';

export const migration006: Migration = {
  version: 6,
  name: 'trip checks',
  up(db) {
    db.exec(TRIP_CHECKS_SCHEMA);
  },
};
