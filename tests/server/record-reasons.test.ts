// sync-protocol.md sets no limit on a record's reasons (a verdict has one per failed rule, and a
// bundle may hold any number of rules): the reference server takes as many as the kiosk logs,
// bounded only by the batch's 1 MiB. Before, it refused a record with more than 32 (400), so a
// bundle of 40 rules quarantined sync for good (--resume sent the same refused batch again).
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../main/contract/verdict.ts';
import { recordSchema } from '../../server/protocol.ts';
import { engineFor, serverAudit, syncFixtures } from '../helpers/sync.ts';
import { fakeVerdict } from '../helpers/store.ts';

const { kiosk, server } = syncFixtures();

/** A warning with `n` failed rules, as a bundle with that many rules for the destination gives. */
const manyRules = (i: number, n: number): Verdict => ({
  ...fakeVerdict(i, 'warning'),
  reasons: Array.from({ length: n }, (_, r) => ({
    code: 'RULE_FAILED' as const,
    rule: `XX-PASSPORT-${r}`,
    text: { en: 'x', bn: 'x' },
  })),
});

describe('a record with many reasons', () => {
  it.each([41, 300])('%i reasons pass the server schema and are stored by sync', async (n) => {
    const k = kiosk(3);
    k.store.logVerdict(manyRules(4, n), 'QR-many', Date.now(), 'OF-1042');
    const [record] = k.store.recordsFrom(4, 1);
    expect(record!.reasons).toHaveLength(n);
    expect(recordSchema.safeParse(record).success).toBe(true);
    const s = await server({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r).toMatchObject({ ok: true, acknowledged: 4, alert: null });
    expect(await serverAudit(s.url, k.kioskId)).toMatchObject({ count: 4, chainOk: true, reports: [] });
  });
});
