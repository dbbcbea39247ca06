// `log retention` and `log verify` as a technician runs them (the real CLI in a child
// process): retention judges age by BMET's time and never by --now; log verify names a
// redacted record that retention could not have made.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { BMET_TIME_KEY, encodeAnchor, readBootClock } from '../../main/core/store/trusted-clock.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { at, installedDataDir, VBUNDLE, vectorCards } from '../helpers/kiosk-data.ts';

const DAY = 86_400_000;
const valid = vectorCards().filter((c) => c.expect.status === 'valid');
const iso = (ms: number) => new Date(ms).toISOString();

/** One verification scanned 60 days ago and acknowledged then; BMET's last Date is now, on this boot. */
function sentSixtyDaysAgo(): string {
  const dir = installedDataDir();
  const scanned = Date.now() - 60 * DAY;
  expect(runCli(['verify', ...at(dir, iso(scanned)), '--bundle', VBUNDLE], valid[0]!.qr + '\n').status).toBe(
    0,
  );
  const store = openStore({ dataDir: dir });
  store.markSynced(1, 1, iso(scanned + 3_600_000));
  store.syncState.set(
    BMET_TIME_KEY,
    encodeAnchor({ serverMs: Date.now(), localMs: Date.now(), ...readBootClock() }),
  );
  store.close();
  return dir;
}

const personal = (dir: string) => {
  const s = openStore({ dataDir: dir, readonly: true });
  try {
    return s.db.prepare('SELECT passport, redacted_at FROM verifications WHERE seq = 1').get() as {
      passport: string | null;
      redacted_at: string | null;
    };
  } finally {
    s.close();
  }
};

describe('log retention', () => {
  it('sets the period (audited) and clears records BMET acknowledged longer ago (60 days: kept by 90, cleared by 30)', () => {
    const dir = sentSixtyDaysAgo();
    const kept = runCli(['log', 'retention', '--data-dir', dir]);
    expect(kept.status, kept.stderr).toBe(0);
    expect(jsonLines(kept.stdout)[0]).toMatchObject({ days: 90, redacted: 0 });
    const r = runCli(['log', 'retention', '--days', '30', '--data-dir', dir, '--technician', 'TC-1']);
    expect(r.status, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ days: 30, redacted: 1 });
    expect(personal(dir).passport).toBeNull();
    expect(jsonLines(runCli(['log', 'verify', '--data-dir', dir]).stdout)[0]).toMatchObject({
      ok: true,
      redacted: 1,
    });
    const audit = jsonLines(runCli(['log', 'audit', '--data-dir', dir]).stdout);
    expect(audit.find((e) => e.action === 'settings.set')).toMatchObject({
      actor: 'TC-1',
      detail: { key: 'retentionDays', to: '30' },
    });
  });

  it('refuses --now (exit 2): a fixed clock never decides what is erased', () => {
    const dir = sentSixtyDaysAgo();
    const r = runCli(['log', 'retention', '--days', '1', '--data-dir', dir, '--now', '2200-06-01T00:00:00Z']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--now/);
    expect(personal(dir)).toMatchObject({ redacted_at: null });
    const audit = jsonLines(runCli(['log', 'audit', '--data-dir', dir]).stdout);
    expect(audit.filter((e) => e.action === 'retention.run' || e.action === 'settings.set')).toEqual([]);
  });

  it.each(['0x10', '1e3', '10.0', '+5', '0b11', '-1', '0', '', ' 30'])(
    "--days '%s' is a usage error (exit 2): only decimal digits, nothing set or cleared",
    (days) => {
      const dir = installedDataDir();
      const r = runCli(['log', 'retention', '--days', days, '--data-dir', dir]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--days wants a whole number|'--days' argument is ambiguous/);
      const audit = jsonLines(runCli(['log', 'audit', '--data-dir', dir]).stdout);
      expect(audit.filter((e) => e.action === 'settings.set' || e.action === 'retention.run')).toEqual([]);
      expect(runCli(['log', 'audit', '--limit', days, '--data-dir', dir]).status).toBe(2);
    },
  );

  it('with no time from BMET it clears nothing and says why (exit 1)', () => {
    const dir = sentSixtyDaysAgo();
    const s = openStore({ dataDir: dir });
    s.syncState.delete(BMET_TIME_KEY);
    s.close();
    const r = runCli(['log', 'retention', '--days', '30', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)[0]).toMatchObject({
      redacted: 0,
      skipped: { code: 'RETENTION_NO_TRUSTED_TIME' },
    });
    expect(personal(dir).passport).not.toBeNull();
  });
});

describe('log verify', () => {
  it('names a record marked redacted that BMET never acknowledged', () => {
    const dir = installedDataDir();
    runCli(
      ['verify', ...at(dir), '--bundle', VBUNDLE],
      valid
        .slice(0, 3)
        .map((c) => c.qr)
        .join('\n') + '\n',
    );
    const s = openStore({ dataDir: dir });
    s.db.exec('DROP TRIGGER verifications_immutable; DROP TRIGGER verifications_redact_only');
    s.db
      .prepare("UPDATE verifications SET redacted_at = ?, status = 'invalid', passport = NULL WHERE seq = 2")
      .run(iso(Date.now()));
    s.close();
    const r = runCli(['log', 'verify', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    expect(r.stderr).toMatch(/record 2: the record is redacted but BMET never acknowledged it/);
  });
});
