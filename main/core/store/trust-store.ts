/**
 * Trust bundles through the store: an install is one transaction that writes the bundle's
 * bytes and its audit entry together (a crash leaves the old bundle or the new one in
 * force, never a mix); every refusal is audited too. The bundle in force is opened again
 * from its bytes at start-up, against the roots of that run.
 */
import type { BundleCode } from '../../contract/codes.ts';
import { openBundle, type VerifiedBundle } from '../trust/bundle-file.ts';
import { decideInstall, type InstalledBundleInfo } from '../trust/install-decision.ts';
import type { RootSet } from '../trust/roots.ts';
import { createHash } from 'node:crypto';
import type { AuditLog } from './audit.ts';
import type { Db } from './database.ts';
import { storeErrorFrom } from './errors.ts';

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

export type InstallOutcome =
  | { action: 'install' | 'noop'; why?: string; version: number; sha256: string; issuedAt: string; expiresAt: string; previousVersion: number | null; bundle: VerifiedBundle }
  | { action: 'refuse'; code: BundleCode; why: string; version: number | null; sha256: string };

const INSTALLED_COLUMNS = 'version, sha256, issued_at AS issuedAt, expires_at AS expiresAt, installed_at AS installedAt, actor, source';

export class TrustStore {
  private readonly db: Db;
  private readonly audit: AuditLog;
  private readonly file: string;
  private readonly current;
  private readonly currentBytes;

  constructor(db: Db, audit: AuditLog, file: string) {
    this.db = db;
    this.audit = audit;
    this.file = file;
    this.current = db.prepare(`SELECT ${INSTALLED_COLUMNS} FROM trust_bundles ORDER BY id DESC LIMIT 1`);
    this.currentBytes = db.prepare('SELECT bytes FROM trust_bundles ORDER BY id DESC LIMIT 1').pluck();
  }

  installed(): InstalledBundle | null {
    return (this.current.get() as InstalledBundle | undefined) ?? null;
  }

  /** Checks (trust-bundle.md) and installs; refusals and no-ops leave the bundle in force untouched. */
  install(req: InstallRequest): InstallOutcome {
    const sha256 = createHash('sha256').update(req.bytes).digest('hex');
    const at = new Date(req.nowMs).toISOString();
    const opened = openBundle(req.bytes, req.roots); // outside the transaction: a big revocation list takes a while
    try {
      if (!opened.ok) return this.refuse(at, req, { code: opened.code, why: opened.why, version: null, sha256 });
      const b = opened.bundle;
      const p = b.payload;
      return this.db.transaction((): InstallOutcome => {
        const installed = this.installed();
        const decision = decideInstall(installed, { version: p.version, sha256: b.sha256, issuedAt: p.issuedAt, expiresAt: p.expiresAt }, req.nowMs);
        const facts = { version: p.version, sha256: b.sha256, issuedAt: p.issuedAt, expiresAt: p.expiresAt, previousVersion: installed?.version ?? null };
        if (decision.action === 'refuse') {
          this.audit.append(at, req.actor, 'trust.refused', { code: decision.code, why: decision.why, source: req.source, version: p.version, sha256 });
          return { action: 'refuse', code: decision.code, why: decision.why, version: p.version, sha256 };
        }
        if (decision.action === 'noop') {
          this.audit.append(at, req.actor, 'trust.noop', { why: decision.why, source: req.source, version: p.version, sha256 });
          return { action: 'noop', why: decision.why, ...facts, bundle: b };
        }
        this.db.prepare(`INSERT INTO trust_bundles (version, sha256, bytes, issued_at, expires_at, installed_at, actor, source)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(p.version, b.sha256, req.bytes, p.issuedAt, p.expiresAt, at, req.actor, req.source);
        // Keep the bundle in force and the one before it; older bytes are history the audit log already holds.
        this.db.prepare('DELETE FROM trust_bundles WHERE id NOT IN (SELECT id FROM trust_bundles ORDER BY id DESC LIMIT 2)').run();
        this.audit.append(at, req.actor, 'trust.install', { source: req.source, version: p.version, sha256, previousVersion: installed?.version ?? null });
        return { action: 'install', ...facts, bundle: b };
      }).immediate();
    } catch (err) {
      throw storeErrorFrom(err, this.file);
    }
  }

  /** Audits a refusal that happened before the bytes could be read (unreadable or oversized file). */
  refuse(at: string, req: Pick<InstallRequest, 'actor' | 'source'>, r: { code: BundleCode; why: string; version: number | null; sha256: string | null }): InstallOutcome {
    this.db.transaction(() => {
      this.audit.append(at, req.actor, 'trust.refused', { code: r.code, why: r.why, source: req.source, version: r.version, sha256: r.sha256 });
    }).immediate();
    return { action: 'refuse', code: r.code, why: r.why, version: r.version, sha256: r.sha256 ?? '' };
  }

  /** The bundle in force, opened from its stored bytes against `roots`; null when none is installed. */
  load(roots: RootSet): { ok: true; bundle: VerifiedBundle } | { ok: false; code: BundleCode; why: string } | null {
    const bytes = this.currentBytes.get() as Buffer | undefined;
    if (!bytes) return null;
    return openBundle(bytes, roots);
  }
}
