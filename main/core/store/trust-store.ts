/**
 * Trust bundles through the store: an install is one transaction that writes the bundle's
 * bytes and its audit entry together (a crash leaves the old bundle or the new one in
 * force, never a mix); every refusal is audited too. Only what a run's roots verify counts
 * (as in TUF): the bundle in force for a run is the newest stored bundle that opens under
 * that run's roots, and an install is compared with the bundle in force under its own roots,
 * so a bundle signed by other roots neither blocks nor replaces it.
 *
 * Why storage calls into trust (`openBundle`, `decideInstall`): the rules stay in trust (the
 * decision is the pure `decideInstall`, opening is `openBundle`), but they must run inside
 * the store's write transaction. Another process (the CLI beside the running kiosk) may
 * install between a caller's read and its write, so "which bundle is in force, and may
 * this one replace it" is read, decided and written under one lock; and which stored row is
 * in force is a fact of the stored rows and the run's roots, found by opening a row that has
 * no record of its signers. Split apart, a caller could decide against a stale row.
 */
import type { BundleCode, TrustRefusalCode } from '../../contract/codes.ts';
import type { TrustInstallReport } from '../../contract/technician.ts';
import { openBundle, type VerifiedBundle } from '../trust/bundle-file.ts';
import { decideInstall, type InstalledBundleInfo } from '../trust/install-decision.ts';
import type { RootSet } from '../trust/roots.ts';
import { createHash } from 'node:crypto';
import type { AuditLog } from './audit.ts';
import { hasColumn, type Db } from './database.ts';
import { InstalledTrustError, storeErrorFrom } from './errors.ts';

export interface InstalledBundle extends InstalledBundleInfo {
  issuedAt: string;
  expiresAt: string;
  installedAt: string;
  actor: string;
  source: string;
}

export interface InstallRequest {
  bytes: Buffer;
  roots: RootSet;
  nowMs: number;
  /** Who did it (technician id). */
  actor: string;
  /** Where it came from: a USB path or 'network'. */
  source: string;
}

/**
 * What an install did: the contract's TrustInstallReport, with the reason in words for the audit
 * log and the command line, and the bundle it opened (put in force as it is, never opened again).
 */
export type InstallOutcome =
  | (Extract<TrustInstallReport, { code: null }> & {
      why: string | null;
      issuedAt: string;
      expiresAt: string;
      bundle: VerifiedBundle;
    })
  | (Extract<TrustInstallReport, { outcome: 'refused' }> & { why: string });

/** The contract's report of an install: what crosses to screens, network status and CLI. */
export function installReport(r: InstallOutcome): TrustInstallReport {
  const { version, previousVersion, sha256 } = r;
  return r.outcome === 'refused'
    ? { outcome: 'refused', code: r.code, version, previousVersion, sha256 }
    : { outcome: r.outcome, code: null, version: r.version, previousVersion, sha256 };
}

export type LoadResult =
  | { ok: true; bundle: VerifiedBundle; installed: InstalledBundle }
  /** No stored bundle opens under the roots: why the newest one does not. */
  | { ok: false; code: BundleCode; why: string; version: number; stored: number };

const INSTALLED_COLUMNS =
  'version, sha256, issued_at AS issuedAt, expires_at AS expiresAt, installed_at AS installedAt, actor, source';

/** A stored row without its bytes, with what it records about its signers (null on rows older than schema 5). */
interface StoredRow extends InstalledBundle {
  id: number;
  signatureKids: string | null;
  signedBy: string | null;
}

/**
 * Besides the row just installed and the bundle it replaced, pruning keeps the last
 * KEEP_LATEST rows and the newest row of each of the KEEP_SIGNER_GROUPS most recent sets of
 * signing kids: installs under other roots cannot push out the bundle another run relies on.
 */
const KEEP_LATEST = 2;
const KEEP_SIGNER_GROUPS = 8;

function parseKids(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.every((k) => typeof k === 'string') ? v : null;
  } catch {
    return null;
  }
}

const meets = (kids: readonly string[], roots: RootSet) =>
  kids.filter((k) => roots.keys.has(k)).length >= roots.threshold;

/**
 * What a row's record says about opening it under `roots`: 'yes' when enough of the kids
 * whose signatures held at its install are among them (a kid names one key), 'no' when too
 * few of the kids its signatures name are, 'unknown' otherwise (and on rows without a record).
 */
function opensByRecord(row: StoredRow, roots: RootSet): 'yes' | 'no' | 'unknown' {
  const signedBy = parseKids(row.signedBy);
  if (signedBy && meets(signedBy, roots)) return 'yes';
  const named = parseKids(row.signatureKids);
  if (named && !meets(named, roots)) return 'no';
  return 'unknown';
}

const publicRow = ({ id: _id, signatureKids: _k, signedBy: _s, ...row }: StoredRow): InstalledBundle => row;

