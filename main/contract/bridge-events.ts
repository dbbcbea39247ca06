/** Typed events and diagnostics the hardware bridge (serial, wedge, camera, USB sticks) gives the screens and the CLI. */

/** Which reader a bridge scan came from (a subset of the API's scan sources: no manual entry here). */
export type BridgeScanSource = 'serial' | 'wedge' | 'camera';

/** One complete scan: the text the scanner read, framing and noise already removed. Not yet verified. */
export interface ScanEvent {
  type: 'scan';
  /** The scanner's configured id (serial), or 'wedge' / 'camera'. */
  scanner: string;
  source: BridgeScanSource;
  text: string;
  /**
   * The scan went past the maximum scan length: `text` holds only the first part and the
   * consumer must answer it as too large (PAYLOAD_TOO_LARGE), never verify the cut text.
   */
  overlong?: boolean;
  /** Epoch ms when the last byte of the scan arrived. */
  at: number;
}

/** Bytes dropped because they cannot be part of a scan (non-printable, or a scan's overflow). */
export interface NoiseEvent {
  type: 'noise';
  scanner: string;
  /** How many bytes were dropped in this run. */
  bytes: number;
  /** Up to the first 32 dropped bytes, hex. */
  hex: string;
  at: number;
}

export interface ConnectedEvent {
  type: 'connected';
  scanner: string;
  /** The path that was opened (a /dev/serial/by-id link when there is one, or COMn). */
  path: string;
  /** How many times this scanner has been reopened after a loss (0 on the first open). */
  reconnects: number;
  at: number;
}

export interface DisconnectedEvent {
  type: 'disconnected';
  scanner: string;
  path: string;
  /** Why: unplugged (the device went away), or closed (we closed it). */
  reason: 'unplugged' | 'closed';
  at: number;
}

/** Hardware problems, each with one stable code (words: BRIDGE_ERROR_WORDS in words.ts). */
export const BRIDGE_ERROR_CODES = [
  'SCANNER_NOT_FOUND',
  'SCANNER_OPEN_FAILED',
  'SCANNER_READ_FAILED',
  'SCANNER_CONFIG_INVALID',
  'PORT_LIST_FAILED',
  'CAMERA_UNAVAILABLE',
  'CAMERA_DENIED',
  'STICK_UNREADABLE',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

/** Why a QR image file gave no text (words: IMAGE_WORDS in words.ts). */
export const IMAGE_CODES = ['IMAGE_TOO_LARGE', 'IMAGE_UNREADABLE', 'QR_NOT_FOUND'] as const;
export type ImageCode = (typeof IMAGE_CODES)[number];

export interface BridgeErrorEvent {
  type: 'error';
  scanner: string;
  code: BridgeErrorCode;
  /** The system's own message, for the technician and the log. */
  message: string;
  /** When the bridge will try again by itself (epoch ms), if it will. */
  retryAt?: number;
  at: number;
}

export type ScannerEvent = ScanEvent | NoiseEvent | ConnectedEvent | DisconnectedEvent | BridgeErrorEvent;

/** Counters for one serial scanner, for the technician screen. */
export interface ScannerDiagnostics {
  scanner: string;
  /** How it was configured: a path, or usb:VID:PID. */
  configured: string;
  /** The path currently (or last) open; null if it was never found. */
  path: string | null;
  connected: boolean;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
  /** The last raw bytes received (up to 64), hex, oldest first. */
  lastBytesHex: string;
  bytesIn: number;
  scans: number;
  /** Bytes dropped as noise. */
  noiseBytes: number;
  overlong: number;
  reconnects: number;
  lastError: { code: BridgeErrorCode; message: string; at: number } | null;
}

/** A serial port the OS lists, with the ids a technician configures a scanner by. */
export interface SerialPortInfo {
  path: string;
  /** /dev/serial/by-id links to this port (Linux), stable across replugging. */
  byId: string[];
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
}

/** A `.bmettrust` file found on a removable drive; nothing has been read or installed. */
export interface TrustFileCandidate {
  path: string;
  /** Path relative to the stick's root, e.g. `bmet/v8.bmettrust`. */
  relative: string;
  size: number;
  mtimeMs: number;
}

/**
 * Why a stick's entry is not offered, each with words (SKIP_WORDS). A file: a link, not a regular
 * file, too large, on another device, or a name that is not UTF-8 (the install re-opens a file by
 * the name the screen sent, which must be that file's). A folder (the root, `.`, or `bmet`): one
 * `bmet` not looked into (a link, on another device, not a folder, could not be listed), and one with
 * more entries than the kiosk looks through, so files past them are not listed.
 */
export const STICK_SKIP_REASONS = [
  'link',
  'not-regular',
  'too-large',
  'other-device',
  'name-not-utf8',
  'unreadable',
  'folder-link',
  'folder-other-device',
  'not-folder',
  'too-many-entries',
] as const;
export type StickSkipReason = (typeof STICK_SKIP_REASONS)[number];

/** A removable drive appeared with trust files on it: the technician screen asks before installing. */
export interface TrustStickEvent {
  type: 'trust-stick';
  mountPoint: string;
  /** The mounted device (e.g. /dev/sdb1) or drive letter. */
  device: string;
  files: TrustFileCandidate[];
  /**
   * Entries that looked like trust files but were refused (link, not a regular file, too large, a
   * name not UTF-8), a `bmet` the kiosk did not look into, and a folder (`.` the stick's root, or
   * `bmet`) with too many entries to list: the rest of the stick is still offered.
   */
  skipped: { relative: string; why: StickSkipReason }[];
  at: number;
}

export interface StickRemovedEvent {
  type: 'stick-removed';
  mountPoint: string;
  at: number;
}

export type StickEvent = TrustStickEvent | StickRemovedEvent | BridgeErrorEvent;
