// Batches: contiguous seq, at most 500 records and 1 MiB of JSON, gzip, a kept id on retry.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../../main/core/store/outbox.ts';
import { buildBatch } from '../../../main/core/sync/batch.ts';

const rec = (seq: number, pad = 0): OutboxRecord => ({
  seq,
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  scannedAt: '2026-11-22T03:14:07.123Z',
  officerId: 'OF-1042' + 'x'.repeat(pad),
  status: 'valid',
  reasons: [],
  clearanceId: 'BMET-2026-00012345',
  passport: 'A01234567',
  destination: 'KW',
  visaType: 'EMP',
  kid: 'k',
  qrSha256: 'a'.repeat(64),
  prevHash: 'b'.repeat(64),
  hash: 'c'.repeat(64),
});
const range = (from: number, n: number, pad = 0) => Array.from({ length: n }, (_, i) => rec(from + i, pad));

describe('buildBatch', () => {
  it('takes at most 500 records and says so in its JSON', async () => {
    const r = await buildBatch(range(7, 600), { kioskId: 'DAC-T1-D07', fromSeq: 7 });
    if (!r.ok) throw new Error(r.why);
    expect(r.batch.count).toBe(500);
    const body = JSON.parse(gunzipSync(r.batch.body).toString());
    expect(body).toMatchObject({ batchId: r.batch.batchId, kioskId: 'DAC-T1-D07', fromSeq: 7, toSeq: 506 });
    expect(body.records).toHaveLength(500);
    expect(body.records[0]).toEqual(rec(7));
  });

  it('stays within 1 MiB of JSON before compression', async () => {
    const r = await buildBatch(range(1, 500, 4000), { kioskId: 'DAC-T1-D07', fromSeq: 1 });
    if (!r.ok) throw new Error(r.why);
    expect(r.batch.count).toBeLessThan(500);
    const json = gunzipSync(r.batch.body);
    expect(json.length).toBe(r.batch.jsonBytes);
    expect(json.length).toBeLessThanOrEqual(1024 * 1024);
    // one more record would not have fitted
    expect(json.length + JSON.stringify(rec(1, 4000)).length + 1).toBeGreaterThan(1024 * 1024);
  });

  it('stops at a gap and refuses a missing first record', async () => {
    const recs = [...range(1, 3), ...range(5, 3)];
    const r = await buildBatch(recs, { kioskId: 'K1', fromSeq: 1 });
    expect(r.ok && r.batch.toSeq).toBe(3);
    const m = await buildBatch(range(5, 3), { kioskId: 'K1', fromSeq: 4 });
    expect(m.ok).toBe(false);
    expect(await buildBatch([], { kioskId: 'K1', fromSeq: 1 })).toEqual({ ok: false, why: 'empty' });
  });

  it('rebuilds a retried batch byte for byte: same id, same range', async () => {
    const a = await buildBatch(range(1, 300), { kioskId: 'K1', fromSeq: 1, maxRecords: 200 });
    if (!a.ok) throw new Error(a.why);
    const b = await buildBatch(range(1, 500), {
      kioskId: 'K1',
      fromSeq: 1,
      batchId: a.batch.batchId,
      toSeq: a.batch.toSeq,
    });
    if (!b.ok) throw new Error(b.why);
    expect(b.batch.batchId).toBe(a.batch.batchId);
    expect(gunzipSync(b.batch.body).equals(gunzipSync(a.batch.body))).toBe(true);
  });
});
