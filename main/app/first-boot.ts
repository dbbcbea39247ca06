/**
 * `createFirstBoot`: the technician's first-boot setup in main. The one-time setup code
 * (made by the appliance package, root-only on disk, handed to the kiosk by systemd's
 * LoadCredential, or named by BMET_SETUP_CODE_FILE) opens it; the technician then gets an
 * account, the kiosk id from airport and desk, the device key, BMET's address and a
 * connection test; `finish` closes setup for good. Every step is audited.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Reply } from '../contract/api.ts';
import type { AuditAction, AuditDetails } from '../contract/audit.ts';
import type { SessionInfo } from '../contract/staff.ts';
import {
  kioskIdFor,
  SETUP_CODE_RE,
  type Airport,
  type ConnectionTest,
  type SetupStatus,
} from '../contract/setup.ts';
import { ensureDeviceKey, SERVER_SETTING } from '../core/device/identity.ts';
import { PeopleError } from '../core/store/people.ts';
import type { Store } from '../core/store/store.ts';
import { reachServer } from '../core/sync/reach.ts';
import { checkServerUrl } from '../core/sync/server-url.ts';
import type { CallContext } from './dispatch.ts';
import type { KioskService } from './service.ts';
import type { Session } from './staff.ts';

export const SETUP_CODE_ENV = 'BMET_SETUP_CODE_FILE';
export const SETUP_DONE_SETTING = 'setup.done';
/** Wrong codes before setup locks for LOCK_MS (a 12-digit code cannot be guessed in 5 tries). */
export const MAX_WRONG = 5;
export const LOCK_MS = 15 * 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** Where this kiosk's setup code is: BMET_SETUP_CODE_FILE, else systemd's credential; null: none given. */
export function setupCodeFile(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env[SETUP_CODE_ENV]) return env[SETUP_CODE_ENV]!;
  if (env.CREDENTIALS_DIRECTORY) return path.join(env.CREDENTIALS_DIRECTORY, 'setup-code');
  return null;
}

const digest = (code: string) => createHash('sha256').update(code.replace(/\D/g, '')).digest();
const fail = (
  code: 'FORBIDDEN' | 'BAD_ARGS' | 'UNAVAILABLE' | 'SETUP_CODE_WRONG' | 'SETUP_DONE' | 'SETUP_LOCKED',
  message: string,
) => ({ ok: false, error: { code, message } }) as const;

export interface FirstBoot {
  status(trustInForce: boolean): SetupStatus;
  /** Checks the code; on success the caller adds the technician and signs them in. */
  checkCode(code: string, actor: string): Reply<true>;
  chooseKiosk(
    airport: Airport,
    desk: number,
    technician: string,
  ): Reply<{ kioskId: string; publicKey: string }>;
  setServer(url: string, technician: string): Reply<{ server: string }>;
  testConnection(technician: string): Promise<Reply<ConnectionTest>>;
  finish(technician: string, trustInForce: boolean): Reply<SetupStatus>;
  /** Adds the technician who opens setup (an existing technician keeps their account and PIN). */
  addTechnician(id: string, name: string, pin: string): Reply<true>;
  /** Who opened setup (set by the caller once the technician is signed in). */
  opened(technician: string): void;
}

export interface FirstBootOptions {
  store: Store;
  dataDir: string;
  /** The setup code's file; null: this kiosk was not given one, so it never asks for setup. */
  codeFile: string | null;
  clock: () => number;
  /** Called once setup has finished (the kiosk id, device key and BMET address are all set now). */
  onFinished?: () => void;
}

