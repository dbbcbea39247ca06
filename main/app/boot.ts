/**
 * Brings a kiosk service up from its configuration: the roots, the trust bundle in force,
 * the log, the serial scanners and USB-stick watcher, and the sync engine. The same config
 * (checked by `KIOSK_CONFIG`) reaches the loopback host in-process and the Electron shell
 * through an environment variable, so both boot alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DB_FILE, defaultDataDir } from '../core/store/data-dir.ts';
import { InstalledTrustError, StoreError } from '../core/store/errors.ts';
import { quickCheckInBackground } from '../core/store/background-check.ts';
import { openStore, type Store } from '../core/store/store.ts';
import { openReader } from '../core/store/reader.ts';
import { isTripResult, type DeskResult, type TrustProblem } from '../contract/api.ts';
import type { AuditDetails } from '../contract/audit.ts';
import type { RootFileCode } from '../contract/codes.ts';
import { openBundle, readBundleBytes, type VerifiedBundle } from '../core/trust/bundle-file.ts';
import { loadPinnedRoots, loadRoots, type RootSet } from '../core/trust/roots.ts';
import { openKioskSync } from '../core/sync/kiosk-sync.ts';
import type { SyncEngine, SyncLogEntry } from '../core/sync/engine.ts';
import { APPLIANCE_SCANNER_FOLDER } from '../../native-bridge/serial/scanner-folder.ts';
import { mountTableDrives } from '../../native-bridge/usb/stick-watcher.ts';
import { KioskHardware } from './hardware.ts';
import { TrustCell } from './trust-cell.ts';
import { createKioskParts, type SyncPart } from './kiosk-parts.ts';
import { createKioskService, type KioskService, type KioskServiceOptions } from './service.ts';
import { DESK_CLEAR_SETTING, deskClearSeconds } from '../contract/desk.ts';
import { createStaff } from './staff.ts';
import { attachFirstBoot, createFirstBoot, setupCodeFile } from './first-boot.ts';
import { STAFF_ID_RE, UNSIGNED_OFFICER } from '../contract/staff.ts';
import { bundleWarnings } from '../core/trust/bundle-types.ts';

export const KIOSK_CONFIG = z.strictObject({
  dataDir: z.string().min(1),
  /** pinned: keys/roots/; development: the dev root under `start --dev`; command-line: --root FILE… */
  roots: z.discriminatedUnion('kind', [
    // dir: where the pinned roots are (a packaged app keeps them in its resources); default keys/roots/.
    z.strictObject({ kind: z.literal('pinned'), dir: z.string().min(1).optional() }),
    z.strictObject({
      kind: z.enum(['development', 'command-line']),
      files: z.array(z.string().min(1)).min(1),
    }),
  ]),
  /** A bundle named for this run (--bundle, or the development bundle); otherwise the installed one. */
  bundleFile: z.string().min(1).optional(),
  nowMs: z.number().int().optional(),
  noLog: z.boolean(),
  officer: z.string().regex(STAFF_ID_RE),
  /** Serial scanners (a path, COMn or usb:VID:PID); none given: the data dir's setting SCANNERS_SETTING. */
  serial: z
    .array(z.strictObject({ target: z.string().min(1).max(4096), baudRate: z.number().int().optional() }))
    .optional(),
  /**
   * When no serial scanner is named (here or in the data dir's setting): the folder whose
   * scanner-acm-* links are opened as scanners as they appear. Default: the appliance's udev
   * folder /dev/bmet on Linux (nothing there, nothing opened); elsewhere none.
   */
  scannerFolder: z.string().min(1).max(4096).optional(),
  /**
   * USB trust sticks: watched by default (Linux mount table, Windows drive letters); false: not
   * watched. `mountTable`: read this mountinfo file instead, and take every mount in it as a stick.
   */
  usb: z
    .union([
      z.literal(false),
      z.strictObject({
        mountTable: z.string().min(1).optional(),
        intervalMs: z.number().int().min(20).max(60_000).optional(),
      }),
    ])
    .optional(),
});
export type KioskConfig = z.infer<typeof KIOSK_CONFIG>;

