/**
 * People and roles: officers, supervisors, technicians with a PIN kept as a scrypt hash
 * (node:crypto), lock-out after repeated wrong PINs, and the audited acts that add,
 * disable, enable and reset them. Demo accounts exist only in a development data dir.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { PIN_RE, RESERVED_IDS, ROLES, STAFF_ID_RE as ID_RE, type Role } from '../../contract/staff.ts';
import type { AuditLog } from './audit.ts';
import type { Db } from './database.ts';

// The rules live in the contract, so the screens check an id and PIN the same way.
export { ID_RE, PIN_RE, ROLES, type Role };
export const MAX_FAILED_PINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

// scrypt N=2^15, r=8, p=1: 32 MiB and tens of milliseconds a guess (OWASP's floor is N=2^17 for
// passwords; a PIN is also guarded by the lock-out, which bounds online guessing).
const SCRYPT = { logN: 15, r: 8, p: 1, keylen: 32 };

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const { logN, r, p, keylen } = SCRYPT;
  const hash = scryptSync(pin, salt, keylen, { N: 2 ** logN, r, p, maxmem: 128 * 1024 * 1024 });
  return `scrypt$${logN}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [alg, logN, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = scryptSync(pin, Buffer.from(salt, 'base64'), want.length, {
    N: 2 ** Number(logN),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * 1024 * 1024,
  });
  return timingSafeEqual(got, want);
}

export interface Person {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  failedPins: number;
  lockedUntil: string | null;
}

export type LoginResult =
  | { ok: true; person: Person }
  | { ok: false; reason: 'unknown' | 'disabled' | 'locked' | 'wrong-pin'; lockedUntil?: string };

/** Demo accounts of a development data dir (documented in the README; never in production). */
export const DEMO_ACCOUNTS: readonly { id: string; name: string; role: Role; pin: string }[] = [
  { id: 'OF-1042', name: 'Demo Officer', role: 'officer', pin: '111111' },
  { id: 'SV-2001', name: 'Demo Supervisor', role: 'supervisor', pin: '222222' },
  { id: 'TC-3001', name: 'Demo Technician', role: 'technician', pin: '333333' },
];

interface PersonRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  disabled: number;
  failed_pins: number;
  locked_until_ms: number | null;
}

export class PeopleError extends Error {}

export class People {
  private readonly db: Db;
  private readonly audit: AuditLog;
  private readonly nowMs: () => number;
  private readonly byId;
  private dummyHash: string | null = null;

  constructor(db: Db, audit: AuditLog, nowMs: () => number) {
    this.db = db;
    this.audit = audit;
    this.nowMs = nowMs;
    this.byId = db.prepare(
      'SELECT id, name, role, pin_hash, disabled, failed_pins, locked_until_ms FROM people WHERE id = ?',
    );
  }

  private iso(): string {
    return new Date(this.nowMs()).toISOString();
  }

  private row(id: string): PersonRow | undefined {
    return this.byId.get(id) as PersonRow | undefined;
  }

  private static toPerson(r: PersonRow): Person {
    return {
      id: r.id,
      name: r.name,
      role: r.role,
      disabled: r.disabled === 1,
      failedPins: r.failed_pins,
      lockedUntil: r.locked_until_ms ? new Date(r.locked_until_ms).toISOString() : null,
    };
  }

  get(id: string): Person | null {
    const r = this.row(id);
    return r ? People.toPerson(r) : null;
  }

  list(): Person[] {
    return (
      this.db
        .prepare(
          'SELECT id, name, role, pin_hash, disabled, failed_pins, locked_until_ms FROM people ORDER BY role, id',
        )
        .all() as PersonRow[]
    ).map(People.toPerson);
  }

