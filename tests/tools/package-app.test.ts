// The packaging gate (tools/package-app.ts): no production root, or a development key
// pinned, refuses the build; --test-build lets the development root through for a marked
// test package; without an Electron binary the package step stops with a clear message.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron } from '../../main/cli/electron-binary.ts';
import { builderArgs, checkPinnedRoots } from '../../tools/package-app.ts';
import { PROJECT_ROOT } from '../helpers/cli.ts';

const SCRIPT = path.join(PROJECT_ROOT, 'tools/package-app.ts');
const DEV_ROOT = path.join(PROJECT_ROOT, 'fixtures/keys/dev-root.pem');

function rootsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-roots-'));
  for (const [n, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), text);
  return dir;
}
const productionRoot = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const run = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });

describe('package-app roots check', () => {
  it('refuses a folder with no production root (this repository as it is)', () => {
    const r = checkPinnedRoots(path.join(PROJECT_ROOT, 'keys/roots'), { testBuild: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.why).toMatch(/no production roots/);
  });

  it.each(['dev-root.pem', 'dev-root-2.pem', 'stranger-root.pem'])(
    'refuses the public fixture key %s pinned, even beside a production root',
    (name) => {
      const dir = rootsDir({
        'bmet-1.pem': productionRoot(),
        'x.pem': fs.readFileSync(path.join(PROJECT_ROOT, 'fixtures/keys', name), 'utf8'),
      });
      const r = checkPinnedRoots(dir, { testBuild: false });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.why).toMatch(/development key whose private seed is public/);
    },
  );

  it('refuses a private key put among the roots', () => {
    const pk = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(
      checkPinnedRoots(rootsDir({ 'a.pem': productionRoot(), 'b.pem': pk }), { testBuild: false }).ok,
    ).toBe(false);
    expect(
      checkPinnedRoots(rootsDir({ 'a.pem': productionRoot(), 'a.seed': 'x' }), { testBuild: false }).ok,
    ).toBe(false);
  });

  it('accepts production roots', () => {
    const r = checkPinnedRoots(
      rootsDir({ 'a.pem': productionRoot(), 'b.pem': productionRoot(), threshold: '2' }),
      {
        testBuild: false,
      },
    );
    expect(r).toMatchObject({ ok: true, test: false, warnings: [] });
  });

  it('--test-build lets the development root through, marked', () => {
    const r = checkPinnedRoots(rootsDir({ 'dev.pem': fs.readFileSync(DEV_ROOT, 'utf8') }), {
      testBuild: true,
    });
    expect(r).toMatchObject({ ok: true, test: true });
    expect(r.ok && r.warnings[0]).toMatch(/TEST BUILD/);
    const args = builderArgs('/e', true, '1.2.3');
    expect(args.join(' ')).toMatch(/productName=BMET Clearance Kiosk TEST BUILD/);
    expect(args.join(' ')).toMatch(/artifactName=\$\{name\}-TEST-BUILD-1\.2\.3/);
    expect(builderArgs('/e', false, '1.2.3').join(' ')).not.toMatch(/TEST/);
  });
});

describe('package-app command', () => {
  it('exits 3 with the reason when the roots are refused', () => {
    const r = run();
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/refused: no production roots in .*keys\/roots/);
    const dev = run('--roots', rootsDir({ 'dev.pem': fs.readFileSync(DEV_ROOT, 'utf8') }));
    expect(dev.status).toBe(3);
    expect(dev.stderr).toMatch(/--test-build/);
  });

  it('usage errors exit 2', () => {
    expect(run('--nope').status).toBe(2);
  });

  const electron = findElectron();
  it.skipIf(electron.ok)(
    `without an Electron binary, stops with a clear message after the checks (here: ${electron.ok ? '' : electron.why})`,
    () => {
      const dir = rootsDir({ 'a.pem': productionRoot() });
      const r = run('--roots', dir);
      expect(r.status, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/cannot package here: .*ELECTRON_OVERRIDE_DIST_PATH/);
      expect(run('--roots', dir, '--check-only').status).toBe(0);
    },
  );
  if (electron.ok)
    console.warn('package-app: an Electron binary is present; the no-Electron refusal is not exercised');
});