/** The data dir setting naming the serial scanners when the config names none: a JSON array of targets. */
export const SCANNERS_SETTING = 'scanner.serial';

/**
 * A packaged kiosk started by the OS (no `start` config): the platform's data dir, and the
 * pinned roots that travel in the app's resources (electron-builder.yml).
 */
export function packagedKioskConfig(resourcesPath: string): KioskConfig {
  return {
    dataDir: defaultDataDir(),
    roots: { kind: 'pinned', dir: path.join(resourcesPath, 'keys/roots') },
    noLog: false,
    officer: UNSIGNED_OFFICER,
  };
}

/** The environment variable that carries the config from `start` to the Electron shell. */
export const KIOSK_CONFIG_ENV = 'BMET_KIOSK_CONFIG';

/**
 * A file named for this run that was refused: the file's own code where it has one (UNREADABLE,
 * ROOT_KEY_INVALID, as every command says it), else the trust problem the screens show.
 */
export interface RefusedFile {
  code: TrustProblem['code'] | RootFileCode;
  message: string;
}

export interface BootedKiosk {
  service: KioskService;
  /**
   * Set when a file named for this run (bundle or root) was refused: the command line
   * exits 3 for it (cli.md); an installed bundle's problems are shown on the screens instead.
   */
  refusedFile: RefusedFile | null;
  /** Stops the scanners, the stick watcher and sync, then the service, and closes the store. */
  close(): Promise<void>;
  /** Writes an audit line as the kiosk itself (the shell's crash and hang records); false without a store. */
  auditShell(
    action: 'shell.renderer-gone' | 'shell.unresponsive',
    detail: AuditDetails['shell.renderer-gone'],
  ): boolean;
}

type TrustPart = Pick<KioskServiceOptions, 'trust' | 'trustProblem'> & {
  refused: boolean;
  /** The refused file's own code, when it has one the screens' trust problems do not. */
  fileCode?: RootFileCode;
};

const problem = (
  code: TrustProblem['code'],
  message: string,
  refused: boolean,
  fileCode?: RootFileCode | null,
): TrustPart => ({
  trust: null,
  trustProblem: { code, message },
  refused,
  ...(fileCode ? { fileCode } : {}),
});

/** A bundle named for this run: read with a size bound, opened against the run's roots. */
function openBundleFile(file: string, roots: RootSet): TrustPart {
  const read = readBundleBytes(file);
  if (!read.ok)
    return read.code === 'UNREADABLE'
      ? problem('NO_TRUST_BUNDLE', read.why, true, read.code)
      : problem(read.code, read.why, true);
  const opened = openBundle(read.bytes, roots);
  if (!opened.ok) return problem(opened.code, `${file}: ${opened.why}`, true);
  for (const w of bundleWarnings(opened.bundle)) process.stderr.write(`bmet-kiosk: ${w}\n`);
  return { trust: { prepared: opened.bundle.trust, source: 'file' }, trustProblem: null, refused: false };
}

/** What the installed bundle is read through: the store, or a read-only reader of the data dir as it is. */
type TrustReader = Pick<Store, 'loadInstalledTrust' | 'close'>;

/**
 * The bundle installed in the data dir (read through `store`, or under --no-log a read-only
 * handle that takes the data dir as it is, also one an older schema made).
 */
function openInstalled(c: KioskConfig, store: TrustReader | null, roots: RootSet): TrustPart {
  const none = problem('NO_TRUST_BUNDLE', `no trust bundle is installed in ${c.dataDir}`, false);
  if (!store && !fs.existsSync(path.join(c.dataDir, DB_FILE))) return none;
  let reader: TrustReader | null = store;
  try {
    reader ??= openReader({ dataDir: c.dataDir });
    const installed = reader.loadInstalledTrust(roots);
    if (!installed) return none;
    return { trust: { prepared: installed.trust, source: 'installed' }, trustProblem: null, refused: false };
  } catch (err) {
    // A stored bundle that no longer opens is the bundle's fault (its code), not the disk's.
    return problem(
      err instanceof InstalledTrustError ? err.code : 'NO_TRUST_BUNDLE',
      (err as Error).message,
      false,
    );
  } finally {
    if (reader && reader !== store) reader.close();
  }
}

