// The reference BMET endpoint on its own, request by request: what it accepts, what it
// refuses and with which code, so kiosk developers can read the protocol off these cases.
import { randomUUID, sign, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../main/core/store/outbox.ts';
import { recordHash } from '../../server/protocol.ts';
import { cleanup, makeKiosk, startServer, type TestKiosk } from '../helpers/sync.ts';

let k: TestKiosk;
let s: Awaited<ReturnType<typeof startServer>>;
let recs: OutboxRecord[];

beforeAll(async () => {
  k = makeKiosk(30);
  recs = k.store.recordsFrom(1, 100);
  s = await startServer({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
});
afterAll(async () => {
  await s.close();
  k.store.close();
  cleanup(k.dataDir);
});

interface Post {
  records?: OutboxRecord[];
  batchId?: string;
  gzip?: boolean;
  timestamp?: string;
  key?: KeyObject;
  kioskId?: string;
  body?: Buffer;
  contentType?: string;
  headerKiosk?: string;
}

async function post(o: Post = {}) {
  const records = o.records ?? recs.slice(0, 10);
  const batchId = o.batchId ?? randomUUID();
  const kioskId = o.kioskId ?? k.kioskId;
  const json = Buffer.from(
    JSON.stringify({ batchId, kioskId, fromSeq: records[0]!.seq, toSeq: records.at(-1)!.seq, records }),
  );
  const body = o.body ?? (o.gzip === false ? json : gzipSync(json));
  const timestamp = o.timestamp ?? new Date().toISOString();
  const digest = (await import('node:crypto')).createHash('sha256').update(body).digest('hex');
  const signature = sign(null, Buffer.from(`${timestamp}\n${digest}`), o.key ?? k.privateKey).toString(
    'base64url',
  );
  const headers: Record<string, string> = {
    'Content-Type': o.contentType ?? 'application/json',
    'Idempotency-Key': batchId,
    'X-BMET-Kiosk': o.headerKiosk ?? kioskId,
    'X-BMET-Timestamp': timestamp,
    'X-BMET-Signature': signature,
  };
  if (o.gzip !== false) headers['Content-Encoding'] = 'gzip';
  const r = await fetch(`${s.url}/v1/kiosks/${kioskId}/batches`, {
    method: 'POST',
    headers,
    body: new Uint8Array(body),
  });
  // The server's JSON answer: an `error` code on a refusal, otherwise the acknowledgement the tests match.
  return {
    status: r.status,
    body: (await r.json()) as { error?: string } & Record<string, unknown>,
    headers: r.headers,
  };
}

describe('POST /v1/kiosks/{id}/batches', () => {
  it('stores a signed gzip batch, answers a repeated Idempotency-Key the same, counts overlaps as duplicates', async () => {
    const first = await post({ records: recs.slice(0, 10), batchId: 'batch-0001' });
    expect(first).toMatchObject({ status: 200, body: { accepted: 10, duplicates: 0, lastSeq: 10 } });
    expect(first.headers.get('date')).toBeTruthy();
    expect(await post({ records: recs.slice(0, 10), batchId: 'batch-0001' })).toMatchObject({
      status: 200,
      body: { accepted: 10, duplicates: 0, lastSeq: 10 },
    });
    expect(await post({ records: recs.slice(5, 15), gzip: false })).toMatchObject({
      status: 200,
      body: { accepted: 5, duplicates: 5, lastSeq: 15 },
    });
    expect(await post({ records: recs.slice(0, 3) })).toMatchObject({
      status: 200,
      body: { accepted: 0, duplicates: 3, lastSeq: 15 },
    });
  });

  it('409 with expectedSeq on a gap', async () => {
    expect(await post({ records: recs.slice(20, 25) })).toMatchObject({
      status: 409,
      body: { error: 'SEQ_GAP', expectedSeq: 16 },
    });
  });

  it('401 for a bad signature, a stale or future timestamp, a header naming another kiosk; 403 for an unknown kiosk', async () => {
    const other = makeKiosk(0, { kioskId: 'ZYL-T1-D02' });
    try {
      expect((await post({ key: other.privateKey })).body.error).toBe('SIGNATURE_INVALID');
      expect((await post({ timestamp: new Date(Date.now() - 6 * 60_000).toISOString() })).body.error).toBe(
        'TIMESTAMP_OUT_OF_WINDOW',
      );
      expect((await post({ timestamp: new Date(Date.now() + 6 * 60_000).toISOString() })).body.error).toBe(
        'TIMESTAMP_OUT_OF_WINDOW',
      );
      expect((await post({ timestamp: 'yesterday' })).body.error).toBe('TIMESTAMP_INVALID');
      expect(await post({ headerKiosk: 'ZYL-T1-D02' })).toMatchObject({
        status: 401,
        body: { error: 'KIOSK_MISMATCH' },
      });
      expect(await post({ kioskId: 'ZYL-T1-D02', key: other.privateKey })).toMatchObject({
        status: 403,
        body: { error: 'KIOSK_UNKNOWN' },
      });
    } finally {
      other.store.close();
      cleanup(other.dataDir);
    }
  });

  it('400 for malformed batches: not JSON, unknown fields, a range that lies, a zip bomb, another content type', async () => {
    expect((await post({ body: gzipSync('{"batchId": nope') })).body.error).toBe('BATCH_MALFORMED');
    expect((await post({ body: Buffer.from('not gzip at all') })).body.error).toBe('BODY_NOT_GZIP');
    expect((await post({ records: [{ ...recs[15]!, extra: 1 } as OutboxRecord] })).body).toMatchObject({
      error: 'BATCH_MALFORMED',
      message: expect.stringContaining('records.0'),
    });
    expect((await post({ records: [recs[15]!, recs[17]!] })).body.error).toBe('BATCH_MALFORMED');
    expect(await post({ body: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)) })).toMatchObject({
      status: 400,
      body: { error: 'BATCH_TOO_LARGE' },
    });
    // 400, a status sync-protocol.md lists (the kiosk quarantines), not 415, which it would retry for ever.
    expect(await post({ contentType: 'text/plain' })).toMatchObject({
      status: 400,
      body: { error: 'CONTENT_TYPE' },
    });
  });

  it('422 and a chain report for an altered record, a chain that does not join, a changed stored record', async () => {
    const altered = { ...recs[15]!, passport: 'X00000000' };
    expect(await post({ records: [altered] })).toMatchObject({
      status: 422,
      body: { error: 'CHAIN_HASH_MISMATCH', seq: 16 },
    });
    // self-consistent but it does not follow record 15
    const orphan = { ...recs[15]!, prevHash: 'f'.repeat(64), hash: '' };
    orphan.hash = recordHash(orphan as never);
    expect(await post({ records: [orphan] })).toMatchObject({
      status: 422,
      body: { error: 'CHAIN_BROKEN', seq: 16 },
    });
    // a record the server already holds, rewritten with a fresh hash
    const rewritten = { ...recs[3]!, passport: 'X00000000', hash: '' };
    rewritten.hash = recordHash(rewritten as never);
    expect(await post({ records: [rewritten] })).toMatchObject({
      status: 422,
      body: { error: 'CHAIN_CONFLICT', seq: 4 },
    });
    const reports = s.db.reports(k.kioskId).map((r) => [r.code, r.seq]);
    expect(reports).toEqual([
      ['CHAIN_HASH_MISMATCH', 16],
      ['CHAIN_BROKEN', 16],
      ['CHAIN_CONFLICT', 4],
    ]);
    expect(s.db.audit(k.kioskId)).toMatchObject({ count: 15, chainOk: true });
    // the real record 16 still joins
    expect(await post({ records: recs.slice(15, 30) })).toMatchObject({
      status: 200,
      body: { accepted: 15, lastSeq: 30 },
    });
  });

  it('an oversized body is refused before it is read to the end', async () => {
    const r = await post({ body: Buffer.alloc(3 * 1024 * 1024, 1) });
    expect(r).toMatchObject({ status: 400, body: { error: 'BATCH_TOO_LARGE' } });
  });
});

describe('GET /v1/trust/latest', () => {
  it('404 before a bundle is published, then 200 with an ETag, then 304 for If-None-Match', async () => {
    expect((await fetch(`${s.url}/v1/trust/latest`)).status).toBe(404);
    const bytes = Buffer.from('{"payload":"x","signatures":[]}');
    const put = (await (await fetch(`${s.url}/_test/trust`, { method: 'PUT', body: bytes })).json()) as {
      etag: string;
    };
    const r = await fetch(`${s.url}/v1/trust/latest`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/jose+json');
    expect(r.headers.get('etag')).toBe(put.etag);
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(`${s.url}/v1/trust/latest`, { headers: { 'If-None-Match': put.etag } })).status).toBe(
      304,
    );
  });
});
