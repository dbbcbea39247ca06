/** Every migration, in order; the last one's version is the schema this code writes. */
import { migration001 } from './001-verification-log.ts';
import { migration002 } from './002-people-audit.ts';
import { migration003 } from './003-trust-bundles.ts';
import { migration004 } from './004-sync-retention.ts';
import { migration005 } from './005-trust-signers.ts';
import { migration006 } from './006-trip-checks.ts';
import type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
