/** The shape of one numbered migration: `up` runs inside a transaction that also sets user_version. */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
