/**
 * `parseBoardingPass`: a strict reader of IATA BCBP (Resolution 792) M-format passes, 1–4
 * legs, keeping only what the trip check needs (name, airports, flight, day of year).
 *
 * Written here rather than taken from the `bcbp` package: that decoder never refuses
 * input (any text decodes to some partial object), and a kiosk must tell "not a pass" and
 * "a damaged pass" from a pass. Its encoder serves the tests as an independent encoder.
 */
import {
  PASS_HEAD_CHARS,
  PASS_NAME_RE,
  type BoardingPass,
  type PassCode,
  type PassLeg,
} from '../../contract/trip.ts';

export type PassRead = { ok: true; pass: BoardingPass } | { ok: false; code: PassCode };

/** Four legs with every conditional item and security data stay well below this; a longer text is not a pass. */
export const MAX_PASS_CHARS = 2_000;

const HEAD = PASS_HEAD_CHARS + 1; // format code, number of legs, name (20), electronic ticket indicator
const LEG = 35; // PNR 7, from 3, to 3, carrier 3, flight 5, date 3, compartment 1, seat 4, check-in 5, status 1
const SIZE = 2; // hex length of the leg's conditional and airline-use section

const PRINTABLE = /^[\x20-\x7e]+$/;
const AIRPORT_RE = /^[A-Z]{3}$/;
const CARRIER_RE = /^[A-Z0-9]{2}[A-Z0-9 ]$/;
const FLIGHT_RE = /^[0-9]{1,4}[A-Z]?$/;
const DAY_RE = /^[0-9]{3}$/;
const HEX2_RE = /^[0-9A-Fa-f]{2}$/;

/** Reads one BCBP text, or says why it is not one (PASS_NOT_BCBP) or is damaged (PASS_MALFORMED). */
export function parseBoardingPass(text: string): PassRead {
  // Scanners end a read with CR/LF; trailing spaces of the last field may be cut by some.
  const t = text.replace(/[\r\n]+$/, '');
  if (t.length > MAX_PASS_CHARS || !/^M[1-9]/.test(t) || !PRINTABLE.test(t))
    return { ok: false, code: 'PASS_NOT_BCBP' };
  const legCount = Number(t[1]);
  if (legCount > 4) return { ok: false, code: 'PASS_MALFORMED' };
  const name = t.slice(2, 22).trimEnd();
  if (t.length < HEAD + LEG + SIZE || !PASS_NAME_RE.test(name)) return { ok: false, code: 'PASS_MALFORMED' };

  const legs: PassLeg[] = [];
  let pos = HEAD;
  for (let i = 0; i < legCount; i++) {
    const last = i === legCount - 1;
    if (pos + LEG + SIZE > t.length) return { ok: false, code: 'PASS_MALFORMED' };
    const field = (offset: number, width: number) => t.slice(pos + offset, pos + offset + width);
    const from = field(7, 3);
    const to = field(10, 3);
    const carrier = field(13, 3);
    const flight = field(16, 5).trim();
    const day = field(21, 3);
    const size = field(LEG, SIZE);
    if (
      !AIRPORT_RE.test(from) ||
      !AIRPORT_RE.test(to) ||
      !CARRIER_RE.test(carrier) ||
      !FLIGHT_RE.test(flight) ||
      !DAY_RE.test(day) ||
      !HEX2_RE.test(size)
    ) {
      return { ok: false, code: 'PASS_MALFORMED' };
    }
    const dayOfYear = Number(day);
    if (dayOfYear < 1 || dayOfYear > 366) return { ok: false, code: 'PASS_MALFORMED' };
    legs.push({ from, to, flight: `${carrier.trim()} ${flight}`, dayOfYear });
    pos += LEG + SIZE + parseInt(size, 16);
    // A leg's section that runs past the end can only be the last one's, cut short of trailing spaces.
    if (pos > t.length && !last) return { ok: false, code: 'PASS_MALFORMED' };
  }
  // What may follow the legs: nothing, or the security data (`^`, type, hex length, data).
  const rest = t.slice(pos);
  if (rest.length && !/^\^.[0-9A-Fa-f]{2}/.test(rest)) return { ok: false, code: 'PASS_MALFORMED' };
  return { ok: true, pass: { name, legs } };
}

/** Whether a scanned text is meant as a boarding pass (and not a clearance card): it starts like one. */
export function looksLikeBoardingPass(text: string): boolean {
  return /^M[1-4][A-Z]/.test(text);
}
