/**
 * `AUDIT_SAMPLES`: audit lines of every action, with every detail key the kiosk writes, shaped
 * as the writers write them (typed by the contract's `AuditDetails`, so a new action or a new
 * key has to be added here before the tests compile). The words and screen tests walk them.
 */
import type { AuditAction, AuditDetails } from '../../main/contract/audit.ts';
import type { AuditLine } from '../../main/contract/technician.ts';

const SHA = 'a3f1c2d4e5b697881234567890abcdef0123456789abcdef0123456789abcdef';
const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase()).join(':');

export const AUDIT_SAMPLES: { [A in AuditAction]: AuditDetails[A][] } = {
  login: [{ role: 'technician' }],
  'login.failed': [
    { reason: 'wrong-pin', failed: 2 },
    { reason: 'wrong-screen', role: 'supervisor' },
    { reason: 'locked' },
    { reason: 'unknown', failed: 1 },
    { reason: 'disabled', failed: 1 },
  ],
  'login.locked': [{ until: '2026-11-22T06:15:00.000Z' }],
  'login.throttled': [
    { phase: 'start', why: 'backoff', failures: 11, retryInSeconds: 2 },
    { phase: 'start', why: 'busy', failures: 3, retryInSeconds: 1 },
    { phase: 'end', refused: 40, ids: 50, idsAtLeast: true, sampleIds: ['SV-1001', 'OF-2002'], seconds: 95 },
  ],
  logout: [
    { reason: 'logout', role: 'officer', transport: 'loopback' },
    { reason: 'idle', role: 'technician', transport: 'ipc:1' },
  ],
  'access.refused': [
    { method: 'trustInstall', role: 'officer' },
    { method: 'auditLog', role: null },
  ],
  'trust.install': [
    { source: 'usb /media/bmet-kiosk/STICK', version: 8, sha256: SHA, previousVersion: 7 },
    {
      source: 'network https://bmet.example',
      version: 9,
      sha256: SHA,
      previousVersion: 8,
      rulesIgnored: ['QA-VISA-CHECK (visaRequired)'],
    },
  ],
  'trust.noop': [
    { why: 'already installed', source: 'network https://bmet.example', version: 8, sha256: SHA },
  ],
  'trust.refused': [
    { code: 'BUNDLE_ROLLBACK', why: 'version 7 is older', source: 'usb', version: 7, sha256: SHA },
    { code: 'UNREADABLE', why: 'EIO', source: 'usb', version: null, sha256: null },
  ],
  'person.add': [{ id: 'TC-3001', name: 'Shirin Sultana', role: 'technician' }],
  'person.disable': [{ id: 'OF-2002' }],
  'person.enable': [{ id: 'OF-2002' }],
  'person.reset': [{ id: 'OF-2002' }],
  'settings.set': [{ key: 'retention.days', from: null, to: '90' }],
  'retention.run': [
    {
      days: 90,
      trustedNow: '2026-11-22T06:00:00.000Z',
      cutoff: '2026-08-24T06:00:00.000Z',
      redacted: 12,
      skippedBroken: [41, 42],
      tripNamesCleared: 3,
    },
  ],
  'retention.skipped': [
    {
      code: 'RETENTION_CLOCK_JUMPED',
      why: 'the clock moved back 3 days',
      days: 90,
      waiting: 4,
      wallClock: '2026-11-22T06:00:00.000Z',
    },
  ],
  'report.export': [
    { date: '2026-11-22', format: 'csv', rows: 14, via: 'screen', transport: 'loopback' },
    { date: '2026-11-22', format: 'pdf', rows: 14, out: '/tmp/report.pdf' },
  ],
  'trip.check': [
    { id: 1, outcome: 'match', cid: 'BMET-2026-00012345', codes: [] },
    {
      id: 2,
      outcome: 'mismatch',
      cid: 'BMET-2026-00012345',
      codes: ['TRIP_NAME_MISMATCH', 'TRIP_WRONG_DATE'],
    },
    { id: 3, outcome: 'warning', cid: null, codes: ['TRIP_NAME_PARTIAL'] },
  ],
  'store.created': [{ mode: 'production' }],
  'clock.skew': [
    { type: 'clock-skew', skewMs: -420000, server: 'https://bmet.example' },
    { type: 'clock-skew-cleared', skewMs: 1200, server: 'https://bmet.example' },
  ],
  'sync.resume': [
    { alert: 'SYNC_REJECTED', message: 'BMET refused batch 6614cd40' },
    { alert: null, message: null },
  ],
  'sync.alert': [
    {
      type: 'sync-alert',
      code: 'SYNC_REJECTED',
      message: 'BMET refused the batch (422)',
      at: '2026-11-22T06:00:00.000Z',
      httpStatus: 422,
      serverCode: 'SCHEMA',
      batch: { batchId: '6614cd40-2b1e-4c59-9d0e-4f1b6a7c8d90', fromSeq: 3, toSeq: 5 },
      retryAt: null,
      server: 'https://bmet.example',
    },
    {
      type: 'sync-alert',
      code: 'SYNC_UNAUTHORIZED',
      message: 'BMET does not know this kiosk',
      at: '2026-11-22T06:00:00.000Z',
      retryAt: '2026-11-22T07:00:00.000Z',
      server: 'https://bmet.example',
    },
  ],
  'sync.ca': [{ source: '/media/stick/bmet-ca.pem', certificates: [FINGERPRINT, FINGERPRINT] }],
  'shell.renderer-gone': [{ reason: 'crashed', exitCode: 139, next: 'reload', recent: 1 }],
  'shell.unresponsive': [{}, { next: 'service-screen', recent: 4 }],
  'setup.open': [{}],
  'setup.refused': [{ reason: 'wrong code' }, { reason: 'locked' }],
  'setup.kiosk': [{ kioskId: 'DAC-T1-D07', airport: 'DAC-T1', desk: 7, keyCreated: true }],
  'setup.connection': [
    { server: 'https://bmet.example', ok: true, code: null, detail: 'HTTP 404' },
    { server: 'https://bmet.example', ok: false, code: 'SYNC_NETWORK', detail: 'ECONNREFUSED' },
  ],
  'setup.finish': [{ kioskId: 'DAC-T1-D07', server: 'https://bmet.example' }],
};

/** The samples as the technician screen receives them, newest first. */
export function sampleAuditLines(): AuditLine[] {
  const lines: AuditLine[] = [];
  for (const [action, details] of Object.entries(AUDIT_SAMPLES) as [AuditAction, object[]][])
    for (const detail of details)
      lines.push({
        seq: lines.length + 1,
        at: '2026-11-22T06:00:00.000Z',
        actor: 'TC-3001',
        action,
        detail: detail as Record<string, unknown>,
      });
  return lines.reverse();
}