  add(p: { id: string; name: string; role: Role; pin: string }, actor: string): Person {
    if (!ID_RE.test(p.id)) throw new PeopleError('an id is 1 to 32 letters, digits, dot, dash or underscore');
    if ((RESERVED_IDS as readonly string[]).includes(p.id.toUpperCase()))
      throw new PeopleError(`${p.id} is reserved: the log uses it for no one in particular`);
    if (!p.name.trim() || p.name.length > 100) throw new PeopleError('a name is 1 to 100 characters');
    if (!(ROLES as readonly string[]).includes(p.role))
      throw new PeopleError(`a role is one of ${ROLES.join(', ')}`);
    if (!PIN_RE.test(p.pin)) throw new PeopleError('a PIN is 6 to 12 digits');
    const hash = hashPin(p.pin); // outside the transaction: tens of ms of CPU
    return this.db
      .transaction(() => {
        if (this.row(p.id)) throw new PeopleError(`${p.id} already exists`);
        const at = this.iso();
        this.db
          .prepare(
            'INSERT INTO people (id, name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(p.id, p.name.trim(), p.role, hash, at, at);
        this.audit.append(at, actor, 'person.add', { id: p.id, name: p.name.trim(), role: p.role });
        return this.get(p.id)!;
      })
      .immediate();
  }

  setDisabled(id: string, disabled: boolean, actor: string): Person {
    return this.db
      .transaction(() => {
        if (!this.row(id)) throw new PeopleError(`no person ${id}`);
        const at = this.iso();
        this.db
          .prepare('UPDATE people SET disabled = ?, updated_at = ? WHERE id = ?')
          .run(disabled ? 1 : 0, at, id);
        this.audit.append(at, actor, disabled ? 'person.disable' : 'person.enable', { id });
        return this.get(id)!;
      })
      .immediate();
  }

  /** A new PIN; also clears failed attempts and any lock-out. */
  resetPin(id: string, pin: string, actor: string): Person {
    if (!PIN_RE.test(pin)) throw new PeopleError('a PIN is 6 to 12 digits');
    const hash = hashPin(pin);
    return this.db
      .transaction(() => {
        if (!this.row(id)) throw new PeopleError(`no person ${id}`);
        const at = this.iso();
        this.db
          .prepare(
            'UPDATE people SET pin_hash = ?, failed_pins = 0, locked_until_ms = NULL, updated_at = ? WHERE id = ?',
          )
          .run(hash, at, id);
        this.audit.append(at, actor, 'person.reset', { id });
        return this.get(id)!;
      })
      .immediate();
  }

  /** Checks a PIN; audits success and failure; locks after MAX_FAILED_PINS wrong PINs in a row. */
  login(id: string, pin: string): LoginResult {
    const r = this.row(id);
    const now = this.nowMs();
    // Spend the same scrypt work for an unknown id, so timing does not tell which ids exist.
    if (!r) {
      this.dummyHash ??= hashPin('000000');
      pinMatches(pin, this.dummyHash);
      this.audit.append(this.iso(), id, 'login.failed', { reason: 'unknown' });
      return { ok: false, reason: 'unknown' };
    }
    if (r.disabled) {
      this.audit.append(this.iso(), id, 'login.failed', { reason: 'disabled' });
      return { ok: false, reason: 'disabled' };
    }
    if (r.locked_until_ms && r.locked_until_ms > now) {
      this.audit.append(this.iso(), id, 'login.failed', { reason: 'locked' });
      return { ok: false, reason: 'locked', lockedUntil: new Date(r.locked_until_ms).toISOString() };
    }
    const good = pinMatches(pin, r.pin_hash);
    return this.db
      .transaction((): LoginResult => {
        const at = this.iso();
        if (good) {
          this.db.prepare('UPDATE people SET failed_pins = 0, locked_until_ms = NULL WHERE id = ?').run(id);
          this.audit.append(at, id, 'login', { role: r.role });
          return { ok: true, person: this.get(id)! };
        }
        const failed = (this.row(id)?.failed_pins ?? 0) + 1;
        const lock = failed >= MAX_FAILED_PINS ? now + LOCK_MS : null;
        this.db
          .prepare('UPDATE people SET failed_pins = ?, locked_until_ms = ? WHERE id = ?')
          .run(lock ? 0 : failed, lock, id);
        this.audit.append(at, id, 'login.failed', { reason: 'wrong-pin', failed });
        if (lock) {
          this.audit.append(at, id, 'login.locked', { until: new Date(lock).toISOString() });
          return { ok: false, reason: 'locked', lockedUntil: new Date(lock).toISOString() };
        }
        return { ok: false, reason: 'wrong-pin' };
      })
      .immediate();
  }

  seedDemoAccounts(): void {
    for (const a of DEMO_ACCOUNTS) this.add(a, 'system');
  }
}
