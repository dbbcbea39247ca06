/**
 * What the technician screen and the status strip read about the kiosk's parts: scanner
 * states and diagnostics, USB trust-stick candidates and install results, the trust in
 * force in detail, and audit lines. Types only; the methods are in api.ts.
 */
import type {
  BridgeErrorCode,
  SerialPortInfo,
  ScannerDiagnostics,
  TrustStickEvent,
} from './bridge-events.ts';
import type { AuditEntry } from './audit.ts';
import type { TrustRefusalCode } from './codes.ts';

/** One configured serial scanner, as the status strip shows it. */
export interface ScannerState {
  scanner: string;
  /** How it was configured: a path, or usb:VID:PID. */
  configured: string;
  connected: boolean;
  path: string | null;
  /** The last hardware problem (ISO time), cleared when it connects again. */
  lastError: { code: BridgeErrorCode; message: string; at: string } | null;
  /** Bytes dropped as noise since start, and when the last ones came. */
  noiseBytes: number;
  lastNoiseAt: string | null;
  scans: number;
}

/** The technician screen's scanner diagnostics: every port the OS lists, and each scanner's counters. */
export interface DiagnosticsReport {
  ports: SerialPortInfo[];
  /** When the port list was taken (ISO); null before the first listing finished. */
  portsListedAt: string | null;
  /** The last listing failed (PORT_LIST_FAILED: no udevadm, no permission): `ports` is not "none", it is unknown. */
  portsError: { code: BridgeErrorCode; message: string; at: string } | null;
  scanners: ScannerDiagnostics[];
  /** USB-stick watching: off, or on with its last problem. */
  usb: { watching: boolean; lastError: { code: BridgeErrorCode; message: string; at: string } | null };
  /**
   * The folder whose scanner links are opened as they appear (the appliance's /dev/bmet), and
   * its last problem (PORT_LIST_FAILED: it cannot be read); null when the kiosk looks in none.
   */
  scannerFolder: {
    dir: string;
    lastError: { code: BridgeErrorCode; message: string; at: string } | null;
  } | null;
}

/** A mounted stick with trust files on it, as the watcher found it; nothing on it is read yet. */
export type StickInfo = Omit<TrustStickEvent, 'type' | 'at'> & { at: string };

export interface TrustKeyInfo {
  kid: string;
  status: 'active' | 'retired' | 'revoked';
  /** Validity window, ISO. */
  nbf: string;
  exp: string;
  label: string | null;
}

/** The trust in force, in full, for the technician. */
export interface TrustDetails {
  version: number;
  issuedAt: string;
  expiresAt: string;
  sha256: string;
  source: 'installed' | 'file';
  keys: TrustKeyInfo[];
  revokedKids: number;
  revokedClearances: number;
  rules: number;
  /** The install record, when the bundle in force is the installed one. */
  installed: { at: string; actor: string; source: string } | null;
}

/**
 * What an install did to the data dir, one shape wherever the bundle came from (a technician's
 * stick, BMET's network, the command line); every outcome is in the audit log. A screen shows the
 * code's words (TRUST_REFUSAL_WORDS), never an English reason. A refusal always has its code.
 */
export type TrustInstallReport =
  | {
      outcome: 'installed' | 'unchanged';
      code: null;
      version: number;
      previousVersion: number | null;
      sha256: string;
    }
  | {
      outcome: 'refused';
      /** UNREADABLE: the file could not be read. */
      code: TrustRefusalCode;
      /** The refused bundle's version, when it could be read that far. */
      version: number | null;
      previousVersion: number | null;
      /** The refused bytes' SHA-256 ('' when they could not be read). */
      sha256: string;
    };

/** An install's report as the screens get it: also whether the kiosk now verifies against it. */
export type TrustInstallResult = TrustInstallReport & {
  /** Not when this run was started with a bundle file (as under --dev): that file stays in force. */
  inForce: boolean;
};

/**
 * What installing a stick's file would change, shown before the technician confirms:
 * nothing is written. `refusal` is what the install would answer (the same checks).
 */
export interface TrustPreview {
  /** The trust in force for this run: installed, or a bundle file named at start (as under --dev); null: none. */
  from: { version: number; expiresAt: string; source: 'installed' | 'file' } | null;
  /**
   * The installed bundle (under this run's roots) an install is judged against — rollback, no-op —
   * and replaces, or null when none is installed. Not the one in force when this run checks
   * against a file: then `same` and the changes below are against it, and the file stays in force.
   */
  installed: { version: number; expiresAt: string } | null;
  /**
   * The SHA-256 (hex) of the file's bytes as read for this preview; null when they could not be read.
   * Confirming sends it back (`previewed`): the install refuses any other bytes (FILE_CHANGED).
   */
  sha256: string | null;
  /** The file's bundle, once it opened under this run's roots; null when it did not. */
  to: { version: number; issuedAt: string; expiresAt: string; signedBy: string[]; sha256: string } | null;
  /** The install would be refused, with this code; null when it would install (or change nothing). */
  /** Shown as the code's words (TRUST_REFUSAL_WORDS); the English reason stays in the audit log. */
  refusal: { code: TrustRefusalCode } | null;
  /** The same bytes as the bundle the install replaces (see `installed`): installing changes nothing. */
  same: boolean;
  /** `reinstated`: keys retired or revoked before and active in the file (taken back into use). */
  keys: { added: string[]; removed: string[]; retired: string[]; revoked: string[]; reinstated: string[] };
  /** Clearance ids revoked by the new bundle and not by the one it replaces (distinct ids). */
  revocationsAdded: number;
  /** Clearance ids revoked by the one it replaces and no longer by the new bundle: cards that would pass again. */
  revocationsRemoved: number;
  /** Kids newly listed under revoked.kids. */
  revokedKidsAdded: string[];
  /** Kids taken off revoked.kids. */
  revokedKidsRemoved: string[];
  rules: { added: string[]; removed: string[]; changed: string[] };
  /** The file's rules of kinds this kiosk does not know: installed, but never checked (qr-format.md: ignored). */
  rulesIgnored: { id: string; kind: string }[];
}

/** An audit-log entry as the technician's table reads it (its action and detail keys have words). */
export type AuditLine = AuditEntry;

export const MAX_AUDIT_LINES = 200;
