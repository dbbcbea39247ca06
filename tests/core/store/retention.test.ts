// Retention: records BMET acknowledged more than the period ago lose name and passport,
// judged by trusted time (BMET's last Date + the boot clock), never by the wall clock
// alone; counts and the chain stay verifiable. A jumped clock erases nothing: skipped,
// alerted, audited once.
import { afterEach, describe, expect, it } from 'vitest';
import type { TripCheck } from '../../../main/contract/trip.ts';
import { openStore, type OpenStoreOptions, type Store } from '../../../main/core/store/store.ts';
import { BMET_TIME_KEY, encodeAnchor, type BootClock } from '../../../main/core/store/trusted-clock.ts';
import { fakeVerdict, tempDataDir } from '../../helpers/store.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
let store: Store;
afterEach(() => store?.close());

function personal(s: Store) {
  return s.db
    .prepare(
      'SELECT seq, passport, name, redacted_at IS NOT NULL AS redacted FROM verifications ORDER BY seq',
    )
    .all();
}

/** What sync records on an acknowledgement: BMET's Date, the wall time, and the boot clock then. */
function bmetSaid(
  s: Store,
  serverMs: number,
  boot: BootClock = { bootId: 'earlier-boot', uptimeMs: 0 },
  localMs = serverMs,
) {
  s.syncState.set(BMET_TIME_KEY, encodeAnchor({ serverMs, localMs, ...boot }));
}

function open(
  dir: string,
  wall: number,
  boot: BootClock = { bootId: 'this-boot', uptimeMs: 1000 },
  o: Partial<OpenStoreOptions> = {},
) {
  return openStore({ dataDir: dir, now: () => wall, bootClock: () => boot, ...o });
}

function skips(s: Store) {
  return s.auditEntries().filter((e) => e.action === 'retention.skipped');
}

