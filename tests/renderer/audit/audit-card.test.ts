// The technician's audit card in real Chromium, over an audit line of every action with every
// detail key the kiosk writes (tests/helpers/audit-samples.ts): each line reads as words in
// both languages — the action's words, every detail labelled, codes through their words —
// never the bare action code, raw JSON or a raw true/false.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction, AuditValueCode } from '../../../main/contract/audit.ts';
import type { Role } from '../../../main/contract/staff.ts';
import type { AuditLine } from '../../../main/contract/technician.ts';
import {
  AUDIT_ACTION_WORDS,
  AUDIT_DETAIL_WORDS,
  AUDIT_VALUE_WORDS,
  ROLE_WORDS,
  wordsForCode,
} from '../../../main/contract/words.ts';
import { sampleAuditLines } from '../../helpers/audit-samples.ts';
import { ARTIFACTS, hasChromium } from '../../helpers/kiosk.ts';
import { useHarnessPage } from '../../helpers/page-harness.ts';

declare const __audit: { render(lines: AuditLine[]): void };

const lines = sampleAuditLines();

interface Shown {
  action: string;
  text: string;
  what: string;
  keys: { key: string; label: string; value: string }[];
}

describe.skipIf(!hasChromium)('the audit card in Chromium', () => {
  const pageOf = useHarnessPage(path.join(import.meta.dirname, 'harness'), '__audit', {
    width: 1366,
    height: 768,
  });
  let shown: Shown[];

  beforeAll(async () => {
    const page = pageOf();
    await page.evaluate((l) => __audit.render(l), lines);
    shown = await page.$$eval('[data-testid=tech-audit-lines] tbody tr', (rows) =>
      rows.map((tr) => ({
        action: tr.getAttribute('data-action') ?? '',
        text: (tr as HTMLElement).innerText,
        what: (tr.querySelector('.what') as HTMLElement).innerText,
        // The line's own details (a batch's fields are inside its value).
        keys: [...tr.querySelectorAll('td > .audit-detail > .kv')].map((kv) => ({
          key: kv.getAttribute('data-key') ?? '',
          label: (kv.querySelector('.k') as HTMLElement).innerText,
          value: (kv.querySelector('.v') as HTMLElement).innerText,
        })),
      })),
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, 'technician-audit-every-action.png'),
      fullPage: true,
    });
  }, 120_000);

  it('shows a line for every sample', () => {
    expect(shown.map((s) => s.action)).toEqual(lines.map((l) => l.action));
  });

  it.each(lines.map((l, i) => [l.action, i] as const))(
    '%s (line %i): words in both languages, no bare action code, no JSON',
    (action, i) => {
      const line = lines[i]!;
      const s = shown[i]!;
      const words = AUDIT_ACTION_WORDS[action as AuditAction];
      expect(s.what).toContain(words.bn);
      expect(s.what).toContain(words.en);
      expect(s.text).not.toContain(action);
      for (const bad of ['{', '}', '[object', '"', 'true', 'false']) expect(s.text).not.toContain(bad);
      // Every detail the line holds is shown, labelled with its words, never its key alone.
      expect(s.keys.map((k) => k.key).sort()).toEqual(Object.keys(line.detail).sort());
      for (const k of s.keys) {
        const label = AUDIT_DETAIL_WORDS[k.key as keyof typeof AUDIT_DETAIL_WORDS];
        expect(k.label, k.key).toContain(label.en);
        expect(k.label, k.key).toContain(label.bn);
        expect(k.value.trim(), k.key).not.toBe('');
      }
      // Codes read through their words (both languages), the code beside them.
      const d = line.detail;
      const codes = [d.code, d.alert, ...(Array.isArray(d.codes) ? d.codes : [])].filter(
        (c): c is string => typeof c === 'string',
      );
      for (const c of codes) {
        const w = wordsForCode(c)!;
        expect(s.text).toContain(w.en);
        expect(s.text).toContain(w.bn);
      }
      // The audit's own coded values (why a session ended, a throttle's phase…) and roles read as words.
      for (const k of s.keys) {
        const v = d[k.key];
        const w =
          k.key === 'role' && typeof v === 'string'
            ? ROLE_WORDS[v as Role]
            : typeof v === 'string' && Object.hasOwn(AUDIT_VALUE_WORDS, v) && k.key !== 'code'
              ? AUDIT_VALUE_WORDS[v as AuditValueCode]
              : null;
        if (!w) continue;
        expect(k.value, `${k.key}=${String(v)}`).toContain(w.en);
        expect(k.value, `${k.key}=${String(v)}`).toContain(w.bn);
      }
    },
  );

  it('a quarantined batch shows as its labelled fields: batch id, first and last record', () => {
    const i = lines.findIndex((l) => l.action === 'sync.alert' && l.detail.batch);
    const batch = shown[i]!.keys.find((k) => k.key === 'batch')!;
    expect(batch.value).toContain('6614cd40-2b1e-4c59-9d0e-4f1b6a7c8d90');
    for (const k of ['batchId', 'fromSeq', 'toSeq'] as const) {
      expect(batch.value).toContain(AUDIT_DETAIL_WORDS[k].en);
      expect(batch.value).toContain(AUDIT_DETAIL_WORDS[k].bn);
    }
  });
});
