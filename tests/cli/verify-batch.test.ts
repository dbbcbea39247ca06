// `verify` over many stdin lines checks signatures on a second core (main/core/scan/scan-pipeline.ts);
// what it prints and logs must be exactly what the one-scan path gives line after line: the same
// verdict lines in the same order, and the same rows in the log (duplicates depend on that order).
// The expected side runs in this process through the CLI's own handler, one handle() a line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verdictLine } from '../../main/cli/commands/verify.ts';
import { makeScanHandler } from '../../main/cli/scan-handler.ts';
import { MAX_SCAN_TEXT } from '../../main/contract/scan-limits.ts';
import { openStore } from '../../main/core/store/store.ts';
import { DEV_BUNDLE, DEV_ROOT_PEM, fixtureCards } from '../fixtures/load.ts';
import { runCli } from '../helpers/cli.ts';

const NOW = '2026-11-22T06:00:00Z';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-verify-batch-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Every fixture card twelve times over (so valid ones come back as duplicates), with garbage, an
// empty line and a line past the reader's bound between them: ~2,300 lines, enough for the worker
// to start and take part (the in-process test makes sure of it; here it is whatever the machine allows).
const cards = fixtureCards().map((c) => c.qr.replace(/\r?\n$/, ''));
const lines: string[] = [];
for (let round = 0; round < 12; round++)
  for (const [i, qr] of cards.entries()) {
    lines.push(qr);
    if (i % 31 === 0) lines.push('not a card', '', 'B'.repeat(MAX_SCAN_TEXT + 5));
  }
const input = lines.join('\n') + '\n';

function logRows(dataDir: string) {
  const store = openStore({ dataDir });
  try {
    return store.recordsFrom(1, 100_000).map((r) => ({
      seq: r.seq,
      at: r.scannedAt,
      officer: r.officerId,
      status: r.status,
      reasons: r.reasons,
      clearanceId: r.clearanceId,
      kid: r.kid,
      qrSha256: r.qrSha256,
    }));
  } finally {
    store.close();
  }
}

/** One handle() a line, in this process: the one-scan path. Lines are split as the CLI reads them. */
async function oneByOne(dataDir: string | null): Promise<string[]> {
  const handler = await makeScanHandler({
    ...(dataDir ? { dataDir } : {}),
    noLog: dataDir === null,
    bundle: DEV_BUNDLE,
    roots: [DEV_ROOT_PEM],
    nowMs: Date.parse(NOW),
    officer: 'OF-7',
  });
  try {
    return input
      .split('\n')
      .slice(0, -1)
      .map((l) =>
        l.length > MAX_SCAN_TEXT ? handler.handle(l.slice(0, MAX_SCAN_TEXT), true) : handler.handle(l),
      )
      .map((r) => verdictLine(r.verdict, r.error === undefined));
  } finally {
    handler.close();
  }
}

const args = ['verify', '--root', DEV_ROOT_PEM, '--bundle', DEV_BUNDLE, '--now', NOW, '--officer', 'OF-7'];

describe('verify over many lines', () => {
  it('prints and logs exactly what the one-scan path gives, line after line', async () => {
    const batchDir = path.join(tmp, 'batch');
    const r = runCli([...args, '--data-dir', batchDir], input);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = await oneByOne(path.join(tmp, 'one-by-one'));
    expect(r.stdout.split('\n').slice(0, -1)).toEqual(expected);
    expect(expected.length).toBe(lines.length);
    expect(expected.some((l) => l.includes('DUPLICATE_SCAN'))).toBe(true);
    expect(logRows(batchDir)).toEqual(logRows(path.join(tmp, 'one-by-one')));
  });

  it('with --no-log, prints the same lines and touches no data dir', async () => {
    const r = runCli([...args, '--no-log'], input);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, -1)).toEqual(await oneByOne(null));
  });
});
