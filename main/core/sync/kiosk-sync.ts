/**
 * Builds the sync engine for a kiosk's data dir: the kiosk id and server from the store's
 * settings (https, or http to loopback only), BMET's own CA from the data dir, the device
 * key from its file, the store as outbox, fetched trust bundles through the store's own
 * install (source 'network'), clock skew and alerts into the audit log.
 */
import type { SyncCode } from '../../contract/sync.ts';
import { loadDeviceKey, SERVER_SETTING } from '../device/identity.ts';
import type { Store } from '../store/store.ts';
import { installReport } from '../store/trust-store.ts';
import type { VerifiedBundle } from '../trust/bundle-file.ts';
import type { RootSet } from '../trust/roots.ts';
import { SyncEngine, type SyncEngineOptions } from './engine.ts';
import { checkServerUrl } from './server-url.ts';
import { dataDirCa } from './tls.ts';
import type { TrustInstaller } from './trust-fetch.ts';

/**
 * The technician's resume after an alert, audited (`sync.resume`, with the alert it clears) before
 * the engine lets go of it: the same line from the screens and from `sync --resume`.
 */
export function resumeAudited(engine: SyncEngine, store: Store, actor: string): void {
  const alert = engine.status().alert;
  store.appendAudit(actor, 'sync.resume', { alert: alert?.code ?? null, message: alert?.message ?? null });
  engine.resume();
}

export type KioskSyncResult = { ok: true; engine: SyncEngine } | { ok: false; code: SyncCode; why: string };

/**
 * Hands fetched bundle bytes to the same install a USB stick takes; the audit line records
 * the network as source. `onInstalled` gets the bundle the install opened, to put in force
 * as it is: opening a big revocation list again would hold up the scans.
 */
export function storeTrustInstaller(
  store: Store,
  roots: RootSet,
  actor = 'sync',
  onInstalled?: (bundle: VerifiedBundle) => void,
): TrustInstaller {
  return (bytes, source) => {
    const r = store.trust.install({
      bytes,
      roots,
      nowMs: store.now(),
      actor,
      source: `network ${source.url}`,
    });
    if (r.outcome === 'installed') onInstalled?.(r.bundle);
    return { ...installReport(r), why: r.why };
  };
}

export function openKioskSync(
  o: {
    store: Store;
    dataDir: string;
    /** Overrides the provisioned server for this run. */
    server?: string;
    /** Roots for network bundles; without them no trust fetch runs. */
    roots?: RootSet;
    /** Called with a newly installed network bundle, already opened under `roots`. */
    onTrustInstalled?: (bundle: VerifiedBundle) => void;
  } & Partial<Pick<SyncEngineOptions, 'log' | 'clock' | 'limits' | 'random' | 'idlePollMs' | 'bootClock'>>,
): KioskSyncResult {
  const kioskId = o.store.kioskId();
  if (!kioskId)
    return {
      ok: false,
      code: 'SYNC_NOT_PROVISIONED',
      why: 'no kiosk id is set',
    };
  const rawServer = o.server ?? o.store.setting(SERVER_SETTING);
  if (!rawServer)
    return {
      ok: false,
      code: 'SYNC_NOT_PROVISIONED',
      why: 'no BMET address is set',
    };
  // Checked before anything is sent: plain http never leaves the machine.
  const checked = checkServerUrl(rawServer);
  if (!checked.ok) return { ok: false, code: checked.code, why: checked.why };
  const server = checked.url;
  const ca = dataDirCa(o.dataDir);
  if (ca && !ca.ok) return { ok: false, code: ca.code, why: ca.why };
  const key = loadDeviceKey(o.dataDir);
  if (!key.ok) return { ok: false, code: 'SYNC_NOT_PROVISIONED', why: key.why };
  const store = o.store;
  const install = o.roots ? storeTrustInstaller(store, o.roots, 'sync', o.onTrustInstalled) : undefined;
  const engine = new SyncEngine({
    kioskId,
    server,
    privateKey: key.value.privateKey,
    outbox: store,
    ...(o.log ? { log: o.log } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.limits ? { limits: o.limits } : {}),
    ...(o.random ? { random: o.random } : {}),
    ...(o.idlePollMs ? { idlePollMs: o.idlePollMs } : {}),
    ...(o.bootClock ? { bootClock: o.bootClock } : {}),
    ...(ca ? { extraCas: ca.pems } : {}),
    audit: (e) =>
      e.type === 'sync-alert'
        ? store.appendAudit('sync', 'sync.alert', e)
        : store.appendAudit('sync', 'clock.skew', e),
    ...(install ? { trust: { install } } : {}),
  });
  return { ok: true, engine };
}
