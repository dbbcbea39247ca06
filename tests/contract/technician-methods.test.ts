// The technician's methods at the contract: arguments checked on arrival (a stick file is
// named only by mount point and relative path, bounded; no free path, no extra fields, no
// actor from the page), installs and sync resume only for a signed-in technician, the audit
// log for technicians and supervisors, and a kiosk without parts answering with codes.
import { describe, expect, it } from 'vitest';
import { METHODS, parseArgs } from '../../main/contract/api.ts';
import { MAX_AUDIT_LINES } from '../../main/contract/technician.ts';
import { callKiosk } from '../../main/app/dispatch.ts';
import { createKioskService } from '../../main/app/service.ts';

const bad = (m: Parameters<typeof parseArgs>[0], args: unknown) => {
  const r = parseArgs(m, args);
  expect(r.ok, JSON.stringify(args)).toBe(false);
  if (!r.ok) expect(r.error.code).toBe('BAD_ARGS');
};
const good = (m: Parameters<typeof parseArgs>[0], args: unknown) =>
  expect(parseArgs(m, args).ok, JSON.stringify(args)).toBe(true);

describe('technician methods: arguments', () => {
  it('installTrustFromStick wants exactly a mount point and a relative path, both bounded', () => {
    good('installTrustFromStick', [{ mountPoint: '/media/usb0', relative: 'bmet/v8.bmettrust' }]);
    bad('installTrustFromStick', []);
    bad('installTrustFromStick', [{}]);
    bad('installTrustFromStick', [{ mountPoint: '/media/usb0' }]);
    bad('installTrustFromStick', [{ mountPoint: '', relative: 'x.bmettrust' }]);
    bad('installTrustFromStick', [{ mountPoint: '/m', relative: '' }]);
    bad('installTrustFromStick', [{ mountPoint: 'x'.repeat(4097), relative: 'a' }]);
    bad('installTrustFromStick', [{ mountPoint: '/m', relative: 'a'.repeat(1025) }]);
    bad('installTrustFromStick', [{ mountPoint: 7, relative: 'a' }]);
    // The actor comes from the session in main, never from the page.
    bad('installTrustFromStick', [{ mountPoint: '/m', relative: 'a', technician: 'TC-1' }]);
    bad('installTrustFromStick', [{ mountPoint: '/m', relative: 'a' }, 'extra']);
    bad('installTrustFromStick', { mountPoint: '/m', relative: 'a' });
  });

  it('auditLog wants a limit of 1..MAX_AUDIT_LINES', () => {
    good('auditLog', [{ limit: 1 }]);
    good('auditLog', [{ limit: MAX_AUDIT_LINES }]);
    for (const limit of [0, -1, MAX_AUDIT_LINES + 1, 2.5, '5', null]) bad('auditLog', [{ limit }]);
    bad('auditLog', []);
    bad('auditLog', [{ limit: 5, since: 0 }]);
  });

  it('the reads and resume take no arguments', () => {
    for (const m of ['trustDetails', 'trustSticks', 'diagnostics', 'resumeSync'] as const) {
      good(m, []);
      bad(m, [{}]);
      bad(m, [1]);
      bad(m, null);
    }
  });

  it('installs and resume are for technicians; the audit log for technicians and supervisors; reads for anyone', () => {
    expect(METHODS.installTrustFromStick.access).toEqual(['technician']);
    expect(METHODS.previewTrustFromStick.access).toEqual(['technician']);
    expect(METHODS.resumeSync.access).toEqual(['technician']);
    expect(METHODS.auditLog.access).toEqual(['technician', 'supervisor']);
    for (const m of ['trustDetails', 'trustSticks', 'diagnostics'] as const)
      expect((METHODS[m] as { access?: unknown }).access).toBeUndefined();
  });
});

describe('technician methods: answers without a session or without parts', () => {
  const service = createKioskService({
    trust: null,
    trustProblem: { code: 'NO_TRUST_BUNDLE', message: 'none installed' },
    roots: 'pinned',
    mode: 'production',
    log: null,
    officer: 'T1',
    clock: () => 0,
  });

  it('refuses installs, resume and the audit log to a caller who is not signed in, before anything runs', () => {
    expect(
      callKiosk(service, 'installTrustFromStick', [{ mountPoint: '/m', relative: 'a.bmettrust' }]),
    ).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(callKiosk(service, 'resumeSync', [])).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(callKiosk(service, 'auditLog', [{ limit: 5 }])).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    // Bad arguments are answered first, whoever calls.
    expect(callKiosk(service, 'installTrustFromStick', [{ path: '/etc/passwd' }])).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGS' },
    });
  });

  it('answers the reads from what it has: no trust, no sticks, no scanners, sync off', () => {
    expect(callKiosk(service, 'trustDetails', [])).toMatchObject({
      ok: false,
      error: { code: 'NO_TRUST', message: 'none installed' },
    });
    expect(callKiosk(service, 'trustSticks', [])).toEqual({ ok: true, value: [] });
    expect(callKiosk(service, 'diagnostics', [])).toEqual({
      ok: true,
      value: {
        ports: [],
        portsListedAt: null,
        portsError: null,
        scanners: [],
        usb: { watching: false, lastError: null },
        scannerFolder: null,
      },
    });
    const s = callKiosk(service, 'status', []);
    expect(s).toMatchObject({ ok: true, value: { scanners: [], sync: null } });
  });
});
