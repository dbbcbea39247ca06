/**
 * `DeskTrips`: which clearance a boarding pass scanned at this desk is checked against.
 * A pass pairs with the clearance verified (valid or warning) at the desk just before it,
 * within PAIRING_WINDOW_MS of the last scan of that worker; a pass ending at a hub keeps the
 * chain open for the onward pass. One per kiosk (one desk); plain state, no I/O.
 */
import type { BoardingPass, TripCheck } from '../../contract/trip.ts';
import type { Verdict } from '../../contract/verdict.ts';
import { airportCountry, CONNECTING_HUBS } from './airports.ts';
import { checkTrip } from './trip-check.ts';

/** A worker's passes come within minutes of the card; after this the desk asks for the card again. */
export const PAIRING_WINDOW_MS = 5 * 60_000;

export interface PairedClearance {
  cid: string;
  nm: string;
  dst: string;
  /** The verification-log seq of the clearance's verdict, when logged. */
  seq: number | null;
  /** The scan result that showed it (the desk shows it again beside the trip). */
  resultId: string;
}

interface Pairing {
  clearance: PairedClearance;
  /** Passes of this chain that ended at a hub, oldest first. */
  passes: BoardingPass[];
  lastMs: number;
}

const samePass = (a: BoardingPass, b: BoardingPass) => JSON.stringify(a) === JSON.stringify(b);

export class DeskTrips {
  private pairing: Pairing | null = null;

  /**
   * Notes a clearance verdict shown at the desk. A verified card that may pass opens a new
   * pairing; a verified card that may not closes it; an unread or forged scan leaves it
   * (a misread between card and pass must not lose the card).
   */
  noteVerdict(verdict: Verdict, seq: number | null, resultId: string, nowMs: number): void {
    const c = verdict.clearance;
    if (!c) return;
    this.pairing =
      verdict.status === 'invalid'
        ? null
        : { clearance: { cid: c.cid, nm: c.nm, dst: c.dst, seq, resultId }, passes: [], lastMs: nowMs };
  }

  /** Checks a pass against the paired clearance (if any is still open) and extends the chain at a hub. */
  check(
    pass: BoardingPass,
    nowMs: number,
    deskAirport: string | null,
  ): { check: TripCheck; clearance: PairedClearance | null } {
    const p = this.pairing && nowMs - this.pairing.lastMs <= PAIRING_WINDOW_MS ? this.pairing : null;
    // The same pass scanned twice is checked as it was the first time, not as its own onward pass.
    const earlier = p ? p.passes.filter((x) => !samePass(x, pass)) : [];
    const check = checkTrip({
      pass,
      clearance: p ? { cid: p.clearance.cid, nm: p.clearance.nm, dst: p.clearance.dst } : null,
      deskAirport,
      earlier,
      nowMs,
      countryOf: airportCountry,
      isHub: (a) => CONNECTING_HUBS.has(a),
    });
    if (p) {
      p.lastMs = nowMs;
      const connecting = check.findings.some((f) => f.code === 'TRIP_CONNECTING');
      p.passes = connecting && check.outcome !== 'mismatch' ? [...earlier, pass] : earlier;
    }
    return { check, clearance: p?.clearance ?? null };
  }
}