export class TrustStore {
  private readonly db: Db;
  private readonly audit: AuditLog;
  private readonly file: string;
  /** The store's clock: the time an install or refusal is written (its audit row, installed_at). */
  private readonly now: () => number;
  private readonly current;
  private readonly rows;
  private readonly bytesOf;
  private readonly bySha;
  private readonly topId;

  constructor(db: Db, audit: AuditLog, file: string, now: () => number = Date.now) {
    this.db = db;
    this.audit = audit;
    this.file = file;
    this.now = now;
    this.current = db.prepare(`SELECT ${INSTALLED_COLUMNS} FROM trust_bundles ORDER BY id DESC LIMIT 1`);
    // Rows of a schema before 5 have no record of their signers (a data dir read as it is, reader.ts).
    const signers = hasColumn(db, 'trust_bundles', 'signature_kids')
      ? 'signature_kids AS signatureKids, signed_by AS signedBy'
      : 'NULL AS signatureKids, NULL AS signedBy';
    this.rows = db.prepare(`SELECT id, ${INSTALLED_COLUMNS}, ${signers} FROM trust_bundles ORDER BY id DESC`);
    this.bytesOf = db.prepare('SELECT bytes FROM trust_bundles WHERE id = ?').pluck();
    this.topId = db.prepare('SELECT max(id) FROM trust_bundles').pluck();
    this.bySha = db.prepare(
      `SELECT ${INSTALLED_COLUMNS} FROM trust_bundles WHERE sha256 = ? ORDER BY id DESC LIMIT 1`,
    );
  }

  /** The newest stored row, whoever signed it; the bundle a run uses is `inForce(roots)`. */
  installed(): InstalledBundle | null {
    return (this.current.get() as InstalledBundle | undefined) ?? null;
  }

  /** The newest stored row with these bytes (when and by whom they were installed). */
  record(sha256: string): InstalledBundle | null {
    return (this.bySha.get(sha256) as InstalledBundle | undefined) ?? null;
  }

  /**
   * The bundle in force under `roots`: the newest row that opens under them. Chosen from
   * the rows' records of their signers; only a row whose record cannot decide is opened.
   */
  inForce(roots: RootSet): InstalledBundle | null {
    const row = this.inForceRow(roots);
    return row && publicRow(row);
  }

  private inForceRow(roots: RootSet): StoredRow | null {
    for (const row of this.rows.all() as StoredRow[]) {
      const says = opensByRecord(row, roots);
      if (says === 'yes') return row;
      if (says === 'unknown' && openBundle(this.bytesOf.get(row.id) as Buffer, roots).ok) return row;
    }
    return null;
  }

  /**
   * The bundle in force under `roots`, opened, with its stored record; null when none is
   * stored. Throws InstalledTrustError (the newest row's code) when none opens under them.
   */
  openInForce(roots: RootSet): { bundle: VerifiedBundle; installed: InstalledBundle } | null {
    const r = this.load(roots);
    if (r === null) return null;
    if (!r.ok) {
      const older = r.stored > 1 ? `; nor does any of the ${r.stored - 1} older one(s) stored` : '';
      throw new InstalledTrustError(
        r.code,
        `the installed trust bundle (version ${r.version}) does not open against these roots: ${r.code}: ${r.why}${older}`,
      );
    }
    return { bundle: r.bundle, installed: r.installed };
  }

