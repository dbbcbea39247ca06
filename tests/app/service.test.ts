// The kiosk service and its dispatch in-process: log before show, a failing log reported
// with the verdict and in the status, events to listeners, no trust answered with a logged NO_TRUST verdict.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTripResult, type EventName, type ScanResult, type TripResult } from '../../main/contract/api.ts';
import type { Verdict } from '../../main/contract/verdict.ts';
import { callKiosk } from '../../main/app/dispatch.ts';
import { createKioskService } from '../../main/app/service.ts';
import type { ScanLog } from '../../main/core/scan/scan-path.ts';
import { openBundle } from '../../main/core/trust/bundle-file.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';
import { encodePass } from '../helpers/boarding-pass.ts';

const roots = loadRoots([path.join(VECTORS, 'root.pem')]);
if (!roots.ok) throw new Error(roots.why);
const opened = openBundle(fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust')), roots.roots);
if (!opened.ok) throw new Error(opened.why);
const trust = { prepared: opened.bundle.trust, source: 'file' as const };
const card = vectorCards().get('valid-kuwait-employment')!.qr;
const now = Date.parse(VECTORS_NOW);

/** A log in memory that can be told to fail, recording the order of events. */
function memoryLog(order: string[]): ScanLog & { failing: boolean } {
  let seq = 0;
  return {
    failing: false,
    firstSeenAt: () => null,
    logVerdict(v: Verdict) {
      if (this.failing) throw new Error('disk full');
      order.push(`log:${v.status}`);
      return { seq: ++seq };
    },
  };
}

function service(log: ScanLog | null, withTrust = true) {
  return createKioskService({
    trust: withTrust ? trust : null,
    trustProblem: withTrust ? null : { code: 'NO_TRUST_BUNDLE', message: 'none installed' },
    roots: 'command-line',
    mode: 'production',
    log,
    officer: 'T1',
    clock: () => now,
  });
}

describe('kiosk service', () => {
  it('logs before it tells anyone, then reports a failing log with the verdict and in the status', () => {
    const order: string[] = [];
    const log = memoryLog(order);
    const s = service(log);
    const events: EventName[] = [];
    s.subscribe((e, p) => {
      events.push(e);
      if (e === 'scanResult') order.push(`event:${(p as { verdict: Verdict }).verdict.status}`);
    });
    const ok = s.scan(card, 'manual');
    expect(ok.ok && ok.value.log).toEqual({ state: 'logged', seq: 1 });
    expect(order).toEqual(['log:valid', 'event:valid']);
    expect(s.status().log.state).toBe('ok');

    log.failing = true;
    const bad = s.scan(card, 'manual');
    expect(bad.ok && (bad.value as ScanResult).verdict.status).toBe('valid');
    expect(bad.ok && bad.value.log).toEqual({
      state: 'failed',
      code: 'LOG_WRITE_FAILED',
      message: 'disk full',
    });
    expect(s.status().log).toEqual({ state: 'failing', code: 'LOG_WRITE_FAILED', message: 'disk full' });
    expect(events).toEqual(['scanResult', 'scanResult', 'status']);

    log.failing = false;
    s.scan(card, 'manual');
    expect(s.status().log.state).toBe('ok');
    expect(s.recentScans(2).map((r) => r.logged)).toEqual([true, false]);
    s.close();
  });

  it('with no bundle in force a scan from any source is an invalid NO_TRUST verdict, logged and told to every screen', () => {
    const order: string[] = [];
    const s = service(memoryLog(order), false);
    const results: Verdict[] = [];
    s.subscribe((e, p) => e === 'scanResult' && results.push((p as { verdict: Verdict }).verdict));
    for (const source of ['serial', 'wedge', 'manual'] as const) {
      const r = s.scan(card, source);
      expect(r.ok && (r.value as ScanResult).verdict).toEqual({
        status: 'invalid',
        reasons: [{ code: 'NO_TRUST' }],
        kid: null,
        clearance: null,
      });
      expect(r.ok && r.value.log?.state).toBe('logged');
    }
    expect(order).toEqual(['log:invalid', 'log:invalid', 'log:invalid']);
    expect(results.map((v) => v.reasons[0]!.code)).toEqual(['NO_TRUST', 'NO_TRUST', 'NO_TRUST']);
    expect(s.status().trust).toBeNull();
    expect(s.status().trustProblem?.code).toBe('NO_TRUST_BUNDLE');
    s.close();
  });

  it('answers an overlong scan PAYLOAD_TOO_LARGE without verifying the cut text', () => {
    const s = service(null);
    const r = callKiosk(s, 'scan', [{ text: card, source: 'wedge', overlong: true }]);
    expect(r.ok && (r.value as { verdict: Verdict }).verdict.reasons).toEqual([
      { code: 'PAYLOAD_TOO_LARGE' },
    ]);
    s.close();
  });

  it('never lets an exception out of a call', () => {
    const s = service(null);
    s.status = () => {
      throw new Error('boom');
    };
    const r = callKiosk(s, 'status', []);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(callKiosk(s, 'hasOwnProperty', [])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(callKiosk(s, { toString: 1 }, [])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    s.close();
  });
});

describe('kiosk service: boarding passes', () => {
  const pass = encodePass('UDDIN/RAHIM MD', [['DAC', 'KWI', 'EK', '0583', '2026-11-22']]);
  function withTrips(kioskId: () => string | null) {
    const logged: unknown[] = [];
    const s = createKioskService({
      trust,
      trustProblem: null,
      roots: 'command-line',
      mode: 'production',
      log: memoryLog([]),
      officer: 'T1',
      clock: () => now,
      trips: {
        logTrip: (e) => (logged.push(e), { id: logged.length }),
        kioskId,
      },
    });
    return { s, logged };
  }

  it('a kiosk id the store cannot read is a log problem shown with the check, not an error in its place', () => {
    const { s, logged } = withTrips(() => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    });
    expect(s.scan(card, 'manual').ok).toBe(true);
    const r = s.scan(pass, 'manual');
    expect(r.ok).toBe(true);
    if (!r.ok || !isTripResult(r.value)) throw new Error('expected a trip result');
    expect(r.value.trip?.outcome).toBe('match'); // checked (against the card), without the desk's airport
    expect(r.value.log).toEqual({
      state: 'failed',
      code: 'LOG_WRITE_FAILED',
      message: 'SQLITE_IOERR: disk I/O error',
    });
    expect(logged).toEqual([]);
  });

  it('day 366 of a year without one is a malformed pass, never a check with no date', () => {
    const { s, logged } = withTrips(() => 'DAC-T1-D07');
    const shown = s.scan(card, 'manual');
    // The day of the year is the leg's three digits after the flight number (BCBP field 46).
    const day366 = `${pass.slice(0, 44)}366${pass.slice(47)}`;
    expect(pass.slice(44, 47)).toBe('326');
    const r = s.scan(day366, 'manual');
    expect(r.ok && r.value).toMatchObject({ kind: 'trip', passCode: 'PASS_MALFORMED', trip: null });
    // No check, but the card stays paired and comes with it: the desk keeps showing it, waiting for a pass.
    expect(r.ok && (r.value as TripResult).clearance?.id).toBe(shown.ok && shown.value.id);
    expect(logged).toEqual([]);
    expect(s.scan(pass, 'manual')).toMatchObject({ ok: true, value: { trip: { outcome: 'match' } } });
  });
});
