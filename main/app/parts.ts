/**
 * `KioskParts`: what the kiosk service asks of its other parts (serial scanners, USB
 * sticks, the sync engine, the store's trust installs and audit log) for the status strip
 * and the technician's calls; `NO_PARTS` for a service that has none of them.
 */
import type { Reply } from '../contract/api.ts';
import type { SyncStatus } from '../contract/sync.ts';
import type {
  AuditLine,
  DiagnosticsReport,
  ScannerState,
  StickInfo,
  TrustInstallResult,
  TrustPreview,
} from '../contract/technician.ts';

export interface StickInstallRequest {
  mountPoint: string;
  relative: string;
  /** The SHA-256 of the bytes the technician's preview showed (null: unreadable then); absent: no preview (setup). */
  previewed?: string | null;
  technician: string;
}

export interface KioskParts {
  scanners(): ScannerState[];
  sync(): SyncStatus | null;
  /** Who installed the bundle with this hash, when and from where (the store's record). */
  installedRecord(sha256: string): { at: string; actor: string; source: string } | null;
  trustSticks(): StickInfo[];
  installTrustFromStick(r: StickInstallRequest): Reply<TrustInstallResult>;
  /** What installing that file would change; writes nothing (no audit: nothing was done). */
  previewTrustFromStick(r: Omit<StickInstallRequest, 'technician' | 'previewed'>): Reply<TrustPreview>;
  diagnostics(): DiagnosticsReport;
  resumeSync(technician: string): Reply<SyncStatus>;
  auditLog(limit: number): Reply<AuditLine[]>;
}

const unavailable = (what: string): Reply<never> => ({
  ok: false,
  error: { code: 'UNAVAILABLE', message: what },
});

export const NO_PARTS: KioskParts = {
  scanners: () => [],
  sync: () => null,
  installedRecord: () => null,
  trustSticks: () => [],
  installTrustFromStick: () => unavailable('this kiosk runs without a store: nothing can be installed'),
  previewTrustFromStick: () => unavailable('this kiosk runs without a store: nothing can be installed'),
  diagnostics: () => ({
    ports: [],
    portsListedAt: null,
    portsError: null,
    scanners: [],
    usb: { watching: false, lastError: null },
    scannerFolder: null,
  }),
  resumeSync: () => unavailable('sync does not run on this kiosk'),
  auditLog: () => unavailable('this kiosk runs without a store'),
};
