// Exit statuses and messages of cli.md for calls that go wrong before any card is read.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const V = '../shared/vectors';

describe('bmet-kiosk usage', () => {
  it.each([
    ['no command', [], 2, /no command/],
    ['an unknown command', ['frobnicate'], 2, /unknown command/],
    ['an unknown option', ['verify', '--bogus'], 2, /bogus/],
    ['a bad --now', ['verify', '--now', 'yesterday', '--bundle', `${V}/bundle.bmettrust`], 2, /--now/],
    [
      'a missing bundle file',
      ['verify', '--root', `${V}/root.pem`, '--bundle', '/nonexistent.bmettrust', 'X'],
      3,
      /cannot read/,
    ],
    [
      'a root that is not a key',
      ['verify', '--root', `${V}/cards.jsonl`, '--bundle', `${V}/bundle.bmettrust`, 'X'],
      3,
      /not an Ed25519 public key/,
    ],
    [
      'a bundle signed by another root',
      ['trust', 'verify', `${V}/bundle.bmettrust`, '--root', 'tests/cli/other-root.pem'],
      3,
      /BUNDLE_SIGNATURE_INVALID/,
    ],
    [
      'a directory as bundle',
      ['trust', 'verify', 'tests', '--root', `${V}/root.pem`],
      3,
      /not a regular file/,
    ],
  ])('%s exits %i', (_why, args, status, message) => {
    const r = runCli(args);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
  });

  it('without --root and with no pinned roots (this repository) fails with 1, not the 3 of a refused file', () => {
    const r = runCli(['verify', '--no-log', '--bundle', `${V}/bundle.bmettrust`, 'X']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no usable pinned roots/);
  });

  it('trust verify shows a key listed under revoked.kids as revoked', () => {
    const r = runCli([
      'trust',
      'verify',
      `${V}/bundle.bmettrust`,
      '--root',
      `${V}/root.pem`,
      '--now',
      '2026-11-22T06:00:00Z',
    ]);
    expect(JSON.parse(r.stdout).kids.find((k: { kid: string }) => k.kid === 'breonzcjYls')).toMatchObject({
      status: 'revoked',
    });
  });

  it('trust verify prints the facts of a good bundle', () => {
    const r = runCli([
      'trust',
      'verify',
      `${V}/bundle.bmettrust`,
      '--root',
      `${V}/root.pem`,
      '--now',
      '2026-11-22T06:00:00Z',
    ]);
    expect(r.status).toBe(0);
    const facts = JSON.parse(r.stdout);
    expect(facts).toMatchObject({
      ok: true,
      version: 7,
      keys: 3,
      revokedKids: 1,
      revokedClearances: 1,
      rules: 3,
    });
  });

  it('trust verify refuses an expired bundle with its code', () => {
    const r = runCli([
      'trust',
      'verify',
      `${V}/bundle.bmettrust`,
      '--root',
      `${V}/root.pem`,
      '--now',
      '2027-03-01T00:00:00Z',
    ]);
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'BUNDLE_EXPIRED' });
  });

  it('verify answers every argument, cards and garbage alike', () => {
    const r = runCli([
      'verify',
      '--no-log',
      '--root',
      `${V}/root.pem`,
      '--bundle',
      `${V}/bundle.bmettrust`,
      '',
      'hello',
      'BMET1:',
      'BMET1:%%%',
    ]);
    expect(r.status).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).reasons[0].code),
    ).toEqual(['FORMAT_UNKNOWN', 'FORMAT_UNKNOWN', 'DECOMPRESS_FAILED', 'BASE45_INVALID']);
  });
});
