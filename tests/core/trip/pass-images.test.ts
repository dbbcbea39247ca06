// Boarding passes as they reach the camera: PDF417 on paper, Aztec and QR on phones, drawn
// by an independent encoder (Debian's zint) from passes the `bcbp` package encoded, read
// back by the kiosk's own decoder (decode/, the camera's) and its pass reader.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeRgba, type BarcodeFormat } from '../../../decode/barcode.ts';
import { parseBoardingPass } from '../../../main/core/trip/bcbp.ts';
import { encodePass } from '../../helpers/boarding-pass.ts';

const hasZint = spawnSync('zint', ['--version']).status === 0;

const twoLegs = encodePass('UDDIN/RAHIM MD', [
  ['DAC', 'DXB', 'EK', '0583', '2026-12-01'],
  ['DXB', 'KWI', 'EK', '0853', '2026-12-02'],
]);
// A pass published with the standard (Resolution 792, B.1.1), security data and all.
const standard =
  'M1TEST/HIDDEN         E8OQ6FU FRARLGLH 4010 012C004D0001 35C>2180WW6012BLH              2922023642241060 LH                        *30600000K09         ';

const forms: { name: string; symbology: string; format: BarcodeFormat; text: string }[] = [
  { name: 'paper (PDF417)', symbology: 'PDF417', format: 'pdf417', text: twoLegs },
  { name: 'phone (Aztec)', symbology: 'AZTEC', format: 'aztec', text: twoLegs },
  { name: 'phone (QR)', symbology: 'QRCODE', format: 'qr', text: twoLegs },
  { name: 'the standard’s pass on paper (PDF417)', symbology: 'PDF417', format: 'pdf417', text: standard },
];

describe.skipIf(!hasZint)('boarding passes in images, as the desk camera reads them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pass-images-'));
  it.each(forms)('$name', ({ symbology, text }) => {
    const file = path.join(dir, `${symbology}.png`);
    const z = spawnSync('zint', ['-b', symbology, '--scale=3', '-d', text, '-o', file], { encoding: 'utf8' });
    expect(z.status, z.stderr).toBe(0);
    const png = PNG.sync.read(fs.readFileSync(file));
    // The desk camera's formats: every symbology a pass comes in, besides the card's QR.
    const read = decodeRgba(png, { formats: ['qr', 'pdf417', 'aztec'] });
    expect(read?.text).toBe(text);
    const pass = parseBoardingPass(read!.text);
    expect(pass.ok).toBe(true);
    if (pass.ok) expect(pass.pass.legs.length).toBeGreaterThan(0);
  });
  it('never takes a pass for a QR when only QR is asked (the card-only path stays as it was)', () => {
    const file = path.join(dir, 'only-pdf417.png');
    expect(spawnSync('zint', ['-b', 'PDF417', '--scale=3', '-d', twoLegs, '-o', file]).status).toBe(0);
    expect(decodeRgba(PNG.sync.read(fs.readFileSync(file)), { formats: ['qr'] })).toBeNull();
  });
});
