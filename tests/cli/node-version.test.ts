// Which Node the bin and the test setup accept: the ones that strip TypeScript's types by
// default (22.18+, 23.6+), as package.json's engines says. 23.0–23.5 need a flag, so they are refused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripsTypes } from '../../main/cli/node-version.mjs';
import { PROJECT_ROOT } from '../helpers/cli.ts';

describe('stripsTypes', () => {
  it.each([
    ['20.20.2', false],
    ['22.17.1', false],
    ['22.18.0', true],
    ['22.21.1', true],
    ['23.0.0', false],
    ['23.5.0', false],
    ['23.6.0', true],
    ['24.0.0', true],
    ['25.1.0', true],
  ])('%s → %s', (version, ok) => {
    expect(stripsTypes(version)).toBe(ok);
  });

  it('agrees with package.json engines', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe('>=22.18 <23 || >=23.6');
  });
});
