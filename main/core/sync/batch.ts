/** Builds one upload batch from the outbox: a contiguous seq range, ≤ 500 records, ≤ 1 MiB of JSON, then gzip. */
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { OutboxRecord } from '../store/outbox.ts';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS } from './wire.ts';

const gzipAsync = promisify(gzip);

export interface Batch {
  batchId: string;
  fromSeq: number;
  toSeq: number;
  count: number;
  /** The JSON body before compression. */
  jsonBytes: number;
  /** The body as sent (gzip). */
  body: Buffer;
}

export type BuildResult =
  { ok: true; batch: Batch } | { ok: false; why: 'empty' } | { ok: false; why: 'missing'; message: string };

/**
 * Records from `fromSeq` (up to `toSeq` when a retried batch must keep its range) make a
 * batch. The body is assembled from each record's own JSON so the size limit is exact;
 * a gap in the outbox ends the batch before it, and a missing first record is an error.
 */
export async function buildBatch(
  records: OutboxRecord[],
  opts: {
    kioskId: string;
    fromSeq: number;
    toSeq?: number;
    batchId?: string;
    maxRecords?: number;
    maxBytes?: number;
  },
): Promise<BuildResult> {
  const maxRecords = Math.min(opts.maxRecords ?? MAX_BATCH_RECORDS, MAX_BATCH_RECORDS);
  const maxBytes = Math.min(opts.maxBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  if (records.length === 0) return { ok: false, why: 'empty' };
  if (records[0]!.seq !== opts.fromSeq)
    return {
      ok: false,
      why: 'missing',
      message: `the outbox has no record ${opts.fromSeq} (next is ${records[0]!.seq})`,
    };
  const batchId = opts.batchId ?? randomUUID();
  // `{"batchId":…,"kioskId":…,"fromSeq":F,"toSeq":T,"records":[` + records + `]}`; seq numbers are bounded by 16 digits.
  const head = (to: number) =>
    `{"batchId":${JSON.stringify(batchId)},"kioskId":${JSON.stringify(opts.kioskId)},"fromSeq":${opts.fromSeq},"toSeq":${to},"records":[`;
  const fixed = head(Number.MAX_SAFE_INTEGER).length + 2;
  const parts: string[] = [];
  let bytes = fixed;
  for (const r of records) {
    if (parts.length >= maxRecords || r.seq !== opts.fromSeq + parts.length) break;
    if (opts.toSeq !== undefined && r.seq > opts.toSeq) break;
    const json = JSON.stringify(r);
    const size = Buffer.byteLength(json) + (parts.length ? 1 : 0);
    if (bytes + size > maxBytes && parts.length) break;
    parts.push(json);
    bytes += size;
  }
  const toSeq = opts.fromSeq + parts.length - 1;
  const json = Buffer.from(`${head(toSeq)}${parts.join(',')}]}`);
  return {
    ok: true,
    batch: {
      batchId,
      fromSeq: opts.fromSeq,
      toSeq,
      count: parts.length,
      jsonBytes: json.length,
      body: await gzipAsync(json, { level: 1 }),
    },
  };
}
