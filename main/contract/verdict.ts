/** The verdict the core gives for one scan, as the CLI prints it and the screens show it. */
import type { Clearance } from './clearance.ts';
import type { Reason, Status } from './codes.ts';

export interface Verdict {
  status: Status;
  reasons: Reason[];
  /** The kid named by the card (base64url), once it could be read; null before that. */
  kid: string | null;
  /** The clearance, only when the signature was verified; null otherwise. */
  clearance: Clearance | null;
  /** CWT claims, only when the signature was verified. */
  claims?: { iss: string; iat: number; exp: number } | null;
}
