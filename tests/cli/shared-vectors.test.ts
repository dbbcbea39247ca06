// Every card of the independent encoder's vectors (../shared/vectors) through the CLI,
// with the exact verdict. A known failure would be listed here by name; there is none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const DIR = path.resolve(import.meta.dirname, '../../../shared/vectors');
const present = fs.existsSync(path.join(DIR, 'cards.jsonl'));

interface Card {
  name: string;
  now: string;
  qr: string;
  expect: { status: string; codes: string[] };
  rule?: string;
}
const cards: Card[] = present
  ? fs
      .readFileSync(path.join(DIR, 'cards.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
  : [];

describe.skipIf(!present)('shared vectors (../shared/vectors)', () => {
  const byNow = Map.groupBy(cards, (c) => c.now);
  const verdicts = new Map<
    string,
    { status: string; reasons: { code: string; rule?: string }[]; clearance: unknown }
  >();
  for (const [now, group] of byNow) {
    const r = runCli(
      [
        'verify',
        '--no-log',
        '--root',
        `${DIR}/root.pem`,
        '--bundle',
        `${DIR}/bundle.bmettrust`,
        '--now',
        now,
      ],
      group.map((c) => c.qr.replace(/\n$/, '')).join('\n') + '\n',
    );
    const lines = r.stdout.trim().split('\n');
    group.forEach((c, i) => verdicts.set(c.name, JSON.parse(lines[i] ?? 'null')));
  }

  it.each(cards.map((c) => [c.name, c] as const))('%s', (_name, card) => {
    const v = verdicts.get(card.name)!;
    expect(v.status).toBe(card.expect.status);
    expect(v.reasons.map((r) => r.code).sort()).toEqual([...card.expect.codes].sort());
    if (card.rule) expect(v.reasons.find((r) => r.code === 'RULE_FAILED')?.rule).toBe(card.rule);
    if (card.expect.status !== 'invalid') expect(v.clearance).not.toBeNull();
  });

  it('the shared checker agrees on every vector', () => {
    const r = spawnSync('node', [path.join(DIR, '../tools/check-vectors.mjs'), DIR, '.'], {
      encoding: 'utf8',
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    expect(r.stdout).toContain(`${cards.length}/${cards.length} agree`);
    expect(r.status).toBe(0);
  });
});