export function createFirstBoot(o: FirstBootOptions): FirstBoot {
  const { store } = o;
  let wrong = 0;
  let lockedUntil = 0;
  let technician: string | null = null;
  let publicKey: string | null = null;
  let connection: SetupStatus['connection'] = null;
  const done = () => store.setting(SETUP_DONE_SETTING) === 'yes';
  const needed = () => o.codeFile !== null && !done();
  const audit = <A extends AuditAction>(actor: string, action: A, detail: AuditDetails[A]) =>
    store.appendAudit(actor, action, detail);

  const status = (trust: boolean): SetupStatus => ({
    needed: needed(),
    technician,
    kioskId: store.kioskId(),
    publicKey,
    server: store.setting(SERVER_SETTING),
    connection,
    trust,
  });

  return {
    status,
    opened(id) {
      technician = id;
      audit(id, 'setup.open', {});
    },
    addTechnician(id, name, pin) {
      const existing = store.people.get(id);
      if (existing) {
        return existing.role === 'technician'
          ? { ok: true, value: true }
          : fail('FORBIDDEN', `${id} is not a technician`);
      }
      try {
        store.people.add({ id, name, role: 'technician', pin }, 'SETUP');
      } catch (err) {
        if (err instanceof PeopleError) return fail('BAD_ARGS', err.message);
        throw err;
      }
      return { ok: true, value: true };
    },
    checkCode(code, actor) {
      if (!needed()) return fail('SETUP_DONE', 'this kiosk is already set up');
      const now = o.clock();
      if (now < lockedUntil) {
        audit(actor, 'setup.refused', { reason: 'locked' });
        const minutes = Math.ceil((lockedUntil - now) / 60_000);
        return fail(
          'SETUP_LOCKED',
          `too many wrong setup codes: wait ${minutes} minute${minutes === 1 ? '' : 's'}`,
        );
      }
      let expected: string;
      try {
        expected = fs.readFileSync(o.codeFile!, 'utf8').trim();
      } catch (err) {
        return fail('UNAVAILABLE', `the setup code cannot be read: ${(err as Error).message}`);
      }
      if (!SETUP_CODE_RE.test(expected))
        return fail('UNAVAILABLE', 'the stored setup code is not a setup code');
      if (!SETUP_CODE_RE.test(code) || !timingSafeEqual(digest(code), digest(expected))) {
        wrong++;
        if (wrong >= MAX_WRONG) {
          wrong = 0;
          lockedUntil = now + LOCK_MS;
        }
        audit(actor, 'setup.refused', { reason: 'wrong code' });
        return fail('SETUP_CODE_WRONG', 'that is not this kiosk’s setup code');
      }
      wrong = 0;
      return { ok: true, value: true };
    },
    chooseKiosk(airport, desk, tech) {
      if (!needed()) return fail('SETUP_DONE', 'this kiosk is already set up');
      const kioskId = kioskIdFor(airport, desk);
      const existing = store.kioskId();
      // A key registered with BMET stands for one kiosk id (as `provision`): never a second id for it.
      if (existing && existing !== kioskId)
        return fail(
          'FORBIDDEN',
          `this kiosk is already provisioned as ${existing}; its device key is never replaced`,
        );
      let key: ReturnType<typeof ensureDeviceKey>;
      try {
        key = ensureDeviceKey(o.dataDir);
      } catch (err) {
        return fail('UNAVAILABLE', `the device key cannot be made or read: ${(err as Error).message}`);
      }
      if (existing !== kioskId) store.setSetting('kioskId', kioskId, tech);
      publicKey = key.publicKeyPem;
      audit(tech, 'setup.kiosk', { kioskId, airport, desk, keyCreated: key.created });
      return { ok: true, value: { kioskId, publicKey } };
    },
    setServer(url, tech) {
      if (!needed()) return fail('SETUP_DONE', 'this kiosk is already set up');
      const checked = checkServerUrl(url);
      if (!checked.ok) return fail('BAD_ARGS', checked.why);
      if (store.setting(SERVER_SETTING) !== checked.url) store.setSetting(SERVER_SETTING, checked.url, tech);
      connection = null;
      return { ok: true, value: { server: checked.url } };
    },
    async testConnection(tech) {
      if (!needed()) return fail('SETUP_DONE', 'this kiosk is already set up');
      const server = store.setting(SERVER_SETTING);
      if (!server) return fail('BAD_ARGS', 'set the BMET address first');
      // Sync's own transport and TLS trust, so the answer here is the one sync will get.
      const result = await reachServer({
        server,
        dataDir: o.dataDir,
        kioskId: store.kioskId(),
        deadlineMs: CONNECT_TIMEOUT_MS,
      });
      connection = { ...result, server, at: new Date(o.clock()).toISOString() };
      audit(tech, 'setup.connection', { server, ...result });
      return { ok: true, value: result };
    },
    finish(tech, trust) {
      if (!needed()) return fail('SETUP_DONE', 'this kiosk is already set up');
      const missing = [
        store.kioskId() ? null : 'the kiosk id',
        store.setting(SERVER_SETTING) ? null : 'the BMET address',
        trust ? null : 'a trust bundle',
      ].filter(Boolean);
      if (missing.length) return fail('UNAVAILABLE', `setup needs ${missing.join(', ')} first`);
      store.setSetting(SETUP_DONE_SETTING, 'yes', tech);
      audit(tech, 'setup.finish', { kioskId: store.kioskId(), server: store.setting(SERVER_SETTING) });
      o.onFinished?.();
      return { ok: true, value: status(trust) };
    },
  };
}

/** Each running kiosk's setup, beside its service (made by boot when the kiosk has a store). */
const SETUPS = new WeakMap<KioskService, FirstBoot>();

export function attachFirstBoot(service: KioskService, fb: FirstBoot): void {
  SETUPS.set(service, fb);
}

const noSetup = (): Reply<never> =>
  fail('UNAVAILABLE', 'this kiosk runs without a store: it cannot be set up');
const trustInForce = (s: KioskService) => s.status().trust !== null;

/** The contract's setup methods, as dispatch calls them. */
export const SETUP_HANDLERS = {
  status(s: KioskService): Reply<SetupStatus> {
    const fb = SETUPS.get(s);
    const none: SetupStatus = {
      needed: false,
      technician: null,
      kioskId: null,
      publicKey: null,
      server: null,
      connection: null,
      trust: trustInForce(s),
    };
    return { ok: true, value: fb ? fb.status(trustInForce(s)) : none };
  },
  async open(
    s: KioskService,
    a: { code: string; id: string; name: string; pin: string },
    ctx: CallContext,
    current: Session | null,
  ): Promise<Reply<SessionInfo>> {
    const fb = SETUPS.get(s);
    if (!fb) return noSetup();
    const code = fb.checkCode(a.code, a.id);
    if (!code.ok) return code;
    const added = fb.addTechnician(a.id, a.name, a.pin);
    if (!added.ok) return added;
    const r = await s.staff.login(a.id, a.pin, ctx.transport, current);
    if (!r.session)
      return fail('FORBIDDEN', `${a.id} could not sign in: ${r.reply.signedIn ? 'refused' : r.reply.reason}`);
    ctx.setSession(r.session.id);
    fb.opened(a.id);
    return { ok: true, value: s.staff.info(r.session) };
  },
  kiosk: (s: KioskService, a: { airport: Airport; desk: number }, tech: string) =>
    SETUPS.get(s)?.chooseKiosk(a.airport, a.desk, tech) ?? noSetup(),
  server: (s: KioskService, a: { url: string }, tech: string) =>
    SETUPS.get(s)?.setServer(a.url, tech) ?? noSetup(),
  test: (s: KioskService, tech: string) => SETUPS.get(s)?.testConnection(tech) ?? Promise.resolve(noSetup()),
  finish: (s: KioskService, tech: string) => SETUPS.get(s)?.finish(tech, trustInForce(s)) ?? noSetup(),
};
