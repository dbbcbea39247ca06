/** The clearance record carried in claim -1000 of a BMET1 card (qr-format.md). */

export type Sex = 'M' | 'F' | 'X';
export type VisaType = 'EMP' | 'DOM' | 'PRO' | 'OTH';

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
