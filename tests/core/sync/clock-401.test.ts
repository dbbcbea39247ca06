// A 401 that comes from the kiosk's clock, not its key (sync-protocol.md, Clock): BMET's Date on
// that very answer measures the skew, and the batch is signed again with the corrected time at
// once; only a refusal of the time that persists is an alert, and it names the clock.
import { describe, expect, it } from 'vitest';
import { engineFor, syncFixtures, type ScriptedAnswer } from '../../helpers/sync.ts';

const { kiosk, scripted } = syncFixtures();

const TEN_MIN = 600_000;
/** BMET's clock `aheadMs` ahead of the kiosk's, as its Date header says. */
const dateAhead = (aheadMs: number) => ({ Date: new Date(Date.now() + aheadMs).toUTCString() });
const refusedTime = (aheadMs: number): ScriptedAnswer => ({
  status: 401,
  body: { error: 'TIMESTAMP_OUT_OF_WINDOW' },
  headers: dateAhead(aheadMs),
});
const ackAhead = (b: { fromSeq: number; toSeq: number }, aheadMs: number): ScriptedAnswer => ({
  status: 200,
  body: { accepted: b.toSeq - b.fromSeq + 1, duplicates: 0, lastSeq: b.toSeq },
  headers: dateAhead(aheadMs),
});

describe('a 401 for the time the kiosk signed with', () => {
  it.each([
    ['10 min behind', TEN_MIN],
    ['10 min ahead', -TEN_MIN],
  ])(
    'a kiosk clock %s: the batch is signed again at once with the corrected time, no alert',
    async (_what, ahead) => {
      const k = kiosk(30);
      const s = await scripted((b, n) => (n === 0 ? refusedTime(ahead) : ackAhead(b, ahead)));
      const { engine, audits } = engineFor(k, s.url);
      const r = await engine.runOnce();
      expect(r).toMatchObject({ ok: true, acknowledged: 30, alert: null });
      expect(s.requests).toHaveLength(2);
      expect(s.requests[1]!.batchId).toBe(s.requests[0]!.batchId);
      const signed = s.requests.map((q) => Date.parse(q.timestamp) - Date.now());
      expect(Math.abs(signed[0]!)).toBeLessThan(60_000); // the kiosk's own (wrong) time
      expect(Math.abs(signed[1]! - ahead)).toBeLessThan(60_000); // BMET's time
      expect(r.clockSkewMs).not.toBeNull();
      expect(Math.abs(r.clockSkewMs! - ahead)).toBeLessThan(60_000);
      // The skew is still shown and audited.
      expect(audits).toContainEqual(expect.objectContaining({ type: 'clock-skew' }));
      expect(audits.filter((a) => a.type === 'sync-alert')).toEqual([]);
    },
  );

  it('a refusal of the time that persists after the correction is an alert naming the clock, once retried', async () => {
    const k = kiosk(30);
    const s = await scripted(() => refusedTime(TEN_MIN));
    const { engine, audits } = engineFor(k, s.url);
    const r = await engine.runOnce({ retries: 3 });
    expect(r.alert).toMatchObject({
      code: 'SYNC_CLOCK_REFUSED',
      httpStatus: 401,
      serverCode: 'TIMESTAMP_OUT_OF_WINDOW',
    });
    expect(Date.parse(r.alert!.retryAt!) - Date.parse(r.alert!.at)).toBe(3_600_000);
    expect(r.alert!.message).toMatch(/check the kiosk clock/);
    expect(s.requests).toHaveLength(2);
    expect(k.store.pendingCount()).toBe(30);
    expect(audits).toContainEqual(
      expect.objectContaining({ type: 'sync-alert', code: 'SYNC_CLOCK_REFUSED' }),
    );
  });

  it('BMET refusing the time while its Date agrees with the kiosk: no resend, the alert names the clock', async () => {
    const k = kiosk(5);
    const s = await scripted(() => refusedTime(0));
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.alert?.code).toBe('SYNC_CLOCK_REFUSED');
    expect(s.requests).toHaveLength(1);
  });

  it('a 401 for the key (the clocks agree) is sent once and stays SYNC_UNAUTHORIZED', async () => {
    const k = kiosk(5);
    const s = await scripted(() => ({
      status: 401,
      body: { error: 'SIGNATURE_INVALID' },
      headers: dateAhead(0),
    }));
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.alert).toMatchObject({ code: 'SYNC_UNAUTHORIZED', serverCode: 'SIGNATURE_INVALID' });
    expect(s.requests).toHaveLength(1);
  });

  it('a 401 for the key from a BMET whose clock is off: signed again once, then SYNC_UNAUTHORIZED', async () => {
    const k = kiosk(5);
    const s = await scripted(() => ({
      status: 401,
      body: { error: 'SIGNATURE_INVALID' },
      headers: dateAhead(2 * 60_000),
    }));
    const r = await engineFor(k, s.url).engine.runOnce();
    expect(r.alert).toMatchObject({ code: 'SYNC_UNAUTHORIZED', serverCode: 'SIGNATURE_INVALID' });
    expect(s.requests).toHaveLength(2);
  });
});
