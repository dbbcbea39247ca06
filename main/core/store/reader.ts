/**
 * openReader: the data dir read-only and as it is, also when an older schema made it (which a
 * read-only open cannot migrate and a Store cannot be built on): the verification log's chain,
 * the audit log, the day's report and the trust bundle in force. What the commands that change
 * nothing read (`log verify|audit`, `report --no-log`, `people list --no-log`, `trust status`,
 * the installed bundle under `--no-log`). Each part copes with every schema: what an older one lacks reads as empty
 * (no audit log before 2, no trust bundles before 3, no boarding-pass checks before 6).
 */
import type { ReportPage } from '../../contract/report-page.ts';
import type { RootSet } from '../trust/roots.ts';
import type { VerifiedBundle } from '../trust/bundle-file.ts';
import { AuditLog, type AuditEntry } from './audit.ts';
import { verifyChain, type ChainReport } from './chain.ts';
import { hasTable, openDatabase } from './database.ts';
import { storeErrorFrom } from './errors.ts';
import { People, type Person } from './people.ts';
import { dailyCsv, dailyReport, dayFigures, reportPageOf, type DailyReport } from './report.ts';
import { TrustStore, type InstalledBundle } from './trust-store.ts';

export interface DataDirReader {
  readonly file: string;
  /** The file's schema version (user_version), which may be older than this code's. */
  readonly schemaVersion: number;
  /** verifyChain (chain.ts) on the verifying run's clock; it copes with every schema version. */
  verifyChain(): ChainReport;
  /** Audit entries after `afterSeq`; none in a schema from before the audit log (version 1). */
  auditEntries(afterSeq?: number, limit?: number): AuditEntry[];
  /** The kiosk id set by provisioning, or null. */
  kioskId(): string | null;
  /** Every person; none in a schema from before the people table (version 1). */
  people(): Person[];
  dailyReport(date: string): DailyReport;
  /** The supervisor's page of a day; no names in a schema from before the people table (version 1). */
  reportPage(date: string, madeAt: string): ReportPage;
  dailyCsv(date: string): Generator<string>;
  /** The stored trust bundles; null in a schema from before the trust store (versions 1 and 2), where none was ever installed. */
  readonly trust: TrustStore | null;
  /** As Store's: the bundle in force under `roots` with its record; throws InstalledTrustError when none opens. */
  loadTrustInForce(roots: RootSet): { bundle: VerifiedBundle; installed: InstalledBundle } | null;
  loadInstalledTrust(roots: RootSet): VerifiedBundle | null;
  close(): void;
}

export function openReader(opts: { dataDir: string; now?: () => number }): DataDirReader {
  const { db, file } = openDatabase({ dataDir: opts.dataDir, readonly: true, asItIs: true });
  const now = opts.now ?? Date.now;
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw storeErrorFrom(err, file);
    }
  };
  try {
    const audit = hasTable(db, 'audit') ? new AuditLog(db) : null;
    // People and the audit log came together (schema 2), trust bundles after them (3).
    const people = audit && new People(db, audit, now);
    const trust = audit && hasTable(db, 'trust_bundles') ? new TrustStore(db, audit, file) : null;
    const kioskIdOf = db.prepare("SELECT value FROM settings WHERE key = 'kioskId'").pluck();
    const kioskId = () => guard(() => (kioskIdOf.get() as string | undefined) ?? null);
    // As Store.mode(): a data dir is development only when it was made so.
    const modeOf = db.prepare("SELECT value FROM settings WHERE key = 'mode'").pluck();
    const mode = () => (modeOf.get() === 'development' ? 'development' : 'production');
    const loadTrustInForce = (roots: RootSet) => trust?.openInForce(roots) ?? null;
    return {
      file,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      verifyChain: () => guard(() => verifyChain(db, now())),
      auditEntries: (afterSeq = 0, limit = 1000) => guard(() => audit?.entries(afterSeq, limit) ?? []),
      kioskId,
      people: () => guard(() => people?.list() ?? []),
      dailyReport: (date) => guard(() => dailyReport(db, date, kioskId())),
      reportPage: (date, madeAt) =>
        guard(() =>
          reportPageOf(
            dayFigures(db, date, kioskId()),
            (id) => people?.get(id)?.name ?? null,
            madeAt,
            mode(),
          ),
        ),
      dailyCsv: (date) => dailyCsv(db, date),
      trust,
      loadTrustInForce,
      loadInstalledTrust: (roots) => loadTrustInForce(roots)?.bundle ?? null,
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw storeErrorFrom(err, file);
  }
}