describe('retention', () => {
  it('clears personal fields of records acknowledged more than the period ago, nothing else', () => {
    store = open(tempDataDir(), NOW);
    store.setSetting('retentionDays', '30', 'SV-1');
    // seq 1-4: scanned 40 days ago; seq 5-6: 10 days ago.
    for (let i = 1; i <= 6; i++)
      store.logVerdict(fakeVerdict(i), `Q${i}`, NOW - (i <= 4 ? 40 : 10) * DAY + i, 'OF-1');
    store.markSynced(1, 2, iso(NOW - 39 * DAY));
    store.markSynced(3, 3, iso(NOW - 5 * DAY)); // old, but acknowledged only 5 days ago: kept
    // seq 4 is old but never acknowledged: kept whole
    store.markSynced(5, 5, iso(NOW - 9 * DAY));
    bmetSaid(store, NOW);
    const report = store.dailyReport('2026-10-13');
    const r = store.applyRetention('system');
    expect(r).toMatchObject({ days: 30, redacted: 2, skippedBroken: [], trustedNow: iso(NOW) });
    expect(r.skipped).toBeUndefined();
    expect(personal(store)).toEqual([
      { seq: 1, passport: null, name: null, redacted: 1 },
      { seq: 2, passport: null, name: null, redacted: 1 },
      { seq: 3, passport: 'A00000003', name: 'WORKER 3', redacted: 0 },
      { seq: 4, passport: 'A00000004', name: 'WORKER 4', redacted: 0 },
      { seq: 5, passport: 'A00000005', name: 'WORKER 5', redacted: 0 },
      { seq: 6, passport: 'A00000006', name: 'WORKER 6', redacted: 0 },
    ]);
    expect(store.verifyChain()).toMatchObject({ ok: true, records: 6, redacted: 2 });
    expect(store.dailyReport('2026-10-13')).toEqual(report); // counts unchanged
    expect(store.applyRetention('system').redacted).toBe(0);
    expect(store.auditEntries().filter((e) => e.action === 'retention.run')).toHaveLength(2);
  });

  it('clears the printed name of boarding-pass checks older than the period (they are never acknowledged), nothing else of them', () => {
    store = open(tempDataDir(), NOW);
    store.setSetting('retentionDays', '30', 'SV-1');
    const trip = (name: string, daysAgo: number) =>
      store.logTrip({
        check: {
          outcome: 'match',
          findings: [],
          pass: { name, legs: [{ from: 'DAC', to: 'KWI', flight: 'KU 0284', dayOfYear: 300 }] },
          flightDate: '2026-10-27',
          clearance: { cid: 'BMET-2026-00012345', nm: 'MD RAHIM UDDIN', dst: 'KW' },
          route: ['DAC', 'KWI'],
          complete: true,
        } satisfies TripCheck,
        nowMs: NOW - daysAgo * DAY,
        officerId: 'OF-1',
        verificationSeq: null,
      });
    trip('UDDIN/RAHIM MD', 40);
    trip('BEGUM/AMENA MST', 31);
    trip('KHAN/KARIM', 29);
    trip('ALI/HASAN', 1);
    const rows = () =>
      store.db.prepare('SELECT pass_name, route, flights, outcome FROM trip_checks ORDER BY id').all();
    const before = rows() as { route: string }[];

    // No trusted time yet (BMET never answered): nothing is cleared, as for the log.
    expect(store.applyRetention('system')).toMatchObject({ tripNamesCleared: 0, skipped: expect.anything() });
    bmetSaid(store, NOW);
    const r = store.applyRetention('system');
    expect(r).toMatchObject({ redacted: 0, tripNamesCleared: 2 });
    expect(rows()).toEqual([
      { ...before[0], pass_name: '' },
      { ...before[1], pass_name: '' },
      before[2],
      before[3],
    ]);
    expect(store.dailyReport(iso(NOW - 40 * DAY + 6 * 3600_000).slice(0, 10)).tripChecks).toEqual({
      match: 1,
      warning: 0,
      mismatch: 0,
    });
    const audited = store.auditEntries().filter((e) => e.action === 'retention.run');
    expect(audited.at(-1)?.detail).toMatchObject({ tripNamesCleared: 2 });
    expect(store.applyRetention('system').tripNamesCleared).toBe(0);
  });

  it('leaves a record whose hash does not verify whole (evidence), and says so', () => {
    store = open(tempDataDir(), NOW);
    for (let i = 1; i <= 3; i++) store.logVerdict(fakeVerdict(i), `Q${i}`, NOW - 200 * DAY + i, 'OF-1');
    store.markSynced(1, 3, iso(NOW - 199 * DAY));
    bmetSaid(store, NOW);
    store.db.exec('DROP TRIGGER verifications_immutable');
    store.db.prepare("UPDATE verifications SET destination = 'SA' WHERE seq = 2").run();
    expect(store.applyRetention('system')).toMatchObject({ redacted: 2, skippedBroken: [2] });
    expect(store.verifyChain().firstBroken?.seq).toBe(2);
  });

  it('a redacted record still breaks the chain if its links are altered', () => {
    store = open(tempDataDir(), NOW);
    for (let i = 1; i <= 3; i++) store.logVerdict(fakeVerdict(i), `Q${i}`, NOW - 200 * DAY + i, 'OF-1');
    store.markSynced(1, 3, iso(NOW - 199 * DAY));
    bmetSaid(store, NOW);
    store.applyRetention('system');
    store.db.exec('DROP TRIGGER verifications_immutable');
    // The first hex digit changed for certain (a fixed '0' would change nothing for one hash in 16).
    store.db
      .prepare(
        "UPDATE verifications SET hash = (CASE substr(hash, 1, 1) WHEN '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = 2",
      )
      .run();
    expect(store.verifyChain()).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
  });

  it('runs when a writable store opens, audited only when it redacted something', () => {
    const dir = tempDataDir();
    store = open(dir, NOW);
    store.logVerdict(fakeVerdict(1), 'Q1', NOW, 'OF-1');
    store.markSynced(1, 1, iso(NOW));
    bmetSaid(store, NOW);
    store.close();
    store = open(dir, NOW);
    expect(store.auditEntries().filter((e) => e.action === 'retention.run')).toHaveLength(0);
    // 91 days later BMET acknowledges another batch: its Date moves the trusted time.
    bmetSaid(store, NOW + 91 * DAY);
    store.close();
    store = open(dir, NOW + 91 * DAY);
    expect(personal(store)).toEqual([{ seq: 1, passport: null, name: null, redacted: 1 }]);
    expect(store.auditEntries().filter((e) => e.action === 'retention.run')).toMatchObject([
      { actor: 'system', detail: { days: 90, redacted: 1, trustedNow: iso(NOW + 91 * DAY) } },
    ]);
    expect(store.warnings).toEqual([]);
  });

  it('a wall clock far ahead (another boot since BMET last spoke) erases nothing: age is judged by BMET time', () => {
    const dir = tempDataDir();
    store = open(dir, NOW);
    store.logVerdict(fakeVerdict(1), 'Q1', NOW - 10 * DAY, 'OF-1');
    store.markSynced(1, 1, iso(NOW - 10 * DAY));
    bmetSaid(store, NOW);
    store.close();
    store = open(dir, Date.parse('2200-06-01T00:00:00Z'));
    expect(personal(store)).toEqual([{ seq: 1, passport: 'A00000001', name: 'WORKER 1', redacted: 0 }]);
    expect(store.applyRetention('system')).toMatchObject({ redacted: 0, trustedNow: iso(NOW) });
    // The audit line records the trusted time judged by, not the wall clock's year 2200.
    const runs = store.auditEntries().filter((e) => e.action === 'retention.run');
    expect(runs.map((e) => e.detail)).toMatchObject([{ redacted: 0, trustedNow: iso(NOW) }]);
    expect(JSON.stringify(runs.map((e) => e.detail))).not.toContain('2200');
  });

  it('a clock that jumped since BMET last spoke (same boot) is skipped, alerted and audited once', () => {
    const dir = tempDataDir();
    store = open(dir, NOW);
    store.logVerdict(fakeVerdict(1), 'Q1', NOW - 200 * DAY, 'OF-1');
    store.markSynced(1, 1, iso(NOW - 199 * DAY));
    // BMET spoke at NOW, 1 h into this boot.
    bmetSaid(store, NOW, { bootId: 'boot-7', uptimeMs: 3_600_000 });
    store.close();
    // Two hours of boot clock later, the wall says a year has passed: jumped.
    const boot = { bootId: 'boot-7', uptimeMs: 3 * 3_600_000 };
    for (let run = 0; run < 2; run++) {
      // The second start an hour later: the alert still says when the hold began.
      store = open(dir, NOW + 365 * DAY + run * 3_600_000, boot);
      expect(store.warnings.join()).toContain('RETENTION_CLOCK_JUMPED');
      expect(store.retentionAlert()).toMatchObject({
        code: 'RETENTION_CLOCK_JUMPED',
        at: iso(NOW + 365 * DAY),
      });
      expect(personal(store)).toEqual([{ seq: 1, passport: 'A00000001', name: 'WORKER 1', redacted: 0 }]);
      store.close();
    }
    store = open(dir, NOW + 2 * 3_600_000, boot); // the clock is set right again
    expect(skips(store)).toMatchObject([{ detail: { code: 'RETENTION_CLOCK_JUMPED', waiting: 1 } }]);
    expect(store.retentionAlert()).toBeNull();
    // On the same boot the trusted time is BMET's Date + elapsed boot time: 200-day-old record cleared.
    expect(personal(store)).toEqual([{ seq: 1, passport: null, name: null, redacted: 1 }]);
    expect(store.warnings).toEqual([]);
  });

  it('a standing alert the store cannot read as its own is no alert (the status never throws for it)', () => {
    store = open(tempDataDir(), NOW);
    for (const v of [
      'not json',
      '{"code":"SOMETHING_ELSE","why":"x","at":"y"}',
      '{"code":"RETENTION_CLOCK_JUMPED"}',
    ]) {
      store.syncState.set('retention.alert', v);
      expect(store.retentionAlert()).toBeNull();
    }
    store.syncState.set(
      'retention.alert',
      JSON.stringify({ code: 'RETENTION_CLOCK_JUMPED', why: 'w', at: iso(NOW) }),
    );
    expect(store.retentionAlert()).toEqual({ code: 'RETENTION_CLOCK_JUMPED', why: 'w', at: iso(NOW) });
  });

  it('a clock set back behind the time of the last acknowledgement is a jump too', () => {
    const dir = tempDataDir();
    store = open(dir, NOW);
    store.logVerdict(fakeVerdict(1), 'Q1', NOW - 200 * DAY, 'OF-1');
    store.markSynced(1, 1, iso(NOW - 199 * DAY));
    bmetSaid(store, NOW);
    expect(open(dir, NOW - 30 * DAY, { bootId: null, uptimeMs: 0 }).applyRetention('system')).toMatchObject({
      redacted: 0,
      skipped: { code: 'RETENTION_CLOCK_JUMPED' },
    });
  });

  it('without any time from BMET nothing is cleared; skipped and audited once when there is something to clear', () => {
    const dir = tempDataDir();
    store = open(dir, NOW);
    store.logVerdict(fakeVerdict(1), 'Q1', NOW - 200 * DAY, 'OF-1');
    expect(store.applyRetention('system').skipped?.code).toBe('RETENTION_NO_TRUSTED_TIME');
    expect(skips(store)).toEqual([]); // nothing acknowledged: nothing to report
    store.markSynced(1, 1, iso(NOW - 199 * DAY)); // (a data dir from before BMET's time was kept)
    store.applyRetention('system');
    store.applyRetention('system');
    expect(skips(store)).toMatchObject([{ detail: { code: 'RETENTION_NO_TRUSTED_TIME' } }]);
    expect(store.warnings).toEqual([]);
    expect(personal(store)).toEqual([{ seq: 1, passport: 'A00000001', name: 'WORKER 1', redacted: 0 }]);
  });
});
