// electron-builder.yml against electron-builder's own JSON schema (app-builder-lib's
// scheme.json, the installed version), and the settings the kiosk's security rests on:
// the fuses, the Linux targets, the pinned roots shipped and no development key packaged.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.ts';

const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as {
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; executableName: string };
  deb: { packageName: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean;
};

describe('electron-builder.yml', () => {
  it("is valid under app-builder-lib's scheme.json", () => {
    // strict off: the schema uses keywords (e.g. "deprecated") that Ajv does not know.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema catches a misspelt fuse (so the check above means something)', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
  });

  it('sets every fuse the kiosk needs', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds deb and AppImage for Linux, installed as bmet-kiosk (what the appliance depends on and starts)', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['deb', 'AppImage']));
    expect(config.deb.packageName).toBe('bmet-kiosk');
    expect(config.linux.executableName).toBe('bmet-kiosk');
    const control = fs.readFileSync(path.join(PROJECT_ROOT, 'appliance/debian/control'), 'utf8');
    expect(control).toMatch(/^Depends:.*\bbmet-kiosk\b/m);
    const unit = fs.readFileSync(path.join(PROJECT_ROOT, 'appliance/systemd/bmet-kiosk.service'), 'utf8');
    expect(unit).toContain('/usr/bin/bmet-kiosk');
  });

  it('ships the pinned roots and never the development keys', () => {
    expect(config.extraResources.some((r) => r.from === 'keys/roots' && r.to === 'keys/roots')).toBe(true);
    const all = JSON.stringify([config.files, config.extraResources]);
    expect(all).not.toMatch(/fixtures/);
  });
});
