// `--help` of the npm scripts that take arguments, run as a person types them (`npm run X -- --help`):
// each prints its usage on stdout and exits 0, building, writing and starting nothing, under an
// empty HOME that stays empty. Every node process the run starts is traced (NODE_OPTIONS
// --import), so a build step that ran before the help is seen even when it had nothing to do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.ts';

/** Runs `npm run --silent <script> -- <args>` with an empty HOME; returns what it printed and the node scripts it ran. */
function npmRun(script: string, args: string[]) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-help-home-'));
  const aside = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-help-aside-'));
  const trace = path.join(aside, 'trace.jsonl');
  const tracer = path.join(aside, 'trace.mjs');
  fs.writeFileSync(
    tracer,
    `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(trace)}, JSON.stringify(process.argv.slice(1)) + '\\n');\n`,
  );
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      // npm's own cache and logs, and its update check, are not the script's doing.
      npm_config_cache: path.join(aside, 'npm-cache'),
      npm_config_update_notifier: 'false',
      NODE_OPTIONS: `--import ${tracer}`,
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    },
  });
  const ran = fs.existsSync(trace)
    ? fs
        .readFileSync(trace, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as string[]).join(' '))
    : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, home, ran };
}

const debs = () => {
  const dir = path.join(PROJECT_ROOT, 'dist/packages');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('bmet-kiosk-appliance_')) : [];
};

describe('npm scripts: -- --help', () => {
  it.each([
    ['fixtures', /^usage: npm run fixtures \[-- --out DIR\] \[--seed TEXT\]/],
    ['bmet-server', /^usage: npm run bmet-server -- \[serve\]/],
    ['bench', /^usage: npm run bench \[-- NAME …\]/],
    ['package:appliance', /^usage: npm run package:appliance/],
    ['start', /^usage: bmet-kiosk start/],
  ])(
    'npm run %s -- --help prints its usage, exits 0, and builds, writes or starts nothing',
    (script, usage) => {
      const before = debs();
      const r = npmRun(script, ['--help']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(usage);
      expect(fs.readdirSync(r.home)).toEqual([]);
      expect(debs()).toEqual(before);
      expect(r.ran.length).toBeGreaterThan(0); // the trace works
      // Nothing ran but the script itself (and, for start, the CLI it hands the arguments to, in its own process).
      expect(r.ran.filter((a) => /app-build|make-fixtures.*--out|\.bench\.ts/.test(a))).toEqual([]);
    },
  );

  it('npm run bench with a name no benchmark has says which names there are (exit 2), and runs none', () => {
    for (const args of [['nosuch'], ['verify', 'nosuch'], ['--quick']]) {
      const r = npmRun('bench', args);
      expect(r.status).toBe(2);
      expect(r.stdout).not.toMatch(/targets met/);
      expect(r.stderr).toMatch(/no benchmark named '(nosuch|--quick)'/);
      expect(r.stderr).toMatch(/Names: .*verify/);
    }
  });

  it('an option a script does not take is exit 2 with its usage (fixtures, package:appliance), writing nothing', () => {
    for (const script of ['fixtures', 'package:appliance']) {
      const before = debs();
      const r = npmRun(script, ['--bogus']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/Unknown option '--bogus'[\s\S]*usage: npm run/);
      expect(debs()).toEqual(before);
    }
  });
});
