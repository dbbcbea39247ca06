import { describe, expect, it } from 'vitest';
import { parseBoardingPass } from '../../../main/core/trip/bcbp.ts';
import { encodePass } from '../../helpers/boarding-pass.ts';

// Examples published with the standard (IATA Resolution 792, Attachment B).
const STANDARD = [
  {
    name: 'M1, mandatory items and security data',
    text: 'M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 326J001A0025 100^164GIWVC5EH7JNT684FVNJ91W2QA4DVN5J8K4F0L0GEQ3DF5TGBN8709HKT5D3DW3GBHFCVHMY7J5T6HFR41W2QA4DVN5J8K4F0L0GE',
    pass: { name: 'DESMARAIS/LUC', legs: [{ from: 'YUL', to: 'FRA', flight: 'AC 0834', dayOfYear: 326 }] },
  },
  {
    name: 'M2, two legs with conditional items',
    text: 'M2DESMARAIS/LUC       EABC123 YULFRAAC 0834 226F001A0025 14D>6181WW6225BAC 00141234560032A0141234567890 1AC AC 1234567890123    20KYLX58ZDEF456 FRAGVALH 3664 227C012C0002 12E2A0140987654321 1AC AC 1234567890123    2PCNWQ^164GIWVC5EH7JNT684FVNJ91W2QA4DVN5J8K4F0L0GEQ3DF5TGBN8709HKT5D3DW3GBHFCVHMY7J5T6HFR41W2QA4DVN5J8K4F0L0GE',
    pass: {
      name: 'DESMARAIS/LUC',
      legs: [
        { from: 'YUL', to: 'FRA', flight: 'AC 0834', dayOfYear: 226 },
        { from: 'FRA', to: 'GVA', flight: 'LH 3664', dayOfYear: 227 },
      ],
    },
  },
  {
    name: 'B.1.1 home-printed (LH)',
    text: 'M1TEST/HIDDEN         E8OQ6FU FRARLGLH 4010 012C004D0001 35C>2180WW6012BLH              2922023642241060 LH                        *30600000K09         ',
    pass: { name: 'TEST/HIDDEN', legs: [{ from: 'FRA', to: 'RLG', flight: 'LH 4010', dayOfYear: 12 }] },
  },
  {
    name: 'B.1.2 home-printed (KL)',
    text: 'M1TEST/PETER          E24Z5RN AMSBRUKL 1733 019M008A0001 316>503  W0D0742497067621',
    pass: { name: 'TEST/PETER', legs: [{ from: 'AMS', to: 'BRU', flight: 'KL 1733', dayOfYear: 19 }] },
  },
  {
    name: 'B.2.1 kiosk-printed (UA)',
    text: 'M1ASKREN/TEST         EA272SL ORDNRTUA 0881 007F002K0303 15C>3180 K6007BUA              2901624760758980 UA UA EY975897            *30600    09  UAG    ',
    pass: { name: 'ASKREN/TEST', legs: [{ from: 'ORD', to: 'NRT', flight: 'UA 0881', dayOfYear: 7 }] },
  },
  {
    name: 'B.3.1 mobile (LH)',
    text: 'M1TEST/HIDDEN         E8OQ6FU FRARLGLH 4010 012C004D0001 35C>2180WM6012BLH              2922023642241060 LH                        *30600000K09         ',
    pass: { name: 'TEST/HIDDEN', legs: [{ from: 'FRA', to: 'RLG', flight: 'LH 4010', dayOfYear: 12 }] },
  },
];

describe('BCBP passes published with the standard', () => {
  it.each(STANDARD)('$name', ({ text, pass }) => {
    expect(parseBoardingPass(text)).toEqual({ ok: true, pass });
  });
  it.each(STANDARD)('$name, with the scanner trimming trailing spaces and adding CR LF', ({ text, pass }) => {
    expect(parseBoardingPass(`${text.trimEnd()}\r\n`)).toEqual({ ok: true, pass });
  });
});

/** Passes made by the `bcbp` package's encoder, an implementation independent of the parser. */
const encoded = (name: string, legs: [string, string, string, string, string][]) => encodePass(name, legs);

