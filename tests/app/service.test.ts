// The kiosk service and its dispatch in-process: log before show, a failing log reported
// with the verdict and in the status, events to listeners, no trust answered with a logged NO_TRUST verdict.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName, ScanResult } from '../../main/contract/api.ts';
import type { Verdict } from '../../main/contract/verdict.ts';
import { callKiosk } from '../../main/app/dispatch.ts';
import { createKioskService } from '../../main/app/service.ts';
import type { ScanLog } from '../../main/core/scan/scan-path.ts';
import { openBundle } from '../../main/core/trust/bundle-file.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { VECTORS, VECTORS_NOW, vectorCards } from '../helpers/kiosk.ts';

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
