/**
 * People and roles: officers, supervisors, technicians with a PIN kept as a scrypt hash
 * (node:crypto), lock-out after repeated wrong PINs, and the audited acts that add,
 * disable, enable and reset them. Demo accounts exist only in a development data dir.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';
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

/** The parts of a stored hash, or null when it is not one of ours. */
function parseHash(stored: string): { salt: Buffer; want: Buffer; options: ScryptOptions } | null {
  const [alg, logN, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return null;
  const options = { N: 2 ** Number(logN), r: Number(r), p: Number(p), maxmem: 128 * 1024 * 1024 };
  return { salt: Buffer.from(salt, 'base64'), want: Buffer.from(hash, 'base64'), options };
}

export function pinMatches(pin: string, stored: string): boolean {
  const h = parseHash(stored);
  if (!h) return false;
  return timingSafeEqual(scryptSync(pin, h.salt, h.want.length, h.options), h.want);
}

// One PIN hash at a time in this process: the thread serving scans never runs scrypt, and
// concurrent sign-ins take one core, not every core, from the scans. On Linux that one hash
// runs in a worker thread at nice PIN_HASH_NICE (a niceness is per thread there), so when
// scans and a sign-in want the same core the scans win: a sign-in waits a little longer on a
// busy desk instead of the desk waiting for it. Elsewhere os.setPriority(0) would lower the
// whole kiosk, so libuv's pool (normal priority) does it as before.
let hashQueue: Promise<unknown> = Promise.resolve();
const PIN_HASH_NICE = 10;
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
require('node:os').setPriority(0, ${PIN_HASH_NICE});
parentPort.on('message', ({ pin, salt, keylen, options }) => {
  try {
    parentPort.postMessage({ hash: scryptSync(pin, salt, keylen, options) });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message) });
  }
});`;
let pinWorker: Worker | null = null;

/** crypto.scrypt in the low-priority worker (made on first use, not keeping the process alive when idle). */
function scryptLowPriority(
  pin: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const w = (pinWorker ??= new Worker(WORKER_SOURCE, { eval: true }));
    const done = () => {
      w.off('message', onMessage).off('error', onGone).off('exit', onGone);
      w.unref();
    };
    const onMessage = (m: { hash?: Uint8Array; error?: string }) => {
      done();
      if (m.hash) resolve(Buffer.from(m.hash));
      else reject(new Error(m.error ?? 'scrypt failed'));
    };
    const onGone = (err: unknown) => {
      done();
      if (pinWorker === w) pinWorker = null;
      reject(err instanceof Error ? err : new Error(`the PIN hashing thread stopped (${String(err)})`));
    };
    w.ref();
    w.on('message', onMessage).on('error', onGone).on('exit', onGone);
    w.postMessage({ pin, salt, keylen, options });
  });
}

/** As pinMatches, off the event loop (crypto.scrypt) and one at a time. */
export function pinMatchesAsync(pin: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return Promise.resolve(false);
  const run = () =>
    process.platform === 'linux'
      ? scryptLowPriority(pin, h.salt, h.want.length, h.options).then((got) => timingSafeEqual(got, h.want))
      : new Promise<boolean>((resolve, reject) =>
          scrypt(pin, h.salt, h.want.length, h.options, (err, got) =>
            err ? reject(err) : resolve(timingSafeEqual(got, h.want)),
          ),
        );
  const result = hashQueue.then(run, run);
  hashQueue = result.catch(() => undefined);
  return result;
}

/**
 * The stored hash an id that cannot sign in (unknown, disabled) is checked against, so its
 * answer costs the same scrypt work as a real one. Its salt and hash match no PIN anyone knows.
 */
const DUMMY_HASH = `scrypt$${SCRYPT.logN}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16, 0x5a).toString('base64')}$${Buffer.alloc(SCRYPT.keylen).toString('base64')}`;

/** Ids with no person behind them whose wrong tries are counted in memory (oldest forgotten first). */
const MAX_GHOSTS = 10_000;

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
  /** 'wrong-screen': the PIN was right, but `allow` refused the person's role at this form. */
  | {
      ok: false;
      reason: 'unknown' | 'disabled' | 'locked' | 'wrong-pin' | 'wrong-screen';
      lockedUntil?: string;
    };

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

/** A person the command cannot take or find: `reason` says which (the command line gives each its code). */
export class PeopleError extends Error {
  readonly reason: 'invalid' | 'exists' | 'unknown';
  constructor(message: string, reason: PeopleError['reason'] = 'invalid') {
    super(message);
    this.reason = reason;
    this.name = 'PeopleError';
  }
}

export interface NewPerson {
  id: string;
  name: string;
  role: Role;
  pin: string;
}

/**
 * Throws the PeopleError `add` would for a person it cannot take, whatever the database holds; a
 * caller may ask before it opens (or makes) one. That the id is free only the database can tell.
 */
export function checkNewPerson(p: NewPerson): void {
  if (!ID_RE.test(p.id)) throw new PeopleError('an id is 1 to 32 letters, digits, dot, dash or underscore');
  if ((RESERVED_IDS as readonly string[]).includes(p.id.toUpperCase()))
    throw new PeopleError(`${p.id} is reserved: the log uses it for no one in particular`);
  if (!p.name.trim() || p.name.length > 100) throw new PeopleError('a name is 1 to 100 characters');
  if (!(ROLES as readonly string[]).includes(p.role))
    throw new PeopleError(`a role is one of ${ROLES.join(', ')}`);
  if (!PIN_RE.test(p.pin)) throw new PeopleError('a PIN is 6 to 12 digits');
}

export class People {
  private readonly db: Db;
  private readonly audit: AuditLog;
  private readonly nowMs: () => number;
  private readonly byId;
  /**
   * Failed tries and lock-outs of ids no person has: counted like a person's, so an unknown id
   * locks after MAX_FAILED_PINS like a known one and the answer does not tell which ids exist.
   */
  private readonly ghosts = new Map<string, { failed: number; lockedUntilMs: number | null }>();

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

  add(p: NewPerson, actor: string): Person {
    checkNewPerson(p);
    const hash = hashPin(p.pin); // outside the transaction: tens of ms of CPU
    return this.db
      .transaction(() => {
        if (this.row(p.id)) throw new PeopleError(`${p.id} already exists`, 'exists');
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
        if (!this.row(id)) throw new PeopleError(`no person ${id}`, 'unknown');
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
        if (!this.row(id)) throw new PeopleError(`no person ${id}`, 'unknown');
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

  /**
   * The lock on `id` at `now`, capped at now + LOCK_MS: a lock set under a clock that ran
   * ahead would otherwise last until that future date. A cap found is written back, so the
   * lock then ends LOCK_MS after it was noticed (not LOCK_MS after every look).
   */
  private lockOf(id: string, r: PersonRow | undefined, now: number): number | null {
    const ghost = r ? undefined : this.ghosts.get(id);
    const until = r ? r.locked_until_ms : (ghost?.lockedUntilMs ?? null);
    if (!until || until <= now) return null;
    if (until <= now + LOCK_MS) return until;
    const capped = now + LOCK_MS;
    if (r) this.db.prepare('UPDATE people SET locked_until_ms = ? WHERE id = ?').run(capped, id);
    else ghost!.lockedUntilMs = capped;
    return capped;
  }

  /** One more wrong try on `id` (a person's row, or a ghost in memory): the lock it sets, if any. */
  private countFailure(
    id: string,
    r: PersonRow | undefined,
    now: number,
  ): { failed: number; lock: number | null } {
    const before = r ? r.failed_pins : (this.ghosts.get(id)?.failed ?? 0);
    const failed = before + 1;
    const lock = failed >= MAX_FAILED_PINS ? now + LOCK_MS : null;
    if (r) {
      this.db
        .prepare('UPDATE people SET failed_pins = ?, locked_until_ms = ? WHERE id = ?')
        .run(lock ? 0 : failed, lock, id);
    } else {
      this.ghosts.delete(id); // re-inserted last: the map's order is the age order
      this.ghosts.set(id, { failed: lock ? 0 : failed, lockedUntilMs: lock });
      if (this.ghosts.size > MAX_GHOSTS) this.ghosts.delete(this.ghosts.keys().next().value!);
    }
    return { failed, lock };
  }

  /**
   * Checks a PIN; audits success and failure; locks after MAX_FAILED_PINS wrong tries in a
   * row. An unknown or disabled id is answered as a wrong PIN would be (the same scrypt work,
   * the same count and lock); only the audit log and `reason` tell them apart, and the
   * screens show every one of them as "refused". The hash runs off the event loop, one at a
   * time (pinMatchesAsync).
   */
  async login(id: string, pin: string, allow: (role: Role) => boolean = () => true): Promise<LoginResult> {
    const before = this.row(id);
    const locked = this.lockOf(id, before, this.nowMs());
    if (locked) {
      this.audit.append(this.iso(), id, 'login.failed', { reason: 'locked' });
      return { ok: false, reason: 'locked', lockedUntil: new Date(locked).toISOString() };
    }
    const checked = before && !before.disabled ? before.pin_hash : DUMMY_HASH;
    const good = await pinMatchesAsync(pin, checked);
    // Other sign-ins ran meanwhile: decide on the row as it is now.
    return this.db
      .transaction((): LoginResult => {
        const now = this.nowMs();
        const at = this.iso();
        const r = this.row(id);
        const lockedMeanwhile = this.lockOf(id, r, now);
        if (lockedMeanwhile) {
          this.audit.append(at, id, 'login.failed', { reason: 'locked' });
          return { ok: false, reason: 'locked', lockedUntil: new Date(lockedMeanwhile).toISOString() };
        }
        if (good && r && !r.disabled && r.pin_hash === checked) {
          this.db.prepare('UPDATE people SET failed_pins = 0, locked_until_ms = NULL WHERE id = ?').run(id);
          // The right PIN at a form not for this role (the desk's, for a supervisor): no login, said so.
          if (!allow(r.role)) {
            this.audit.append(at, id, 'login.failed', { reason: 'wrong-screen', role: r.role });
            return { ok: false, reason: 'wrong-screen' };
          }
          this.audit.append(at, id, 'login', { role: r.role });
          return { ok: true, person: this.get(id)! };
        }
        const reason = !r ? 'unknown' : r.disabled ? 'disabled' : 'wrong-pin';
        const { failed, lock } = this.countFailure(id, r, now);
        this.audit.append(at, id, 'login.failed', { reason, failed });
        if (lock) {
          this.audit.append(at, id, 'login.locked', { until: new Date(lock).toISOString() });
          return { ok: false, reason: 'locked', lockedUntil: new Date(lock).toISOString() };
        }
        return { ok: false, reason };
      })
      .immediate();
  }

  seedDemoAccounts(): void {
    for (const a of DEMO_ACCOUNTS) this.add(a, 'system');
  }
}
