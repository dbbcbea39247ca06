import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../main/core/trip/names.ts';

describe('boarding-pass name against the clearance name', () => {
  it.each([
    // [pass name as printed, clearance nm, expected]
    ['UDDIN/RAHIM', 'MD RAHIM UDDIN', 'match'], // MD left out by the airline
    ['UDDIN/RAHIM MD', 'MD RAHIM UDDIN', 'match'], // MD moved after the given name
    ['UDDIN/MDRAHIM MR', 'MD RAHIM UDDIN', 'match'], // run together, a title appended
    ['UDDIN/MD RAHIM MR', 'MD RAHIM UDDIN', 'match'],
    ['RAHIM UDDIN/MD', 'MD RAHIM UDDIN', 'match'], // order varying
    ['BEGUM/NASRIN MRS', 'MST NASRIN BEGUM', 'match'],
    ['BEGUM/MSTNASRIN', 'MST NASRIN BEGUM', 'match'],
    ['KARIM/ABDUL', 'ABDUL KARIM', 'match'],
    ['ABDULKARIM/MR', 'ABDUL KARIM', 'match'],
    ['CHOWDHURYTALUKDER/AB', 'ABDUR RAHMAN CHOWDHURY TALUKDER', 'match'], // cut at 20
    ['CHOWDHURY/ABDUR RAHM', 'ABDUR RAHMAN CHOWDHURY', 'match'], // cut inside the last word
    ['MDRAHIMUDDIN/MR', 'MD RAHIM UDDIN', 'match'], // a single-name passenger: all in the surname, MD run in
    ['MDRAHIMUDDIN/FNU', 'MD RAHIM UDDIN', 'match'], // FNU: first name unknown
    ['FNU/MDRAHIMUDDIN', 'MD RAHIM UDDIN', 'match'],
    ['LNU/RAHIM UDDIN MR', 'MD RAHIM UDDIN', 'match'], // LNU: last name unknown
    ['MSTNASRINBEGUM/MRS', 'MST NASRIN BEGUM', 'match'],
    ['UDDIN/RAHIMMR', 'MD RAHIM UDDIN', 'match'], // a title run into the given name
    ['UDDIN/MDRAHIMMR', 'MD RAHIM UDDIN', 'match'],
    ['BEGUM/NASRINMRS', 'MST NASRIN BEGUM', 'match'],
    ['MDKAMALHOSSAIN/MR', 'MD RAHIM UDDIN', 'mismatch'], // run together, and someone else
    ['FNU/FNU', 'MD RAHIM UDDIN', 'mismatch'],
    ['UDDIN/KARIM', 'MD RAHIM UDDIN', 'partial'], // surname agrees, given name does not
    ['UDDIN/RAHIM', 'MD RAHIM UDDIN SHEIKH', 'partial'], // a word of the passport name missing
    ['HOSSAIN/KAMAL', 'MD RAHIM UDDIN', 'mismatch'],
    ['MD/MR', 'MD RAHIM UDDIN', 'mismatch'], // nothing but prefixes and titles
    ['', 'MD RAHIM UDDIN', 'mismatch'],
  ])('%s vs %s → %s', (pass, card, expected) => {
    expect(compareNames(pass, card)).toBe(expected);
  });
});
