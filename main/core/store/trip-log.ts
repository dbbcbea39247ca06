/**
 * The boarding-pass checks the desk made: their own table (they are not clearance
 * verdicts and are not sent to BMET: the sync protocol has no place for them yet), kept
 * to what the check needs — the name as printed, route, flights, date; never PNR or seat —
 * each written with its audit line in one transaction, and counted per Dhaka day.
 */
import type { TripCheck, TripOutcome } from '../../contract/trip.ts';
import { dhakaDate } from '../verify/dates.ts';
import type { AuditLog } from './audit.ts';
import type { Db } from './database.ts';

export interface TripEntry {
  check: TripCheck;
  nowMs: number;
  officerId: string;
  kioskId: string | null;
  /** The verification-log seq of the clearance the pass was checked against. */
  verificationSeq: number | null;
}

export interface TripRow {
  id: number;
  checkedAt: string;
  officerId: string;
  outcome: TripOutcome;
  findings: TripCheck['findings'];
  clearanceId: string | null;
  passName: string;
  route: string[];
  flights: string[];
  flightDate: string;
}

export type TripCounts = Record<TripOutcome, number>;

export class TripLog {
  private readonly insert;
  private readonly byDay;
  private readonly counts;
  private readonly writeTx;

  constructor(db: Db, audit: AuditLog) {
    this.insert = db.prepare(`INSERT INTO trip_checks
      (checked_at, local_date, officer_id, kiosk_id, outcome, findings, clearance_id, verification_seq,
       pass_name, route, flights, flight_date)
      VALUES (@checkedAt, @localDate, @officerId, @kioskId, @outcome, @findings, @clearanceId, @verificationSeq,
       @passName, @route, @flights, @flightDate)`);
    this.byDay = db.prepare(
      `SELECT id, checked_at, officer_id, outcome, findings, clearance_id, pass_name, route, flights, flight_date
       FROM trip_checks WHERE local_date = ? ORDER BY id`,
    );
    this.counts = db.prepare(
      'SELECT outcome, COUNT(*) AS n FROM trip_checks WHERE local_date = ? GROUP BY outcome',
    );
    this.writeTx = db.transaction((e: TripEntry) => {
      const { check } = e;
      const checkedAt = new Date(e.nowMs).toISOString();
      const id = Number(
        this.insert.run({
          checkedAt,
          localDate: dhakaDate(e.nowMs),
          officerId: e.officerId,
          kioskId: e.kioskId,
          outcome: check.outcome,
          findings: JSON.stringify(check.findings),
          clearanceId: check.clearance?.cid ?? null,
          verificationSeq: e.verificationSeq,
          passName: check.pass.name,
          route: check.route.join('-'),
          flights: check.pass.legs.map((l) => l.flight).join(', '),
          flightDate: check.flightDate,
        }).lastInsertRowid,
      );
      audit.append(checkedAt, e.officerId, 'trip.check', {
        id,
        outcome: check.outcome,
        cid: check.clearance?.cid ?? null,
        codes: check.findings.map((f) => f.code),
      });
      return id;
    });
  }

  /** Writes one trip check and its audit line, committed before it returns (log before show). */
  append(entry: TripEntry): number {
    return this.writeTx.immediate(entry);
  }

  /** The trip checks of one Dhaka day, oldest first. */
  day(localDate: string): TripRow[] {
    return (this.byDay.all(localDate) as Record<string, unknown>[]).map((r) => ({
      id: Number(r.id),
      checkedAt: String(r.checked_at),
      officerId: String(r.officer_id),
      outcome: r.outcome as TripOutcome,
      findings: JSON.parse(String(r.findings)) as TripCheck['findings'],
      clearanceId: r.clearance_id === null ? null : String(r.clearance_id),
      passName: String(r.pass_name),
      route: String(r.route).split('-'),
      flights: String(r.flights).split(', '),
      flightDate: String(r.flight_date),
    }));
  }

  /** How many trip checks of each outcome one Dhaka day had. */
  dayCounts(localDate: string): TripCounts {
    const out: TripCounts = { match: 0, warning: 0, mismatch: 0 };
    for (const r of this.counts.all(localDate) as { outcome: TripOutcome; n: number }[]) out[r.outcome] = r.n;
    return out;
  }
}

/** The table's schema, applied by the store's migration. */
export const TRIP_CHECKS_SCHEMA = `
  CREATE TABLE trip_checks (
    id INTEGER PRIMARY KEY,
    checked_at TEXT NOT NULL,
    local_date TEXT NOT NULL,            -- the Asia/Dhaka date, for the day's report
    officer_id TEXT NOT NULL,
    kiosk_id TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('match', 'warning', 'mismatch')),
    findings TEXT NOT NULL,              -- JSON: [{code, airport?, country?}]
    clearance_id TEXT,                   -- null: no clearance was scanned before the pass
    verification_seq INTEGER,            -- the verification the pass was checked against
    pass_name TEXT NOT NULL,             -- as printed on the pass; cleared by retention
    route TEXT NOT NULL,                 -- airports, e.g. DAC-DXB-KWI
    flights TEXT NOT NULL,               -- e.g. EK 0583, EK 0853
    flight_date TEXT NOT NULL
  );
  CREATE INDEX trip_checks_by_day ON trip_checks (local_date);
  CREATE INDEX trip_checks_by_verification ON trip_checks (verification_seq);
  -- Append-only like the verification log: a check is never rewritten, only its name cleared.
  CREATE TRIGGER trip_checks_no_delete BEFORE DELETE ON trip_checks
    BEGIN SELECT RAISE(ABORT, 'trip checks are append-only'); END;
  CREATE TRIGGER trip_checks_update_name_only BEFORE UPDATE ON trip_checks
    WHEN NEW.id IS NOT OLD.id OR NEW.checked_at IS NOT OLD.checked_at OR NEW.outcome IS NOT OLD.outcome
      OR NEW.findings IS NOT OLD.findings OR NEW.clearance_id IS NOT OLD.clearance_id OR NEW.route IS NOT OLD.route
      OR NEW.flights IS NOT OLD.flights OR NEW.flight_date IS NOT OLD.flight_date OR NEW.officer_id IS NOT OLD.officer_id
      OR NEW.local_date IS NOT OLD.local_date OR NEW.kiosk_id IS NOT OLD.kiosk_id
      OR NEW.verification_seq IS NOT OLD.verification_seq OR (NEW.pass_name IS NOT OLD.pass_name AND NEW.pass_name <> '')
    BEGIN SELECT RAISE(ABORT, 'trip checks are append-only'); END;
`;
