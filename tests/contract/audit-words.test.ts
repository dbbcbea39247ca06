// Every audit action and every detail key the kiosk writes has words in Bangla and English
// (the technician's audit table reads them), walked over the typed samples of every action;
// and what a real store writes holds only keys the samples (so the words) know.
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction } from '../../main/contract/audit.ts';
import {
  AUDIT_ACTION_WORDS,
  AUDIT_DETAIL_WORDS,
  AUDIT_VALUE_WORDS,
  wordsForCode,
  type Words,
} from '../../main/contract/words.ts';
import { openStore, type Store } from '../../main/core/store/store.ts';
import { AUDIT_SAMPLES } from '../helpers/audit-samples.ts';
import { tempDataDir } from '../helpers/store.ts';

const BANGLA = /[\u0980-\u09FF]/;
const bothLanguages = (w: Words | undefined) => {
  expect(w?.en.trim()).toBeTruthy();
  expect(w?.bn).toMatch(BANGLA);
};

/** Every key of a detail, and of the objects it holds (a sync alert's batch), as `key` paths. */
function keysOf(detail: object): string[] {
  return Object.entries(detail).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? [k, ...keysOf(v as object)] : [k],
  );
}

const samples = Object.entries(AUDIT_SAMPLES) as [AuditAction, object[]][];
const sampleKeys = (action: AuditAction) => new Set(AUDIT_SAMPLES[action].flatMap((d) => keysOf(d)));

describe('audit words', () => {
  it('every action is listed once and has its words', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(Object.keys(AUDIT_ACTION_WORDS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(Object.keys(AUDIT_SAMPLES).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it.each(AUDIT_ACTIONS)('%s: words in both languages, and a label for every key it writes', (action) => {
    bothLanguages(AUDIT_ACTION_WORDS[action]);
    for (const key of sampleKeys(action)) {
      expect(Object.hasOwn(AUDIT_DETAIL_WORDS, key), `${action}: ${key} has no label`).toBe(true);
      bothLanguages(AUDIT_DETAIL_WORDS[key as keyof typeof AUDIT_DETAIL_WORDS]);
    }
  });

  it('the samples hold every detail key the contract declares (the words table has no key nobody writes)', () => {
    const written = new Set(samples.flatMap(([, details]) => details.flatMap((d) => keysOf(d))));
    expect([...written].sort()).toEqual(Object.keys(AUDIT_DETAIL_WORDS).sort());
  });

  it('coded values have words: codes through the code lists, reasons and phases through the audit table', () => {
    for (const [action, details] of samples)
      for (const d of details as Record<string, unknown>[]) {
        for (const k of ['code', 'alert'])
          if (typeof d[k] === 'string') expect(wordsForCode(d[k]), `${action} ${k}`).not.toBeNull();
        if (Array.isArray(d.codes)) for (const c of d.codes) expect(wordsForCode(c as string)).not.toBeNull();
        for (const k of ['reason', 'phase', 'next', 'type', 'via'])
          if (typeof d[k] === 'string' && action !== 'shell.renderer-gone')
            expect(Object.hasOwn(AUDIT_VALUE_WORDS, d[k]), `${action} ${k}=${d[k]}`).toBe(true);
      }
    for (const w of Object.values(AUDIT_VALUE_WORDS)) bothLanguages(w);
  });
});

describe('what a real store writes', () => {
  let store: Store;
  afterEach(() => store?.close());

  it('holds only keys the samples of its action hold', async () => {
    store = openStore({ dataDir: tempDataDir('audit-words'), now: () => Date.parse('2026-11-22T06:00:00Z') });
    store.people.add({ id: 'TC-3001', name: 'Shirin Sultana', role: 'technician', pin: '864200' }, 'SETUP');
    store.people.setDisabled('TC-3001', true, 'SV-1');
    store.people.setDisabled('TC-3001', false, 'SV-1');
    store.people.resetPin('TC-3001', '864201', 'SV-1');
    await store.people.login('TC-3001', '864201');
    await store.people.login('TC-3001', '000000');
    await store.people.login('NOBODY-1', '000000');
    store.setSetting('retentionDays', '30', 'SV-1');
    store.applyRetention('SV-1');
    store.appendAudit('TC-3001', 'sync.resume', { alert: null, message: null });
    const entries = store.auditEntries();
    expect(new Set(entries.map((e) => e.action)).size).toBeGreaterThanOrEqual(7);
    for (const e of entries) {
      expect(AUDIT_ACTIONS).toContain(e.action);
      for (const key of keysOf(e.detail)) expect(sampleKeys(e.action), `${e.action}: ${key}`).toContain(key);
    }
  });
});
