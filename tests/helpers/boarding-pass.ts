/**
 * Boarding passes for the tests, made by the `bcbp` package's encoder — an implementation
 * independent of the kiosk's reader (main/core/trip/bcbp.ts). Only the fields the kiosk
 * reads vary; PNR, seat and check-in number are fixed.
 */
import { encode } from 'bcbp';

/** One leg: from, to, carrier, flight number, date (YYYY-MM-DD). */
export type Leg = readonly [from: string, to: string, carrier: string, flight: string, date: string];

export function encodePass(passengerName: string, legs: readonly Leg[]): string {
  return encode({
    data: {
      passengerName,
      legs: legs.map(([from, to, carrier, flight, date]) => ({
        operatingCarrierPNR: 'XK4P2Q',
        departureAirport: from,
        arrivalAirport: to,
        operatingCarrierDesignator: carrier,
        flightNumber: flight,
        flightDate: new Date(`${date}T00:00:00Z`),
        compartmentCode: 'Y',
        seatNumber: '031C',
        checkInSequenceNumber: '0042',
        passengerStatus: '1',
      })),
    },
  });
}
