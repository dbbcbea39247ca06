// Every reason code the contract can put in a logged record passes the reference server's
// checks: the records are written by the kiosk's own store (so they are exactly what sync
// sends), checked against the server's schema, then stored through a real sync.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as codes from '../../main/contract/codes.ts';
import type { ReasonCode } from '../../main/contract/codes.ts';
import type { Verdict } from '../../main/contract/verdict.ts';
import { recordSchema, REASON_CODE_RE } from '../../server/protocol.ts';
import { cleanup, engineFor, makeKiosk, serverAudit, startServer } from '../helpers/sync.ts';
import { fakeVerdict } from '../helpers/store.ts';

/** Every string of every `*_CODES` list codes.ts exports: a code added there is tested here without an edit. */
const contractCodes = Object.entries(codes)
  .filter(([name, v]) => name.endsWith('_CODES') && Array.isArray(v))
  .flatMap(([, v]) => v as readonly string[]);

const k = makeKiosk(0);
afterAll(() => {
  k.store.close();
  cleanup(k.dataDir);
});

describe('reason codes on the wire', () => {
  it('the walk finds the decode and check codes, digits included', () => {
    for (const c of [...codes.DECODE_CODES, ...codes.CHECK_CODES]) expect(contractCodes).toContain(c);
    expect(contractCodes).toContain('BASE45_INVALID');
  });

  it('every code the contract defines, in every module, matches the server pattern', async () => {
    const dir = path.join(import.meta.dirname, '../../main/contract');
    const all: string[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(path.join(dir, f))) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod))
        if (name.endsWith('_CODES') && Array.isArray(v)) all.push(...(v as string[]));
    }
    expect(all.length).toBeGreaterThan(contractCodes.length);
    expect(all.filter((c) => !REASON_CODE_RE.test(c))).toEqual([]);
  });

  it('records carrying each code, as the kiosk logs them, pass the server schema and are stored by sync', async () => {
    const t0 = Date.now() - 60_000;
    contractCodes.forEach((code, i) => {
      const base = fakeVerdict(i + 1, 'invalid');
      const v: Verdict = {
        ...base,
        reasons: [
          code === 'RULE_FAILED'
            ? { code, rule: 'KW-PASSPORT-6M', text: { en: 'x', bn: 'x' } }
            : code === 'DUPLICATE_SCAN'
              ? { code, firstSeenAt: new Date(t0).toISOString() }
              : { code: code as ReasonCode },
        ],
      };
      k.store.logVerdict(v, `QR-${code}`, t0 + i, 'OF-1042');
    });
    const records = k.store.recordsFrom(1, 1000);
    expect(records).toHaveLength(contractCodes.length);
    for (const r of records) {
      const parsed = recordSchema.safeParse(r);
      expect(parsed.success, `${r.reasons[0]?.code}: ${parsed.error?.issues[0]?.message}`).toBe(true);
    }
    const s = await startServer({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    try {
      const r = await engineFor(k, s.url).engine.runOnce();
      expect(r).toMatchObject({ ok: true, acknowledged: records.length, alert: null });
      expect(await serverAudit(s.url, k.kioskId)).toMatchObject({ count: records.length, chainOk: true });
    } finally {
      await s.close();
    }
  });
});
