/**
 * `createKioskParts`: the running kiosk's parts behind the technician's calls — installs
 * from a USB stick through the store's audited install (then put in force at once), the
 * sync engine's state and resume, the audit log, the hardware's states and diagnostics.
 */
import { createHash } from 'node:crypto';
import type { Reply } from '../contract/api.ts';
import type { TrustRefusalCode } from '../contract/codes.ts';
import type { SyncCode, SyncStatus } from '../contract/sync.ts';
import type { TrustInstallResult } from '../contract/technician.ts';
import { readTrustFile } from '../../native-bridge/usb/trust-files.ts';
import type { Store } from '../core/store/store.ts';
import { installReport } from '../core/store/trust-store.ts';
import type { SyncEngine } from '../core/sync/engine.ts';
import { resumeAudited } from '../core/sync/kiosk-sync.ts';
import { openBundle, type VerifiedBundle } from '../core/trust/bundle-file.ts';
import { decideInstall } from '../core/trust/install-decision.ts';
import { prepareTrust, type PreparedTrust } from '../core/trust/prepared-trust.ts';
import { diffTrust } from '../core/trust/trust-diff.ts';
import type { RootSet } from '../core/trust/roots.ts';
import type { KioskHardware } from './hardware.ts';
import type { KioskParts } from './parts.ts';
import type { TrustInForce } from './service.ts';

/** The sync engine, or why there is none. */
export type SyncPart = { engine: SyncEngine } | { engine: null; code: SyncCode; why: string };

export interface KioskPartsOptions {
  store: Store | null;
  /** The run's roots; null when they could not be loaded (nothing can be installed then). */
  roots: RootSet | null;
  hardware: KioskHardware;
  /** The sync engine now, or why there is none (one can start later: first-boot setup provisions it). */
  sync(): SyncPart;
  /** The real clock (never --now's): an install is judged, and audited, at the time it happens. */
  clock: () => number;
  /** Puts a newly installed bundle in force; false when this run verifies against a bundle file instead. */
  putInForce(bundle: VerifiedBundle): boolean;
  /** The trust this run verifies against now, and whether it is installed or a file named at start; or null. */
  inForce(): TrustInForce | null;
}

/**
 * The refusal of a stick file `readTrustFile` could not hand over, as `readBundleBytes` answers
 * a named file: the system would not read it (no permission, an I/O error, gone: an errno) is
 * UNREADABLE; a file its checks refuse (a link — ELOOP is O_NOFOLLOW's refusal —, not a
 * regular file, off the stick, changed, too large) is BUNDLE_MALFORMED.
 */
function stickReadCode(err: unknown): 'UNREADABLE' | 'BUNDLE_MALFORMED' {
  const errno = (err as NodeJS.ErrnoException).code;
  return typeof errno === 'string' && errno !== 'ELOOP' ? 'UNREADABLE' : 'BUNDLE_MALFORMED';
}

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const fail = (code: 'UNAVAILABLE' | 'NOT_FOUND', message: string): Reply<never> => ({
  ok: false,
  error: { code, message },
});

