// trust install on a fresh data dir: its audit row is written after the store's creation row, and
// its time says so. The time was taken before the store opened, so seq 2 (trust.install) was
// dated before seq 1 (store.created).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBundle } from '../../keys/bundle-signer.ts';
import { publicKeyPem } from '../../keys/signing-key.ts';
import type { AuditLine } from '../../main/contract/technician.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/store.ts';
import { payloadOf, ROOT } from '../helpers/trust.ts';

const DAY = 86_400_000;
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function auditOf(dir: string): AuditLine[] {
  const r = runCli(['log', 'audit', '--data-dir', dir]);
  expect(r.status).toBe(0);
  return jsonLines<AuditLine>(r.stdout).sort((a, b) => a.seq - b.seq);
}

describe('trust install on a fresh data dir: audit times follow the audit order', () => {
  const tmp = tempDataDir('install-order');
  const rootPem = path.join(tmp, 'root.pem');
  fs.writeFileSync(rootPem, publicKeyPem(ROOT));
  // Valid on the real clock: trust install takes no --now.
  const good = path.join(tmp, 'good.bmettrust');
  fs.writeFileSync(
    good,
    signBundle(payloadOf({ issuedAt: utc(Date.now() - DAY), expiresAt: utc(Date.now() + 90 * DAY) }), [ROOT]),
  );

  it.each([
    ['installed', good, 0, 'trust.install'],
    ['refused before reading (a missing file)', path.join(tmp, 'missing.bmettrust'), 3, 'trust.refused'],
  ])('%s', (_what, file, status, action) => {
    const dir = path.join(tempDataDir('install-order'), 'data');
    const r = runCli(['trust', 'install', file, '--data-dir', dir, '--root', rootPem]);
    expect(r.status).toBe(status);
    const audit = auditOf(dir);
    expect(audit.map((e) => e.action)).toEqual(['store.created', action]);
    expect(Date.parse(audit[1]!.at)).toBeGreaterThanOrEqual(Date.parse(audit[0]!.at));
  });
});
