/**
 * `DeskTrips`: which clearance a boarding pass scanned at this desk is checked against.
 * A pass pairs with the clearance verified (valid or warning) at the desk just before it, with
 * no other card between them, within PAIRING_WINDOW_MS of the last scan of that worker; a pass
 * ending at a hub keeps the chain open for the onward pass. One per kiosk (one desk); plain state, no I/O.
 */
import type { BoardingPass, TripCheck } from '../../contract/trip.ts';
import { isUnreadable, type Verdict } from '../../contract/verdict.ts';
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
   * Notes a clearance verdict shown at the desk. A verified card that may pass opens a pairing
   * (the same card again keeps the chain of passes it has); any other card — forged, invalid,
   * one the kiosk cannot check — closes it, so a pass after it is never checked against the
   * worker before. Only a scan that could not be read leaves it: a misread between card and
   * pass must not lose the card, and says nothing about who stands at the desk.
   */
  noteVerdict(verdict: Verdict, seq: number | null, resultId: string, nowMs: number): void {
    if (
      isUnreadable(
        verdict.status,
        verdict.reasons.map((r) => r.code),
      )
    )
      return;
    const c = verdict.clearance;
    if (!c || verdict.status === 'invalid') {
      this.pairing = null;
      return;
    }
    const same = this.pairing && this.open(nowMs) && this.pairing.clearance.cid === c.cid;
    this.pairing = {
      clearance: { cid: c.cid, nm: c.nm, dst: c.dst, seq, resultId },
      passes: same ? this.pairing!.passes : [],
      lastMs: nowMs,
    };
  }

  private open(nowMs: number): boolean {
    return this.pairing !== null && nowMs - this.pairing.lastMs <= PAIRING_WINDOW_MS;
  }

  /**
   * The clearance a pass scanned now would be checked against, or null when no pairing is open.
   * Changes nothing: a pass that could not be read leaves the pairing as a misread card does.
   */
  paired(nowMs: number): PairedClearance | null {
    return this.open(nowMs) ? this.pairing!.clearance : null;
  }

  /** Checks a pass against the paired clearance (if any is still open) and extends the chain at a hub. */
  check(
    pass: BoardingPass,
    nowMs: number,
    deskAirport: string | null,
  ): { check: TripCheck; clearance: PairedClearance | null } {
    const p = this.open(nowMs) ? this.pairing : null;
    // A pass leaving from this desk's airport starts the trip again (a rebooked pass, or one
    // printed with every leg); the same pass scanned twice is checked as it was the first time.
    const startsHere = deskAirport !== null && pass.legs[0]!.from === deskAirport;
    const earlier = p && !startsHere ? p.passes.filter((x) => !samePass(x, pass)) : [];
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
      // A chain that reached the destination is done: the next pass starts from this airport again.
      p.passes =
        connecting && check.outcome !== 'mismatch' ? [...earlier, pass] : check.complete ? [] : earlier;
    }
    return { check, clearance: p?.clearance ?? null };
  }
}