export function createKioskParts(o: KioskPartsOptions): KioskParts {
  const { store, hardware } = o;
  const startedAt = new Date(o.clock()).toISOString();

  /**
   * The installed bundle, prepared to compare a stick's file with, under a run on a bundle file
   * (which it does not replace); null when none is installed or none opens under this run's roots.
   */
  function openInstalled(): PreparedTrust | null {
    if (!store || !o.roots) return null;
    try {
      const opened = store.trust.openInForce(o.roots);
      const prepared = opened && prepareTrust(opened.bundle.payload, opened.bundle.sha256);
      return prepared && prepared.ok ? prepared.trust : null;
    } catch {
      return null; // stored, but none opens under these roots: as good as none installed
    }
  }

  function offStatus(code: SyncCode, why: string): SyncStatus {
    return {
      kioskId: store?.kioskId() ?? null,
      server: null,
      phase: 'off',
      waiting: store?.pendingCount() ?? 0,
      lastSuccessAt: null,
      lastError: { code, message: why, at: startedAt },
      nextAttemptAt: null,
      alert: null,
      clockSkewMs: null,
      clockSkewFlagged: false,
      trust: { lastCheckAt: null, etag: null, last: null },
    };
  }

  return {
    scanners: () => hardware.scannerStates(),
    sync() {
      if (!store) return null;
      const sync = o.sync();
      return sync.engine ? sync.engine.status() : offStatus(sync.code, sync.why);
    },
    installedRecord(sha256) {
      // By its bytes: the bundle in force need not be the newest row (one signed by other roots may be newer).
      const i = store?.trust.record(sha256);
      return i ? { at: i.installedAt, actor: i.actor, source: i.source } : null;
    },
    trustSticks: () => hardware.trustSticks(),
    diagnostics: () => hardware.diagnostics(),

    installTrustFromStick({ mountPoint, relative, previewed, technician }) {
      if (!store) return fail('UNAVAILABLE', 'this kiosk runs without a store: nothing can be installed');
      if (!o.roots)
        return fail('UNAVAILABLE', "BMET's root keys could not be loaded: no bundle can be checked");
      const nowMs = o.clock();
      const at = new Date(nowMs).toISOString();
      const found = hardware.candidate(mountPoint, relative);
      if (!found) {
        // Gone since it was offered (the stick taken out): the attempt is audited like any refusal.
        const why = `no stick at ${mountPoint} offers ${relative}`;
        store.trust.refuse(
          at,
          { actor: technician, source: `usb ${mountPoint} ${relative}` },
          { code: 'UNREADABLE', why, version: null, sha256: null },
        );
        return fail('NOT_FOUND', why);
      }
      const source = `usb ${found.file.path}`;
      const refused = (
        code: TrustRefusalCode,
        why: string,
        sha256: string | null,
      ): Reply<TrustInstallResult> => {
        const r = store.trust.refuse(at, { actor: technician, source }, { code, why, version: null, sha256 });
        return { ok: true, value: { ...installReport(r), inForce: false } };
      };
      let bytes: Buffer;
      try {
        bytes = readTrustFile(found.file, found.root);
      } catch (err) {
        // Unreadable, moved or swapped for a link since it was found: refused, and audited like any refusal.
        return refused(stickReadCode(err), (err as Error).message, null);
      }
      // Only what the technician was shown is installed: a file changed since its preview is not.
      if (previewed !== undefined) {
        const sha256 = sha256Hex(bytes);
        if (sha256 !== previewed)
          return refused(
            'FILE_CHANGED',
            previewed
              ? `its bytes (SHA-256 ${sha256}) are not the ones previewed (${previewed})`
              : `it could not be read when previewed; now its bytes have SHA-256 ${sha256}`,
            sha256,
          );
      }
      const before = o.inForce()?.prepared.version ?? null;
      const r = store.trust.install({ bytes, roots: o.roots, nowMs, actor: technician, source });
      if (r.outcome === 'refused') {
        const previousVersion = store.trust.inForce(o.roots)?.version ?? before;
        return { ok: true, value: { ...installReport(r), previousVersion, inForce: false } };
      }
      const inForce = o.putInForce(r.bundle);
      // Nothing installed before (a run on a bundle file, as under --dev): the version this run had in force.
      const value: TrustInstallResult = {
        ...installReport(r),
        previousVersion: r.previousVersion ?? before,
        inForce,
      };
      return { ok: true, value };
    },

    previewTrustFromStick({ mountPoint, relative }) {
      if (!store) return fail('UNAVAILABLE', 'this kiosk runs without a store: nothing can be installed');
      if (!o.roots)
        return fail('UNAVAILABLE', "BMET's root keys could not be loaded: no bundle can be checked");
      const found = hardware.candidate(mountPoint, relative);
      if (!found) return fail('NOT_FOUND', `no stick at ${mountPoint} offers ${relative}`);
      const inForce = o.inForce();
      const current = inForce?.prepared ?? null;
      const from = inForce
        ? { version: inForce.prepared.version, expiresAt: inForce.prepared.expiresAt, source: inForce.source }
        : null;
      // What the install compares with (rollback, no-op): the installed bundle, which under a run on a
      // file is not the one in force. A refused preview says so, rather than a change that will not happen.
      const installedRow = store.trust.inForce(o.roots);
      const installed = installedRow
        ? { version: installedRow.version, expiresAt: installedRow.expiresAt }
        : null;
      const nothing = {
        keys: { added: [], removed: [], retired: [], revoked: [], reinstated: [] },
        revocationsAdded: 0,
        revocationsRemoved: 0,
        revokedKidsAdded: [],
        revokedKidsRemoved: [],
        rules: { added: [], removed: [], changed: [] },
        rulesIgnored: [],
      };
      let bytes: Buffer;
      try {
        bytes = readTrustFile(found.file, found.root);
      } catch (err) {
        // Unreadable, moved or swapped for a link since it was found.
        const refusal = { code: stickReadCode(err) };
        return {
          ok: true,
          value: { from, installed, sha256: null, to: null, refusal, same: false, ...nothing },
        };
      }
      const sha256 = sha256Hex(bytes);
      const opened = openBundle(bytes, o.roots);
      if (!opened.ok)
        return {
          ok: true,
          value: {
            from,
            installed,
            sha256,
            to: null,
            refusal: { code: opened.code },
            same: false,
            ...nothing,
          },
        };
      const b = opened.bundle;
      const p = b.payload;
      // The same decision the install makes, against the installed bundle it compares with.
      const d = decideInstall(
        installedRow,
        { version: p.version, sha256: b.sha256, issuedAt: p.issuedAt, expiresAt: p.expiresAt },
        o.clock(),
      );
      return {
        ok: true,
        value: {
          from,
          installed,
          sha256,
          to: {
            version: p.version,
            issuedAt: p.issuedAt,
            expiresAt: p.expiresAt,
            signedBy: b.signedBy,
            sha256: b.sha256,
          },
          refusal: d.outcome === 'refused' ? { code: d.code } : null,
          rulesIgnored: b.ignoredRules,
          // Against what the install replaces: the installed bundle, which is the one in force
          // unless this run checks against a file (then the file stays in force either way).
          ...(inForce?.source === 'file'
            ? { same: installedRow?.sha256 === b.sha256, ...diffTrust(installedRow && openInstalled(), p) }
            : { same: current?.sha256 === b.sha256, ...diffTrust(current, p) }),
        },
      };
    },

    resumeSync(technician) {
      const sync = o.sync();
      const engine = sync.engine;
      if (!store || !engine)
        return fail('UNAVAILABLE', sync.engine === null ? `sync does not run: ${sync.why}` : 'no store');
      resumeAudited(engine, store, technician);
      return { ok: true, value: engine.status() };
    },

    auditLog(limit) {
      if (!store) return fail('UNAVAILABLE', 'this kiosk runs without a store');
      return { ok: true, value: store.audit.latest(limit) };
    },
  };
}
