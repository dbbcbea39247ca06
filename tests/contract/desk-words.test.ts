// The desk's words: every reason the kiosk can give has an action for the officer, and every
// rule kind the kiosk knows has its own, in both languages with Bangla that is Bangla; the
// unreadable state and the desk's labels too.
import { describe, expect, it } from 'vitest';
import { CHECK_CODES, DECODE_CODES, KIOSK_CODES } from '../../main/contract/codes.ts';
import {
  DESK_WORDS,
  REASON_ACTIONS,
  RULE_KIND_ACTIONS,
  UNREADABLE_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { RULE_KINDS } from '../../main/core/trust/bundle-types.ts';

const BANGLA = /[\u0980-\u09FF]/;
function bothLanguages(w: Words | undefined, what: string): void {
  expect(w, what).toBeDefined();
  expect(w!.bn, what).toMatch(BANGLA);
  expect(w!.en.trim(), what).not.toBe('');
  expect(w!.en, what).not.toMatch(BANGLA);
}

describe('desk words', () => {
  it('an action for every reason code, and one for every rule kind', () => {
    for (const code of [...DECODE_CODES, ...CHECK_CODES, ...KIOSK_CODES])
      bothLanguages(REASON_ACTIONS[code], code);
    for (const kind of RULE_KINDS) bothLanguages(RULE_KIND_ACTIONS[kind], kind);
    // The ones the issue names: the help desk, the supervisor, a technician, the passport.
    expect(REASON_ACTIONS.CLEARANCE_EXPIRED.en).toMatch(/BMET help desk/);
    expect(REASON_ACTIONS.SIGNATURE_INVALID.en).toMatch(/supervisor/);
    expect(REASON_ACTIONS.KID_UNKNOWN.en).toMatch(/technician/);
    expect(REASON_ACTIONS.TRUST_BUNDLE_EXPIRED.en).toMatch(/technician/);
    expect(RULE_KIND_ACTIONS.passportMinValidity!.en).toMatch(/passport/);
    expect(REASON_ACTIONS.FORMAT_UNKNOWN.en).toMatch(/again/);
  });

  it('the unreadable state and the desk labels', () => {
    bothLanguages(UNREADABLE_WORDS.word, 'unreadable word');
    bothLanguages(UNREADABLE_WORDS.action, 'unreadable action');
    for (const [k, w] of Object.entries(DESK_WORDS)) {
      expect(w.bn, k).toMatch(BANGLA);
      expect(w.en.trim(), k).not.toBe('');
    }
  });
});
