/**
 * Cards for the desk's screenshots and end-to-end tests: the development fixtures
 * (fixtures/cards.jsonl, signed under the development root) by name, a card with exactly
 * three reasons minted with BMET's encoder and the development issuing key, and a scan cut
 * off halfway. Plain Node; the kiosk they go with runs with DESK_KIOSK_ARGS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeCard } from '../../keys/card-encoder.ts';
import { signingKeyFromSeed } from '../../keys/signing-key.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The fixtures' fixed "now": every fixture card's verdict is for this instant. */
export const FIXTURE_NOW = '2026-11-22T06:00:00Z';
/** `start` arguments for a kiosk that trusts the development fixtures at their instant (shown as TEST ROOTS). */
export const DESK_KIOSK_ARGS = [
  '--root',
  path.join(ROOT, 'fixtures/keys/dev-root.pem'),
  '--bundle',
  path.join(ROOT, 'fixtures/dev-bundle.bmettrust'),
  '--now',
  FIXTURE_NOW,
];

export interface FixtureCard {
  name: string;
  qr: string;
  expect: { status: string; codes: string[] };
}

let cards: Map<string, FixtureCard> | null = null;
/** A fixture card's QR text by name (fixtures/cards.jsonl). */
export function fixtureCard(name: string): FixtureCard {
  cards ??= new Map(
    fs
      .readFileSync(path.join(ROOT, 'fixtures/cards.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FixtureCard)
      .map((c) => [c.name, { ...c, qr: c.qr.replace(/\r?\n$/, '') }]),
  );
  const c = cards.get(name);
  if (!c) throw new Error(`no fixture card ${name}`);
  return c;
}

/**
 * A genuine card (the development issuing key) with three reasons at FIXTURE_NOW: expired,
 * a passport under Kuwait's 6 months, and a domestic worker under Kuwait's age 21 — a long
 * name too, so the layout is tried as a busy day would.
 */
export function threeReasonCard(): string {
  const seed = Buffer.from(
    fs.readFileSync(path.join(ROOT, 'fixtures/keys/issuing-2026.seed'), 'utf8').trim(),
    'hex',
  );
  const now = Date.parse(FIXTURE_NOW) / 1000;
  return encodeCard(
    {
      iss: 'BD-BMET',
      iat: now - 200 * 86400,
      exp: now - 86400,
      clearance: {
        v: 1,
        cid: 'BMET-2026-00031337',
        pp: 'B09876543',
        ppx: '2027-01-15',
        nm: 'MOSAMMAT SHAHANARA BEGUM CHOWDHURY',
        nmb: 'মোসাম্মৎ শাহানারা বেগম চৌধুরী',
        dob: '2006-02-11',
        sx: 'F',
        dst: 'KW',
        vt: 'DOM',
        pdo: '2026-04-20',
      },
    },
    signingKeyFromSeed(seed),
  );
}

/** The first half of a genuine card's text: what a scan split by a late key event leaves. */
export function cutCard(): string {
  const qr = fixtureCard('valid-kuwait-employment').qr;
  return qr.slice(0, Math.floor(qr.length / 2));
}
