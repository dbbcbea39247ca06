// The outbox as sync reads it: wire records, contiguous ranges, acknowledgement, sync state.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../main/core/store/chain.ts';
import { openStore, type Store } from '../../../main/core/store/store.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

let store: Store;
afterEach(() => store?.close());

const T0 = Date.parse('2026-11-22T03:14:07.123Z');

describe('outbox', () => {
  it('hands out wire records whose chain BMET can recompute', () => {
    store = openStore({ dataDir: tempDataDir() });
    for (let i = 1; i <= 5; i++)
      store.logVerdict(
        fakeVerdict(i, i === 3 ? 'warning' : i === 4 ? 'invalid' : 'valid'),
        `QR${i}`,
        T0 + i,
        'OF-1042',
      );
    const recs = store.recordsFrom(1, 10);
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(recs[0]!).sort()).toEqual(
      [
        'clearanceId',
        'destination',
        'hash',
        'id',
        'kid',
        'officerId',
        'passport',
        'prevHash',
        'qrSha256',
        'reasons',
        'scannedAt',
        'seq',
        'status',
        'visaType',
      ].sort(),
    );
    expect(recs[0]!.prevHash).toBe(GENESIS_HASH);
    let prev = GENESIS_HASH;
    for (const r of recs) {
      const { hash, ...body } = r;
      expect(r.prevHash).toBe(prev);
      expect(createHash('sha256').update(canonicalize(body)!).digest('hex')).toBe(hash);
      prev = hash;
    }
    expect(recs[2]!.reasons).toEqual([{ code: 'RULE_FAILED', rule: 'KW-PASSPORT-6M' }]);
    expect(recs[3]!.clearanceId).toBeNull(); // seq 4 = i 4, invalid, not readable
    expect(recs[3]!.passport).toBeNull();
    expect(recs[0]!.scannedAt).toBe('2026-11-22T03:14:07.124Z');
    expect(recs[0]!.qrSha256).toBe(createHash('sha256').update('QR1').digest('hex'));
  });

  it('counts, ranges and acknowledges', () => {
    store = openStore({ dataDir: tempDataDir() });
    expect(store.pendingCount()).toBe(0);
    expect(store.firstUnsyncedSeq()).toBeNull();
    for (let i = 1; i <= 7; i++) store.logVerdict(fakeVerdict(i), `QR${i}`, T0 + i, 'OF-1');
    expect(store.pendingCount()).toBe(7);
    expect(store.firstUnsyncedSeq()).toBe(1);
    expect(store.recordsFrom(3, 2).map((r) => r.seq)).toEqual([3, 4]);
    expect(store.markSynced(1, 4)).toBe(4);
    expect(store.markSynced(1, 4)).toBe(0);
    expect(store.pendingCount()).toBe(3);
    expect(store.firstUnsyncedSeq()).toBe(5);
    expect(store.recordsFrom(5, 500).map((r) => r.seq)).toEqual([5, 6, 7]);
    expect(store.recordsFrom(8, 500)).toEqual([]);
  });

  it('keeps the sync engine state across opens', () => {
    const dir = tempDataDir();
    store = openStore({ dataDir: dir });
    expect(store.syncState.get('etag')).toBeNull();
    store.syncState.set('etag', '"v7"');
    store.syncState.set('etag', '"v8"');
    store.close();
    store = openStore({ dataDir: dir });
    expect(store.syncState.get('etag')).toBe('"v8"');
    store.syncState.delete('etag');
    expect(store.syncState.get('etag')).toBeNull();
  });

  it('checkpoints on request (idle time) without losing anything', () => {
    const dir = tempDataDir();
    store = openStore({ dataDir: dir });
    for (let i = 1; i <= 20; i++) store.logVerdict(fakeVerdict(i), `QR${i}`, T0 + i, 'OF-1');
    const r = store.checkpoint();
    expect(r.checkpointed).toBe(r.walPages);
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 20 });
  });
});
