// Every code a screen can meet has words in both languages, and the Bangla is Bangla.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, LOG_PROBLEM_CODES, TRUST_PROBLEM_CODES } from '../../main/contract/api.ts';
import { BRIDGE_ERROR_CODES, IMAGE_CODES, STICK_SKIP_REASONS } from '../../main/contract/bridge-events.ts';
import { CLI_CODES } from '../../main/contract/cli-codes.ts';
import {
  BUNDLE_CODES,
  CHECK_CODES,
  DECODE_CODES,
  FILE_CODES,
  KIOSK_CODES,
} from '../../main/contract/codes.ts';
import { STORE_ERROR_CODES } from '../../main/contract/store-codes.ts';
import { DEVICE_CODES, SYNC_CODES } from '../../main/contract/sync.ts';
import {
  API_ERROR_WORDS,
  BRIDGE_ERROR_WORDS,
  BUNDLE_WORDS,
  CLI_WORDS,
  DEVICE_WORDS,
  FILE_WORDS,
  IMAGE_WORDS,
  LOG_PROBLEM_WORDS,
  STORE_WORDS,
  SYNC_WORDS,
  REASON_WORDS,
  SKIP_WORDS,
  STATUS_WORDS,
  DAY_WORDS,
  TECH_WORDS,
  TRUST_PROBLEM_WORDS,
  UI_WORDS,
  VISA_WORDS,
  wordsForCode,
  type Words,
} from '../../main/contract/words.ts';

const BANGLA = /[\u0980-\u09FF]/;
function bothLanguages(w: Words | undefined): void {
  expect(w).toBeDefined();
  expect(w!.bn.trim()).not.toBe('');
  expect(w!.en.trim()).not.toBe('');
  expect(w!.bn).toMatch(BANGLA);
  expect(w!.en).not.toMatch(BANGLA);
}

describe('words table', () => {
  it.each([...DECODE_CODES, ...CHECK_CODES, ...KIOSK_CODES])('reason %s', (code) =>
    bothLanguages(REASON_WORDS[code]),
  );
  it.each(BUNDLE_CODES)('bundle refusal %s', (code) => bothLanguages(BUNDLE_WORDS[code]));
  it.each(API_ERROR_CODES)('contract error %s', (code) => bothLanguages(API_ERROR_WORDS[code]));
  it.each(LOG_PROBLEM_CODES)('log problem %s', (code) => bothLanguages(LOG_PROBLEM_WORDS[code]));
  it.each(TRUST_PROBLEM_CODES)('trust problem %s', (code) => bothLanguages(TRUST_PROBLEM_WORDS[code]));
  it.each(BRIDGE_ERROR_CODES)('hardware problem %s', (code) => bothLanguages(BRIDGE_ERROR_WORDS[code]));
  it.each(SYNC_CODES)('sync code %s', (code) => bothLanguages(SYNC_WORDS[code]));
  it.each(STORE_ERROR_CODES)('database problem %s', (code) => bothLanguages(STORE_WORDS[code]));
  it.each(IMAGE_CODES)('image file problem %s', (code) => bothLanguages(IMAGE_WORDS[code]));
  it.each(FILE_CODES)('file problem %s', (code) => bothLanguages(FILE_WORDS[code]));
  it.each(DEVICE_CODES)('device identity problem %s', (code) => bothLanguages(DEVICE_WORDS[code]));
  it.each(STICK_SKIP_REASONS)('a stick file or folder not offered: %s', (why) =>
    bothLanguages(SKIP_WORDS[why]),
  );
  it.each(CLI_CODES)('command line failure %s', (code) => {
    bothLanguages(CLI_WORDS[code]);
    expect(wordsForCode(code)).toBe(CLI_WORDS[code]);
  });

  it('has no words for codes that do not exist', () => {
    const codes = new Set<string>([...DECODE_CODES, ...CHECK_CODES, ...KIOSK_CODES]);
    expect(Object.keys(REASON_WORDS).filter((k) => !codes.has(k))).toEqual([]);
    expect(Object.keys(BUNDLE_WORDS).sort()).toEqual([...BUNDLE_CODES].sort());
    expect(Object.keys(SKIP_WORDS).sort()).toEqual([...STICK_SKIP_REASONS].sort());
  });

  it("statuses, visa types and the screens' labels are in both languages", () => {
    for (const s of Object.values(STATUS_WORDS)) {
      bothLanguages(s.word);
      bothLanguages(s.action);
    }
    for (const w of Object.values(VISA_WORDS)) bothLanguages(w);
    for (const w of Object.values(TECH_WORDS)) bothLanguages(w);
    for (const [key, w] of Object.entries(UI_WORDS)) {
      expect(w.bn, key).toMatch(BANGLA);
      expect(w.en.trim(), key).not.toBe('');
    }
  });

  it('the report\'s "could not be read" says what to do, as its Bangla does: scan again', () => {
    expect(DAY_WORDS.unreadable.bn).toContain('আবার স্ক্যান');
    expect(DAY_WORDS.unreadable.en).toBe('Could not be read (scan again)');
  });

  it('finds the words for any screen code, and none for an unknown one', () => {
    for (const c of [
      ...CHECK_CODES,
      ...BUNDLE_CODES,
      ...API_ERROR_CODES,
      ...LOG_PROBLEM_CODES,
      ...TRUST_PROBLEM_CODES,
      ...STORE_ERROR_CODES,
      ...BRIDGE_ERROR_CODES,
      ...SYNC_CODES,
      ...IMAGE_CODES,
      ...FILE_CODES,
      ...DEVICE_CODES,
    ])
      bothLanguages(wordsForCode(c) ?? undefined);
    expect(wordsForCode('toString')).toBeNull();
    expect(wordsForCode('NOPE')).toBeNull();
  });
});

describe('every code list the contract exports', () => {
  // Walks the modules, so a code list added later is checked without naming it here.
  it('has words in both languages for each code', async () => {
    const dir = path.resolve(import.meta.dirname, '../../main/contract');
    const missing: string[] = [];
    let lists = 0;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!name.endsWith('_CODES') || !Array.isArray(value)) continue;
        lists++;
        for (const code of value as string[]) {
          const w = wordsForCode(code);
          if (!w || !BANGLA.test(w.bn) || !w.en.trim() || BANGLA.test(w.en)) missing.push(`${name}: ${code}`);
        }
      }
    }
    expect(lists).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