describe('BCBP passes from an independent encoder', () => {
  const cases = [
    { name: 'one leg', args: ['UDDIN/RAHIM MD', [['DAC', 'KWI', 'KU', '0284', '2026-12-01']]] },
    {
      name: 'two legs through a hub',
      args: [
        'BEGUM/MST NASRIN',
        [
          ['CGP', 'DXB', 'EK', '0583', '2026-12-01'],
          ['DXB', 'RUH', 'EK', '0817', '2026-12-02'],
        ],
      ],
    },
    {
      name: 'four legs, the most the kiosk reads',
      args: [
        'HOSSAIN/KAMAL',
        [
          ['ZYL', 'DAC', 'BG', '0602', '2026-12-31'],
          ['DAC', 'DOH', 'QR', '0639', '2027-01-01'],
          ['DOH', 'MCT', 'QR', '1132', '2027-01-01'],
          ['MCT', 'SLL', 'WY', '0905', '2027-01-02'],
        ],
      ],
    },
    {
      name: 'a name cut at 20 characters',
      args: ['CHOWDHURYTALUKDER/ABDULRAHMAN', [['DAC', 'KUL', 'MH', '0197', '2026-03-01']]],
    },
  ] as const;
  it.each(cases)('$name', ({ args }) => {
    const [name, legs] = args;
    const read = parseBoardingPass(
      encoded(name, legs.map((l) => [...l]) as [string, string, string, string, string][]),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.pass.name).toBe(name.slice(0, 20).trimEnd());
    expect(read.pass.legs.map((l) => [l.from, l.to, l.flight])).toEqual(
      legs.map(([f, t, c, n]) => [f, t, `${c} ${n}`]),
    );
    const doy = (d: string) =>
      (Date.parse(`${d}T00:00:00Z`) - Date.UTC(Number(d.slice(0, 4)), 0, 1)) / 86_400_000 + 1;
    expect(read.pass.legs.map((l) => l.dayOfYear)).toEqual(legs.map((l) => doy(l[4])));
  });
});

describe('texts that are not passes, or damaged passes', () => {
  const good = 'M1UDDIN/RAHIM MD      EXK4P2Q DACKWIKU 0284 335Y031C0042 100';
  it.each([
    ['empty', '', 'PASS_NOT_BCBP'],
    ['a clearance card', 'BMET1:NCFOXN%TSMAHN-HUWOL1', 'PASS_NOT_BCBP'],
    ['another format code', `S${good.slice(1)}`, 'PASS_NOT_BCBP'],
    ['control characters', `${good.slice(0, 30)}\u0007${good.slice(31)}`, 'PASS_NOT_BCBP'],
    ['non-ASCII', good.replace('RAHIM', 'RAHİM'), 'PASS_NOT_BCBP'],
    ['overlong', `${good}${' '.repeat(3000)}`, 'PASS_NOT_BCBP'],
    ['cut in the first leg', good.slice(0, 40), 'PASS_MALFORMED'],
    ['more legs than the text holds', `M2${good.slice(2)}`, 'PASS_MALFORMED'],
    ['five legs', `M5${good.slice(2)}`, 'PASS_MALFORMED'],
    ['airport with a digit', good.replace('DACKWI', 'DA1KWI'), 'PASS_MALFORMED'],
    ['day of year 000', good.replace(' 335Y', ' 000Y'), 'PASS_MALFORMED'],
    ['day of year 367', good.replace(' 335Y', ' 367Y'), 'PASS_MALFORMED'],
    ['flight number of letters', good.replace('0284', 'ABCD'), 'PASS_MALFORMED'],
    ['size not hex', `${good.slice(0, -2)}ZZ`, 'PASS_MALFORMED'],
    ['name not letters', good.replace('UDDIN/RAHIM', 'UDDIN/R4HIM'), 'PASS_MALFORMED'],
    ['garbage after the legs', `${good}XYZ`, 'PASS_MALFORMED'],
  ])('%s → %s', (_name, text, code) => {
    expect(parseBoardingPass(text)).toEqual({ ok: false, code });
  });
});
