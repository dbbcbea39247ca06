/** The append-only audit log of administrative acts (logins, trust installs, people, settings, exports). */
import type { AuditAction, AuditDetails, AuditEntry } from '../../contract/audit.ts';
import type { Db } from './database.ts';

export type { AuditAction, AuditEntry } from '../../contract/audit.ts';

export class AuditLog {
  private readonly insert;
  private readonly list;
  private readonly latestList;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)');
    this.list = db.prepare(
      'SELECT seq, at, actor, action, detail FROM audit WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.latestList = db.prepare(
      'SELECT seq, at, actor, action, detail FROM audit ORDER BY seq DESC LIMIT ?',
    );
  }

  /** Appends one entry (inside the caller's transaction when there is one). */
  append<A extends AuditAction>(at: string, actor: string, action: A, detail: AuditDetails[A]): number {
    return Number(this.insert.run(at, actor, action, JSON.stringify(detail)).lastInsertRowid);
  }

  entries(afterSeq = 0, limit = 1000): AuditEntry[] {
    return parse(this.list.all(afterSeq, limit));
  }

  /** The newest `limit` entries, newest first (the technician screen's view). */
  latest(limit: number): AuditEntry[] {
    return parse(this.latestList.all(limit));
  }
}

function parse(rows: unknown[]): AuditEntry[] {
  return (rows as { seq: number; at: string; actor: string; action: AuditAction; detail: string }[]).map(
    (r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }),
  );
}
