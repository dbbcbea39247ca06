// `report --no-log`: cli.md says nothing in the data dir changes, so no report.export audit row
// (and a read-only open); without it the export is audited as before.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditLine } from '../../main/contract/technician.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';
import { at, installedDataDir, vectorCards } from '../helpers/kiosk-data.ts';
import { dirDigest } from '../helpers/store.ts';

const exports = (dir: string) =>
  jsonLines<AuditLine>(runCli(['log', 'audit', '--data-dir', dir]).stdout).filter(
    (e) => e.action === 'report.export',
  );

describe('report --no-log', () => {
  it('prints the same report and writes no audit row: the data dir is unchanged', () => {
    const dir = installedDataDir();
    const qr = vectorCards().find((c) => c.expect.status === 'valid')!.qr;
    expect(runCli(['verify', ...at(dir)], qr + '\n').status).toBe(0);
    const before = dirDigest(dir);
    const out = path.join(path.dirname(dir), 'day.csv');
    for (const args of [[], ['--format', 'csv'], ['--format', 'csv', '--out', out]]) {
      const r = runCli(['report', '--date', '2026-11-22', '--data-dir', dir, '--no-log', ...args]);
      expect(r.status, r.stderr).toBe(0);
      if (!args.includes('--out')) expect(r.stdout).not.toBe('');
    }
    expect(fs.readFileSync(out, 'utf8')).toContain('2026-11-22 12:00:00');
    expect(dirDigest(dir)).toBe(before);
    expect(exports(dir)).toEqual([]);
    // The same report, audited, without --no-log.
    const logged = runCli(['report', '--date', '2026-11-22', '--data-dir', dir]);
    const quiet = runCli(['report', '--date', '2026-11-22', '--data-dir', dir, '--no-log']);
    expect(quiet.stdout).toBe(logged.stdout);
    expect(exports(dir).map((e) => e.detail.format)).toEqual(['json']);
  });
});
