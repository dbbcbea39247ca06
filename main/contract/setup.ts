/**
 * The first-boot setup's contract: the airports a kiosk can stand in, how a kiosk id is
 * made from airport and desk, and what `setupStatus` answers. Used by main and the setup screen.
 */
import type { SyncCode } from './sync.ts';

export const AIRPORTS = ['DAC', 'CGP', 'ZYL'] as const;
export type Airport = (typeof AIRPORTS)[number];

export const MAX_DESK = 99;

/** DAC + desk 7 → DAC-D07: the id BMET registers with the device key. */
export function kioskIdFor(airport: Airport, desk: number): string {
  return `${airport}-D${String(desk).padStart(2, '0')}`;
}

/** The one-time setup code as the package prints it: three groups of four digits. */
export const SETUP_CODE_RE = /^\d{4}-?\d{4}-?\d{4}$/;

/** A connection test: BMET answered (`detail` its HTTP status), or the sync code of why not and its detail. */
export interface ConnectionTest {
  ok: boolean;
  /** Why BMET was not reached, in sync's codes (their words: SYNC_WORDS); null when it was. */
  code: SyncCode | null;
  /** For a technician or BMET's support, in English: the HTTP status, or the transport's own message. */
  detail: string;
}

export interface SetupStatus {
  /** True while this kiosk waits for its first-boot setup (a setup code was given and setup is not finished). */
  needed: boolean;
  /** The technician who opened setup with the code, once they have. */
  technician: string | null;
  kioskId: string | null;
  /** The device public key (PEM SPKI) once provisioned, for BMET's registration. */
  publicKey: string | null;
  server: string | null;
  /** The last connection test, the address it tested, and when. */
  connection: (ConnectionTest & { server: string; at: string }) | null;
  /** A trust bundle is in force. */
  trust: boolean;
}
