/**
 * openLogReader: the verification log's chain and the audit log, read-only and as they are,
 * also in a data dir of an older schema (which a read-only open cannot migrate and a Store
 * cannot be built on): what `log verify` and `log audit` read. Nothing in the data dir changes.
 */
import type { AuditEntry } from './audit.ts';
import { AuditLog } from './audit.ts';
import { verifyChain, type ChainReport } from './chain.ts';
import { openDatabase } from './database.ts';
import { storeErrorFrom } from './errors.ts';

export interface LogReader {
  readonly file: string;
  /** The file's schema version (user_version), which may be older than this code's. */
  readonly schemaVersion: number;
  /** verifyChain (chain.ts) on the verifying run's clock; it copes with every schema version. */
  verifyChain(): ChainReport;
  /** Audit entries after `afterSeq`; none in a schema from before the audit log (version 1). */
  auditEntries(afterSeq?: number, limit?: number): AuditEntry[];
  close(): void;
}

export function openLogReader(opts: { dataDir: string; now?: () => number }): LogReader {
  const { db, file } = openDatabase({ dataDir: opts.dataDir, readonly: true, asItIs: true });
  const now = opts.now ?? Date.now;
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw storeErrorFrom(err, file);
    }
  };
  const hasAudit =
    (db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit'")
      .pluck()
      .get() as number) > 0;
  const audit = hasAudit ? new AuditLog(db) : null;
  return {
    file,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    verifyChain: () => guard(() => verifyChain(db, now())),
    auditEntries: (afterSeq = 0, limit = 1000) => guard(() => audit?.entries(afterSeq, limit) ?? []),
    close: () => db.close(),
  };
}
