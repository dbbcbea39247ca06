// A batch BMET refuses (400) is quarantined and sync stops; once BMET is fixed, the
// technician's resume sends the same batch again and everything after it follows.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addScans,
  cleanup,
  engineFor,
  makeKiosk,
  putFaults,
  serverAudit,
  serverRecords,
  startServer,
} from '../../helpers/sync.ts';

const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  cleanup(...dirs.splice(0));
});

describe('quarantine', () => {
  it('a batch refused with 400 is resumed once the server is fixed, and the rest syncs after it', async () => {
    const k = makeKiosk(700);
    open.push(k.store);
    dirs.push(k.dataDir);
    const s = await startServer({ kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }] });
    open.push(s);
    // A server whose checks wrongly refuse good batches (as one did for codes with digits).
    await putFaults(s.url, { reject400: 1 });
    const r = await engineFor(k, s.url).engine.runOnce({ retries: 3 });
    expect(r.alert).toMatchObject({
      code: 'SYNC_REJECTED',
      httpStatus: 400,
      serverCode: 'INJECTED_REJECT',
      batch: { fromSeq: 1, toSeq: 500 },
    });
    const quarantined = r.alert!.batch!.batchId;
    expect(k.store.syncState.get(`sync.quarantine.${quarantined}`)).toContain('"httpStatus":400');
    addScans(k, 50); // the desk keeps scanning

    // Still stopped after a restart, and resuming against the still-broken server stops again.
    const stillBroken = engineFor(k, s.url).engine;
    stillBroken.resume();
    expect((await stillBroken.runOnce()).alert?.code).toBe('SYNC_REJECTED');

    // BMET fixes its server; the technician resumes (the CLI's sync --resume does exactly this).
    await putFaults(s.url, { reject400: 0 });
    const { engine, logs } = engineFor(k, s.url);
    expect(engine.status().alert?.code).toBe('SYNC_REJECTED');
    engine.resume();
    const done = await engine.runOnce();
    expect(done).toMatchObject({ ok: true, acknowledged: 750, alert: null });
    expect(logs.find((l) => l.code === 'SYNC_BATCH_ACCEPTED')).toMatchObject({ batchId: quarantined });
    expect(k.store.pendingCount()).toBe(0);
    expect((await serverRecords(s.url, k.kioskId)).length).toBe(750);
    expect(await serverAudit(s.url, k.kioskId)).toMatchObject({ count: 750, chainOk: true, reports: [] });
  });
});
