// The neutral decoder's API: a list of formats (QR unless told), light-on-dark codes, and
// the size guesses behind small-module reads. Reads of real, damaged images against an
// independent decoder are in tests/native-bridge/image/zbar-compare.test.ts.
import { AztecCodeWriter, BarcodeFormat } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { decodeLuminance, decodeQrLuminance, decodeRgba, luminanceOf } from '../../decode/barcode.ts';
import { likelyDimensions } from '../../decode/qr-decode.ts';
import { blank, invert, qrImage, type Img } from '../native-bridge/image/degrade.ts';

const CARD = 'BMET1:NCFOXN%TSMAHO.JFZS.FVEO5A%T59S/R8OJENDCN4FQLQETU5V1HJIA:HM0QM*481V';

/** An Aztec symbol of `text`, `px` pixels a module, on white with a margin. */
function aztecImage(text: string, px = 4): Img {
  const m = new AztecCodeWriter().encode(text, BarcodeFormat.AZTEC, 0, 0);
  const margin = 4 * px;
  const img = blank(m.getWidth() * px + 2 * margin, m.getHeight() * px + 2 * margin);
  for (let y = 0; y < m.getHeight() * px; y++)
    for (let x = 0; x < m.getWidth() * px; x++)
      if (m.get(Math.floor(x / px), Math.floor(y / px))) {
        const i = ((y + margin) * img.width + x + margin) * 4;
        img.data[i] = img.data[i + 1] = img.data[i + 2] = 0;
      }
  return img;
}

describe('decodeLuminance / decodeRgba', () => {
  it('reads QR by default and says which format it found', () => {
    expect(decodeRgba(qrImage(CARD, 4))).toEqual({ format: 'qr', text: CARD });
  });

  it('reads a light-on-dark code (a phone in dark mode), unless told not to', () => {
    const dark = invert(qrImage(CARD, 4));
    expect(decodeRgba(dark)).toEqual({ format: 'qr', text: CARD });
    expect(decodeRgba(dark, { inverted: false, scales: [] })).toBeNull();
  });

  it('looks only for the formats asked, in their order (Aztec for the boarding pass)', () => {
    const pass = 'M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 226F001A0025 100';
    const az = aztecImage(pass);
    expect(decodeRgba(az, { formats: ['qr'] })).toBeNull();
    expect(decodeRgba(az, { formats: ['qr', 'aztec'] })).toEqual({ format: 'aztec', text: pass });
    // a QR asked for only as Aztec or PDF417 is not found
    expect(decodeRgba(qrImage(CARD, 4), { formats: ['aztec', 'pdf417'], scales: [] })).toBeNull();
  });

  it('answers null for an image with no code, and for one too small to hold one', () => {
    const white = blank(200, 200);
    expect(decodeLuminance(luminanceOf(white), 200, 200)).toBeNull();
    expect(decodeQrLuminance(new Uint8ClampedArray(4 * 4).fill(128), 4, 4)).toBeNull();
  });
});

describe('likelyDimensions', () => {
  it('gives the valid QR sizes (4k + 1) nearest the corners’ distance in modules, nearest first', () => {
    // 80.2 modules between corner centres: 87.2 a side, between 85 and 89; zxing gave up here
    expect(likelyDimensions([361, 361], 4.5)).toEqual([89, 85, 93]);
    expect(likelyDimensions([140, 140], 10)).toEqual([21, 25, 29]);
    for (const d of likelyDimensions([500, 510], 3.1)) expect(d % 4).toBe(1);
  });
});
