// The kiosk's image decoder (decode/, through native-bridge's PNG file reader) against an
// independent decoder, Debian's zbarimg, on QR images from an independent encoder, Debian's
// qrencode: a seeded set is made at test time in a temp dir (./qrencode-set.ts), one class
// of damage at a time. On every class the kiosk reads at least as many as zbar and never
// returns a text other than the one encoded. How fast it reads belongs in bench/, not here.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrImage, decodeQrPng } from '../../../native-bridge/image/qr-image.ts';
import { CLASSES, haveTools, makeQrSet, zbarRead } from './qrencode-set.ts';

const cards = fs
  .readFileSync(new URL('../../../../shared/vectors/cards.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { name: string; qr: string });

/** Images a class: enough for the counts to mean something, few enough for a 2-core machine. */
const PER_CLASS = 8;
const SEED = 20261201;

describe('image decoder vs zbarimg on qrencode images', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-zbar-'));
  beforeAll(() => {
    if (!haveTools())
      throw new Error('qrencode and zbarimg are needed (tools/debian-packages.txt: qrencode, zbar-tools)');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the clean code at 6 px a module, level M, that zxing-js alone missed (a false finder in the data)', () => {
    const card = cards.find((c) => c.name === 'kid-of-issuer-signed-by-stranger')!;
    const png = execFileSync('qrencode', ['-o', '-', '-s', '6', '-m', '4', '-l', 'M'], { input: card.qr });
    const file = path.join(dir, 'clean-6px-M.png');
    fs.writeFileSync(file, png);
    expect(zbarRead(file)).toBe(card.qr);
    expect(decodeQrImage(file)).toEqual({ ok: true, text: card.qr });
  });

  it.each(CLASSES.map(([cls], i) => [cls, i] as const))(
    '%s: never a wrong text, at least as many reads as zbar',
    (cls, i) => {
      const sub = fs.mkdtempSync(path.join(dir, `${cls}-`));
      const set = makeQrSet(
        sub,
        SEED + i,
        PER_CLASS,
        cards.map((c) => c.qr),
        [cls],
      );
      expect(set).toHaveLength(PER_CLASS);
      let ours = 0,
        zbar = 0;
      const missed: string[] = [];
      for (const s of set) {
        const r = decodeQrPng(fs.readFileSync(s.file));
        if (r.ok) {
          expect(r.text, `${s.what}: a text other than the one encoded`).toBe(s.text);
          ours++;
        } else {
          expect(r.code).toBe('QR_NOT_FOUND');
          missed.push(s.what);
        }
        if (zbarRead(s.file) === s.text) zbar++;
      }
      expect(
        ours,
        `${cls}: kiosk ${ours}/${set.length}, zbar ${zbar}; kiosk missed ${missed.join('; ')}`,
      ).toBeGreaterThanOrEqual(zbar);
    },
    180_000,
  );
});
