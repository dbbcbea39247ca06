/** The clearance record carried in claim -1000 of a BMET1 card (qr-format.md). */

export type Sex = 'M' | 'F' | 'X';
export const VISA_TYPES = ['EMP', 'DOM', 'PRO', 'OTH'] as const;
export type VisaType = (typeof VISA_TYPES)[number];

/** A clearance id (claim `cid`, and the bundle's revoked clearances). */
export const CID_RE = /^[A-Z0-9-]{6,32}$/;

export interface Clearance {
  v: number;
  cid: string;
  pp: string;
  ppx: string;
  nm: string;
  nmb?: string;
  dob: string;
  sx: Sex;
  dst: string;
  vt: VisaType;
  occ?: string;
  emp?: string;
  ra?: string;
  pdo?: string;
  reg?: string;
  fp?: boolean;
}