  /**
   * Checks (trust-bundle.md) and installs; refusals and no-ops leave the bundle in force untouched.
   * The checks judge the bundle at `req.nowMs`; what is written carries the store's clock at the
   * writing, under the write lock, so audit times follow the audit's order (a caller's time taken
   * before the store opened, or before a big bundle was read, came before rows written meanwhile).
   */
  install(req: InstallRequest): InstallOutcome {
    const sha256 = createHash('sha256').update(req.bytes).digest('hex');
    const opened = openBundle(req.bytes, req.roots); // outside the transaction: a big revocation list takes a while
    try {
      if (!opened.ok)
        return this.refuse(this.nowIso(), req, { code: opened.code, why: opened.why, version: null, sha256 });
      const b = opened.bundle;
      const p = b.payload;
      // Also outside: a row without a record of its signers is opened to learn whether it counts.
      const seen = { top: this.topId.get(), row: this.inForceRow(req.roots) };
      return this.db
        .transaction((): InstallOutcome => {
          const at = this.nowIso();
          // Another process installed meanwhile: decide again, under the lock.
          const prior = this.topId.get() === seen.top ? seen.row : this.inForceRow(req.roots);
          const installed = prior && publicRow(prior);
          const decision = decideInstall(
            installed,
            { version: p.version, sha256: b.sha256, issuedAt: p.issuedAt, expiresAt: p.expiresAt },
            req.nowMs,
          );
          const facts = {
            version: p.version,
            sha256: b.sha256,
            issuedAt: p.issuedAt,
            expiresAt: p.expiresAt,
            previousVersion: installed?.version ?? null,
          };
          if (decision.outcome === 'refused') {
            this.audit.append(at, req.actor, 'trust.refused', {
              code: decision.code,
              why: decision.why,
              source: req.source,
              version: p.version,
              sha256,
            });
            return {
              outcome: 'refused',
              code: decision.code,
              why: decision.why,
              version: p.version,
              previousVersion: facts.previousVersion,
              sha256,
            };
          }
          if (decision.outcome === 'unchanged') {
            this.audit.append(at, req.actor, 'trust.noop', {
              why: decision.why,
              source: req.source,
              version: p.version,
              sha256,
            });
            return { outcome: 'unchanged', code: null, why: decision.why, ...facts, bundle: b };
          }
          const id = this.db
            .prepare(
              `INSERT INTO trust_bundles (version, sha256, bytes, issued_at, expires_at, installed_at, actor, source, signature_kids, signed_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              p.version,
              b.sha256,
              req.bytes,
              p.issuedAt,
              p.expiresAt,
              at,
              req.actor,
              req.source,
              JSON.stringify(b.signatureKids),
              JSON.stringify([...b.signedBy].sort()),
            ).lastInsertRowid;
          this.prune(Number(id), prior?.id ?? null);
          this.audit.append(at, req.actor, 'trust.install', {
            source: req.source,
            version: p.version,
            sha256,
            previousVersion: installed?.version ?? null,
            // Installed, but a rule the kiosk cannot check is not checked: the audit says which.
            ...(b.ignoredRules.length
              ? { rulesIgnored: b.ignoredRules.map((r) => `${r.id} (${r.kind})`) }
              : {}),
          });
          return { outcome: 'installed', code: null, why: null, ...facts, bundle: b };
        })
        .immediate();
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  /**
   * Older bytes are history the audit log already holds; kept are the bundle just installed,
   * the one it replaced, the last KEEP_LATEST rows, and the newest row of each of the
   * KEEP_SIGNER_GROUPS most recent signer sets (a row without a record is a set of its own).
   */
  private prune(installedId: number, replacedId: number | null): void {
    const keep = new Set<number>([installedId]);
    if (replacedId !== null) keep.add(replacedId);
    const groups = new Set<string>();
    const rows = this.db
      .prepare('SELECT id, signature_kids AS kids FROM trust_bundles ORDER BY id DESC')
      .all() as { id: number; kids: string | null }[];
    rows.forEach((r, i) => {
      if (i < KEEP_LATEST) keep.add(r.id);
      const group = r.kids ?? `#${r.id}`;
      if (!groups.has(group) && groups.size < KEEP_SIGNER_GROUPS) {
        groups.add(group);
        keep.add(r.id);
      }
    });
    const drop = this.db.prepare('DELETE FROM trust_bundles WHERE id = ?');
    for (const r of rows) if (!keep.has(r.id)) drop.run(r.id);
  }

  /** The store's clock as the audit writes it. */
  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /**
   * Audits a refusal that happened before the bytes could be read (unreadable or oversized file).
   * `at` is the time of writing: the store's clock now (nowIso()), not one taken before other writes.
   */
  refuse(
    at: string,
    req: Pick<InstallRequest, 'actor' | 'source'>,
    r: { code: TrustRefusalCode; why: string; version: number | null; sha256: string | null },
  ): InstallOutcome {
    this.db
      .transaction(() => {
        this.audit.append(at, req.actor, 'trust.refused', {
          code: r.code,
          why: r.why,
          source: req.source,
          version: r.version,
          sha256: r.sha256,
        });
      })
      .immediate();
    return {
      outcome: 'refused',
      code: r.code,
      why: r.why,
      version: r.version,
      previousVersion: null,
      sha256: r.sha256 ?? '',
    };
  }

  /**
   * The bundle in force under `roots`, opened from its stored bytes: the newest row that
   * opens under them. In the usual case that is the newest row, opened once; rows whose
   * record shows they cannot open are passed over unopened. Null when none is stored.
   */
  load(roots: RootSet): LoadResult | null {
    const rows = this.rows.all() as StoredRow[];
    let newest: { code: BundleCode; why: string } | null = null;
    for (const row of rows) {
      if (opensByRecord(row, roots) === 'no') {
        const named = parseKids(row.signatureKids) ?? [];
        newest ??= {
          code: 'BUNDLE_SIGNATURE_INVALID',
          why: `signed by ${named.join(', ') || 'no root'}: ${named.filter((k) => roots.keys.has(k)).length} of them among these roots, ${roots.threshold} needed`,
        };
        continue;
      }
      const r = openBundle(this.bytesOf.get(row.id) as Buffer, roots);
      if (r.ok) return { ok: true, bundle: r.bundle, installed: publicRow(row) };
      newest ??= { code: r.code, why: r.why };
    }
    return newest && { ok: false, ...newest, version: rows[0]!.version, stored: rows.length };
  }
}