/**
 * The installed bundle read through a read-only handle (the data dir as it is: an older schema
 * too, which the writable open migrates afterwards) while the log's integrity check runs on
 * another thread; null when that handle cannot open (a new or damaged file): then it is read as
 * before, once the store has opened or failed to.
 */
function openInstalledEarly(c: KioskConfig, roots: RootSet): TrustPart | null {
  if (!fs.existsSync(path.join(c.dataDir, DB_FILE))) return null;
  let reader: TrustReader;
  try {
    reader = openReader({ dataDir: c.dataDir });
  } catch {
    return null;
  }
  try {
    return openInstalled(c, reader, roots);
  } finally {
    reader.close();
  }
}

export async function bootKiosk(c: KioskConfig): Promise<BootedKiosk> {
  const fixed = c.nowMs;
  // --now (checks, tests) fixes the clock of verdicts only: what the store keeps (audit times,
  // lock-outs, acknowledgements), setup's lock and the trust installed here stay on the real clock.
  const clock = fixed === undefined ? Date.now : () => fixed;
  const wallClock = Date.now;
  const dev = c.roots.kind === 'development';
  // The two slow parts of a start on a year's log run side by side: SQLite's quick_check of the
  // log on a worker thread, the trust bundle (a million revocations) here. The log opens for
  // writing only after its check has passed.
  const checking = c.noLog ? null : quickCheckInBackground(path.join(c.dataDir, DB_FILE));
  const roots = c.roots.kind === 'pinned' ? loadPinnedRoots(c.roots.dir) : loadRoots(c.roots.files);
  const noRoots = () =>
    roots.ok
      ? problem('ROOTS_UNAVAILABLE', '', false)
      : problem('ROOTS_UNAVAILABLE', roots.why, c.roots.kind !== 'pinned', roots.code);
  const early: TrustPart | null = !roots.ok
    ? noRoots()
    : c.bundleFile
      ? openBundleFile(c.bundleFile, roots.roots)
      : openInstalledEarly(c, roots.roots);

  let store: Store | null = null;
  let logProblem: string | null = null;
  // Awaited even when unused below: no check is left running on its thread.
  const checked = await checking;
  // A file named for this run was refused: the run ends there (exit 3), so the log is not opened,
  // and the data dir is neither made nor migrated.
  if (!c.noLog && !early?.refused) {
    try {
      // A run with --now (checks, tests) leaves the start-up retention pass to real runs.
      store = openStore({
        dataDir: c.dataDir,
        mode: dev ? 'development' : 'production',
        refuseOtherMode: true,
        now: wallClock,
        retentionAtStart: c.nowMs === undefined,
        ...(checked?.kind === 'checked' ? { integrity: { quickCheckRows: checked.rows } } : {}),
      });
      // What the open met but worked around (a retention pass skipped for a jumped clock): into the journal.
      for (const w of store.warnings) process.stderr.write(`bmet-kiosk: ${w}\n`);
    } catch (err) {
      // A data dir of the other kind is the run's mistake, not the disk's: no kiosk starts on it.
      if (err instanceof StoreError && err.code === 'STORE_OTHER_MODE') throw err;
      // Fail loud, keep working: the desk still verifies, every result marked NOT LOGGED.
      logProblem = (err as Error).message;
      process.stderr.write(`bmet-kiosk: the verification log is unavailable: ${logProblem}\n`);
    }
  }
  const trust = early ?? (roots.ok ? openInstalled(c, store, roots.roots) : noRoots());

  // Made first, so the service and its parts never call back through each other: installs put
  // their bundle in this cell (the service subscribes below), and the hardware emits events.
  const trustCell = new TrustCell(trust.trust, Boolean(c.bundleFile));
  const serial = serialConfigs(c, store);
  const folder = c.scannerFolder ?? (process.platform === 'linux' ? APPLIANCE_SCANNER_FOLDER : null);
  const hardware = new KioskHardware({
    serial,
    scannerFolder: !serial.length && folder ? { dir: folder } : null,
    usb:
      c.usb === false
        ? null
        : {
            ...(c.usb?.intervalMs ? { intervalMs: c.usb.intervalMs } : {}),
            ...(c.usb?.mountTable ? { listDrives: mountTableDrives(c.usb.mountTable, () => true) } : {}),
          },
  });
  const openSync = (): SyncPart =>
    store
      ? startSync(c, store, roots.ok ? roots.roots : undefined, (bundle) => trustCell.install(bundle))
      : { engine: null, code: 'SYNC_NOT_PROVISIONED', why: 'no log' };
  // First-boot setup: asked for only when this kiosk was given a setup code (the appliance package).
  // Its end provisions sync (kiosk id, device key, BMET address), and the engine starts then, not
  // before: a kiosk restarted half-way through setup must not sync to an address setup may still change.
  const firstBoot = store
    ? createFirstBoot({
        store,
        dataDir: c.dataDir,
        codeFile: setupCodeFile(),
        clock: wallClock,
        onFinished: () => startSyncAfterSetup(),
      })
    : null;
  // Not const: the engine may start only when setup finishes.
  let sync: SyncPart = firstBoot?.status(false).needed
    ? { engine: null, code: 'SYNC_NOT_PROVISIONED', why: 'first-boot setup has not finished' }
    : openSync();

  const service = createKioskService({
    trust: trust.trust,
    trustProblem: trust.trustProblem,
    roots: c.roots.kind,
    mode: dev ? 'development' : 'production',
    log: store,
    trips: store,
    ...(store
      ? {}
      : {
          noLog: c.noLog
            ? { code: 'LOG_DISABLED' as const, message: 'started with --no-log' }
            : { code: 'LOG_UNAVAILABLE' as const, message: logProblem ?? 'the log could not be opened' },
        }),
    officer: c.officer,
    clock,
    deskClearSeconds: deskClearSeconds(store?.setting(DESK_CLEAR_SETTING)),
    ...(store ? { retentionAlert: () => store.retentionAlert() } : {}),
    // Sign-in needs the people table: without a store (--no-log, or it would not open) no one signs in.
    staff: createStaff({ store, clock }),
    parts: createKioskParts({
      store,
      roots: roots.ok ? roots.roots : null,
      hardware,
      sync: () => sync,
      clock: wallClock,
      // After an install (USB or network) its bundle is in force at once, unless this run was given a bundle file.
      putInForce: (bundle) => trustCell.install(bundle),
      inForce: () => trustCell.inForce(),
    }),
  });
  trustCell.onChange((t) => service.setTrust(t));
  hardware.on((e) => {
    switch (e.type) {
      case 'scan': {
        // A serial scan takes the page's scan path; every screen gets its result as a scanResult event.
        // Its reply is looked at, not dropped: a serial scan that got no verdict must not vanish silently.
        const r = service.scan(e.scan.text, 'serial', e.scan.overlong === true);
        if (!r.ok)
          process.stderr.write(
            `bmet-kiosk: serial scan got no verdict: ${r.error.code}: ${r.error.message}\n`,
          );
        return;
      }
      case 'changed':
        return service.statusChanged();
      case 'sticks':
        return service.emit('trustSticks', e.sticks);
    }
  });
  const s = service;
  const runSync = (engine: SyncEngine) => {
    engine.onStatus(() => s.statusChanged());
    // Each logged scan is one more record to ship: nudge only schedules, it never delays the scan.
    s.subscribe((event, payload) => {
      // Trip checks stay on the kiosk (the sync protocol has no place for them): only verdicts are shipped.
      const r = payload as DeskResult;
      if (event === 'scanResult' && !isTripResult(r) && r.log.state === 'logged') engine.nudge();
    });
    engine.start();
  };
  const idleCheckpoint = store ? checkpointWhenIdle(s, store) : null;
  if (firstBoot) attachFirstBoot(s, firstBoot);
  function startSyncAfterSetup(): void {
    if (sync.engine || trust.refused) return;
    sync = openSync();
    if (sync.engine) runSync(sync.engine);
    else process.stderr.write(`bmet-kiosk: sync does not start after setup: ${sync.code}: ${sync.why}\n`);
    s.statusChanged();
  }
  if (!trust.refused) {
    hardware.start();
    if (sync.engine) runSync(sync.engine);
  }
  return {
    service,
    refusedFile:
      trust.refused && trust.trustProblem
        ? { code: trust.fileCode ?? trust.trustProblem.code, message: trust.trustProblem.message }
        : null,
    async close() {
      idleCheckpoint?.stop();
      await hardware.stop();
      await sync.engine?.stop();
      s.close();
      store?.close();
    },
    auditShell(action, detail) {
      try {
        store?.appendAudit('KIOSK', action, detail);
        return Boolean(store);
      } catch {
        return false; // a full or damaged disk must not stop the shell recovering its screens
      }
    },
  };
}

/** Quiet time after a logged scan before the WAL is checkpointed. */
const CHECKPOINT_IDLE_MS = 1500;

/**
 * Copies the WAL into the database in the quiet after a scan, so SQLite's own
 * auto-checkpoint (every 1,000 pages) seldom falls on a scan and adds its fsyncs there.
 */
function checkpointWhenIdle(service: KioskService, store: Store): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  const unsubscribe = service.subscribe((event, payload) => {
    if (event !== 'scanResult' || (payload as DeskResult).log?.state !== 'logged') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      try {
        store.checkpoint();
      } catch (err) {
        // A failed checkpoint loses nothing (the WAL keeps the records); the next one retries.
        process.stderr.write(`bmet-kiosk: WAL checkpoint failed: ${(err as Error).message}\n`);
      }
    }, CHECKPOINT_IDLE_MS);
    timer.unref();
  });
  return {
    stop() {
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}

/** The scanners: the config's, or else the data dir's setting (a bad setting is reported and ignored: the desk keeps working). */
function serialConfigs(c: KioskConfig, store: Store | null): { target: string; baudRate?: number }[] {
  if (c.serial?.length) return c.serial;
  const raw = store?.setting(SCANNERS_SETTING);
  if (!raw) return [];
  const parsed = z
    .array(
      z.union([
        z.string().min(1).max(4096),
        z.strictObject({ target: z.string().min(1).max(4096), baudRate: z.number().int().optional() }),
      ]),
    )
    .safeParse(
      (() => {
        try {
          return JSON.parse(raw);
        } catch {
          return null;
        }
      })(),
    );
  if (!parsed.success) {
    process.stderr.write(
      `bmet-kiosk: setting ${SCANNERS_SETTING} is not a JSON array of scanner targets; no serial scanner started\n`,
    );
    return [];
  }
  return parsed.data.map((t) => (typeof t === 'string' ? { target: t } : t));
}

/** The sync engine when the store has a kiosk id and a server; otherwise why not. */
function startSync(
  c: KioskConfig,
  store: Store,
  roots: RootSet | undefined,
  onTrustInstalled: (bundle: VerifiedBundle) => void,
): SyncPart {
  const log = (e: SyncLogEntry) => {
    if (e.level !== 'info') process.stderr.write(`bmet-kiosk: sync: ${e.code}: ${e.message}\n`);
  };
  const r = openKioskSync({ store, dataDir: c.dataDir, ...(roots ? { roots } : {}), onTrustInstalled, log });
  return r.ok ? { engine: r.engine } : { engine: null, code: r.code, why: r.why };
}
