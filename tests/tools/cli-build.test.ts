// The built command line (tools/cli-build.ts → dist/cli) and the bin's choice of it
// (main/cli/cli-bundle.mjs): run only while every source it was built from is unchanged, and
// answering exactly as the sources do. The suite's global setup builds it, so every test that runs
// the CLI in a child process runs the built one; these check that it is the built one, and the same.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { BUILT_CLI_CURRENT, builtCliEntry, freshBuiltCli } from '../../main/cli/cli-bundle.mjs';
import {
  buildCli,
  CLI_BUNDLED_PACKAGES,
  packageOf,
  pinImportMetaUrl,
  type CliCurrent,
} from '../../tools/cli-build.ts';
import { withBuildLock } from '../../tools/app-build.ts';
import { PROJECT_ROOT, runCli } from '../helpers/cli.ts';

const VECTORS = path.join(PROJECT_ROOT, '../shared/vectors');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-cli-build-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the bin runs the build only while its sources are unchanged', () => {
  let n = 0;
  /** A project of one source file, a build of it named in current.json; `change` then alters the project. */
  function project(change: (p: { root: string; src: string; current: string; entry: CliCurrent }) => void) {
    const root = path.join(tmp, `p${n++}`);
    const src = path.join(root, 'main/cli/main.ts');
    fs.mkdirSync(path.dirname(src), { recursive: true });
    fs.writeFileSync(src, 'export const main = 1;\n');
    const st = fs.statSync(src);
    const entry: CliCurrent = {
      build: 'mx6qdjov-123',
      at: 'dist/cli/mx6qdjov-123',
      files: [['main/cli/main.ts', st.size, st.mtimeMs]],
    };
    const current = path.join(root, 'dist/cli/current.json');
    fs.mkdirSync(path.dirname(current), { recursive: true });
    fs.writeFileSync(current, JSON.stringify(entry));
    fs.mkdirSync(path.join(root, 'dist/cli/mx6qdjov-123'));
    fs.writeFileSync(path.join(root, 'dist/cli/mx6qdjov-123/main.mjs'), 'export const main = 1;\n');
    change({ root, src, current, entry });
    const rootUrl = pathToFileURL(`${root}/`);
    return builtCliEntry(pathToFileURL(current), rootUrl);
  }
  const rewrite = (current: string, entry: unknown) => fs.writeFileSync(current, JSON.stringify(entry));

  it('a build whose sources are as it read them: its main.mjs', () => {
    expect(project(() => undefined)).toMatch(/\/dist\/cli\/mx6qdjov-123\/main\.mjs$/);
  });
  const stale: [string, Parameters<typeof project>[0]][] = [
    [
      'a source rewritten to the same size (only its time differs)',
      ({ src }) => {
        const t = fs.statSync(src).mtime;
        fs.writeFileSync(src, 'export const main = 2;\n');
        fs.utimesSync(src, t, new Date(t.getTime() + 1000));
      },
    ],
    [
      'a source of another size, with the time put back',
      ({ src }) => {
        const t = fs.statSync(src).mtime;
        fs.writeFileSync(src, 'export const main = 22;\n');
        fs.utimesSync(src, t, t);
      },
    ],
    ['a source gone', ({ src }) => fs.rmSync(src)],
    ['no current.json', ({ current }) => fs.rmSync(current)],
    ['current.json not JSON', ({ current }) => fs.writeFileSync(current, '{"build":')],
    ['no files listed', ({ current, entry }) => rewrite(current, { ...entry, files: [] })],
    ['a build name that is a path', ({ current, entry }) => rewrite(current, { ...entry, build: '../../x' })],
    ['files not a list', ({ current, entry }) => rewrite(current, { ...entry, files: 'main.ts' })],
    // Another build removed it, or it never finished: the bin must not import what is not there.
    [
      'the build folder gone',
      ({ root }) => fs.rmSync(path.join(root, 'dist/cli/mx6qdjov-123'), { recursive: true }),
    ],
    [
      'made elsewhere (`at` another folder)',
      ({ current, entry }) => rewrite(current, { ...entry, at: 'x/y' }),
    ],
    // Node finds the chunks by their real path, from which the build's paths to the sources would miss.
    [
      'the build folder reached through a link',
      ({ root }) => {
        const real = path.join(root, 'elsewhere');
        fs.renameSync(path.join(root, 'dist/cli/mx6qdjov-123'), real);
        fs.symlinkSync(real, path.join(root, 'dist/cli/mx6qdjov-123'));
      },
    ],
  ];
  it.each(stale)('%s: null, so the sources run', (_what, change) => {
    expect(project(change)).toBeNull();
  });
  // The bin's own choice, on the build this run made (fresh: the global setup built it).
  const forced: [string, Record<string, string>][] = [
    ['BMET_CLI_SOURCES=1', { BMET_CLI_SOURCES: '1' }],
    ["under node --watch (its child's WATCH_REPORT_DEPENDENCIES)", { WATCH_REPORT_DEPENDENCIES: '1' }],
    ['under --inspect given in NODE_OPTIONS', { NODE_OPTIONS: '--inspect-port=0 --inspect' }],
  ];
  it.each(forced)('%s: the sources run however fresh the build', (_what, env) => {
    expect(freshBuiltCli()).not.toBeNull();
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      expect(freshBuiltCli()).toBeNull();
    } finally {
      for (const k of Object.keys(env)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});

describe('the build', () => {
  it('makes import.meta.url the source file’s own URL, seen from the build folder', () => {
    const file = path.join(PROJECT_ROOT, 'main/core/trust/roots.ts');
    const outDir = path.join(PROJECT_ROOT, 'dist/cli/b1');
    const { code, map } = pinImportMetaUrl(
      'const a = import.meta.url;\nconst b = new URL("x", import.meta.url);',
      file,
      outDir,
    );
    const chunkUrl = pathToFileURL(path.join(outDir, 'chunk.mjs')).href;
    // The rewritten expression, evaluated where the chunk lives.
    const urls = [...code.matchAll(/new URL\(("[^"]+"), import\.meta\.url\)\.href/g)].map(
      (m) => new URL(JSON.parse(m[1]!) as string, chunkUrl).href,
    );
    expect(urls).toEqual([pathToFileURL(file).href, pathToFileURL(file).href]);
    // Its source map leads each line back to the source's.
    const m = JSON.parse(map) as { sources: string[]; mappings: string };
    expect(m.sources).toEqual([file]);
    expect(m.mappings.split(';')).toHaveLength(2);
  });
  it('refuses import.meta.dirname and .filename, which it cannot keep', () => {
    for (const use of ['import.meta.dirname', 'import.meta.filename']) {
      expect(() => pinImportMetaUrl(`const d = ${use};`, '/p/a.ts', '/p/dist/cli/b')).toThrow(
        /dirname or \.filename/,
      );
    }
  });
  it.each([
    ['cbor-x/decode', 'cbor-x'],
    ['pako', 'pako'],
    ['@serialport/bindings-cpp/dist', '@serialport/bindings-cpp'],
    ['./store.ts', null],
    ['/abs/file.ts', null],
    ['node:fs', null],
    ['\0virtual', null],
  ])('names the package of %s: %s', (spec, pkg) => {
    expect(packageOf(spec)).toBe(pkg);
  });

  // The build the global setup made, which every CLI test in this run uses.
  const current = JSON.parse(fs.readFileSync(BUILT_CLI_CURRENT, 'utf8')) as CliCurrent;
  const listed = new Set(current.files.map(([f]) => f));
  it('is fresh in this run: the CLI tests run it', () => {
    expect(freshBuiltCli()).toBe(new URL(`${current.build}/main.mjs`, BUILT_CLI_CURRENT).href);
  });
  it('lists every source a verify reads, the packages it carries, and its recipe', () => {
    for (const f of [
      'main/cli/main.ts',
      'main/cli/commands/verify.ts',
      'main/core/verify/verify-qr.ts',
      'tools/cli-build.ts',
      'package-lock.json',
    ]) {
      expect(listed).toContain(f);
    }
    for (const pkg of CLI_BUNDLED_PACKAGES) {
      expect([...listed].some((f) => f.startsWith(`node_modules/${pkg}/`))).toBe(true);
    }
  });
  it('keeps every other package out: they load from node_modules as the sources load them', () => {
    const dir = new URL(`${current.build}/`, BUILT_CLI_CURRENT);
    const code = fs.readdirSync(dir).map((f) => fs.readFileSync(new URL(f, dir), 'utf8'));
    expect(code.some((c) => c.includes('from "better-sqlite3"'))).toBe(true);
    expect(code.some((c) => /from "(cbor-x|pako)[/"]/.test(c))).toBe(false);
  });
});

describe('the built command answers exactly as the sources do', () => {
  const cards = fs
    .readFileSync(path.join(VECTORS, 'cards.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { qr: string }).qr);
  const trustArgs = [
    '--root',
    path.join(VECTORS, 'root.pem'),
    '--bundle',
    path.join(VECTORS, 'bundle.bmettrust'),
  ];
  const dataDir = path.join(tmp, 'data');
  // A fault in the code (JSON.stringify of a verdict throws): its stack names the same source lines.
  const boom = path.join(tmp, 'boom.mjs');
  fs.writeFileSync(
    boom,
    'const s = JSON.stringify;\nJSON.stringify = function (v, ...a) {\n  if (v && typeof v === "object" && "status" in v) throw new TypeError("boom");\n  return s.call(this, v, ...a);\n};\n',
  );
  it('an UNEXPECTED fault: its stack names the TypeScript lines, as from the sources', () => {
    const args = ['verify', '--no-log', ...trustArgs, '--now', '2026-11-22T06:00:00Z', cards[0]!];
    const env = { NODE_OPTIONS: `--import=${pathToFileURL(boom).href}` };
    const built = runCli(args, undefined, env);
    const sources = runCli(args, undefined, { ...env, BMET_CLI_SOURCES: '1' });
    expect(built.stderr).toMatch(/UNEXPECTED[\s\S]*main\/cli\/commands\/verify\.ts:\d+:\d+/);
    expect(built.stderr).not.toMatch(/dist\/cli/);
    expect(built).toEqual(sources);
  });
  // One no command catches (--version reading package.json throws): Node reports it, named the same.
  const boom2 = path.join(tmp, 'boom2.mjs');
  fs.writeFileSync(
    boom2,
    'const p = JSON.parse;\nJSON.parse = function (s, ...a) {\n  if (typeof s === "string" && s.includes(\'"name": "bmet-kiosk"\')) throw new TypeError("boom2");\n  return p.call(this, s, ...a);\n};\n',
  );
  it('a crash no command catches: Node’s report names the TypeScript lines, as from the sources', () => {
    const env = { NODE_OPTIONS: `--import=${pathToFileURL(boom2).href}` };
    const built = runCli(['--version'], undefined, env);
    const sources = runCli(['--version'], undefined, { ...env, BMET_CLI_SOURCES: '1' });
    expect(built.status).toBe(1);
    expect(built.stderr).toMatch(
      /TypeError: boom2\n\s+at JSON\.parse[^\n]*\n\s+at packageVersion \(file:[^)]*main\/cli\/main\.ts:\d+:\d+\)/,
    );
    expect(built).toEqual(sources);
  });
  const runs: [string, string[], string?][] = [
    [
      'every vector card on stdin',
      ['verify', '--no-log', ...trustArgs, '--now', '2026-11-22T06:00:00Z'],
      `${cards.join('\n')}\n`,
    ],
    [
      'one card, logged',
      [
        'verify',
        ...trustArgs,
        '--data-dir',
        dataDir,
        '--now',
        '2026-11-22T06:00:00Z',
        '--officer',
        'OF-1',
        cards[0]!,
      ],
    ],
    ['no --root: the pinned roots (keys/roots)', ['verify', '--no-log', cards[0]!]],
    ['--version (package.json, found the same way)', ['--version']],
    ['--help', ['--help']],
    ['a usage error', ['verify', '--frob']],
    [
      'trust verify',
      ['trust', 'verify', path.join(VECTORS, 'bundle.bmettrust'), '--root', path.join(VECTORS, 'root.pem')],
    ],
  ];
  it.each(runs)('%s', (_what, args, input) => {
    const built = runCli(args, input);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const sources = runCli(args, input, { BMET_CLI_SOURCES: '1' });
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(built).toEqual(sources);
    expect(built.stdout + built.stderr).not.toBe('');
  });
});

describe('a build beside others', () => {
  it('names itself in current.json and removes only the builds before the one it replaced', async () => {
    const outRoot = path.join(tmp, 'builds');
    // A build begun later and still being written (a newer name): never removed by this one.
    const later = `${(Date.now() + 3_600_000).toString(36)}-1`;
    fs.mkdirSync(path.join(outRoot, later), { recursive: true });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      await buildCli(build, outRoot);
      names.push(
        (JSON.parse(fs.readFileSync(path.join(outRoot, 'current.json'), 'utf8')) as CliCurrent).build,
      );
    }
    expect(new Set(names).size).toBe(3);
    expect(fs.readdirSync(outRoot).sort()).toEqual([names[1]!, names[2]!, later, 'current.json'].sort());
    expect(fs.existsSync(path.join(outRoot, names[2]!, 'main.mjs'))).toBe(true);
  });
  it('made through a link to another folder: fresh, and its paths to the sources hold', async () => {
    const real = path.join(tmp, 'real-builds');
    fs.mkdirSync(real);
    const linked = path.join(tmp, 'linked-builds');
    fs.symlinkSync(real, linked);
    await buildCli(build, linked);
    const entry = builtCliEntry(pathToFileURL(path.join(linked, 'current.json')));
    expect(entry).not.toBeNull();
    // Its --version reads package.json by a path made from import.meta.url.
    const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(['--version']);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('the build lock', () => {
  it('is taken over at once from a build that died holding it', async () => {
    const lock = path.join(tmp, 'build-lock');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(dead));
    expect(
      await withBuildLock(
        async () => 'built',
        () => undefined,
        lock,
      ),
    ).toBe('built');
    expect(fs.existsSync(lock)).toBe(false);
  });
  it('is waited for while its holder lives, and the wait is said', async () => {
    const lock = path.join(tmp, 'build-lock-2');
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    const said: string[] = [];
    let saidOnce!: () => void;
    const waiting = new Promise<void>((r) => (saidOnce = r));
    const run = withBuildLock(
      async () => 'built',
      (m) => {
        said.push(m);
        saidOnce();
      },
      lock,
    );
    await waiting;
    expect(said).toEqual([`waiting for another build to finish (pid ${process.pid})…`]);
    fs.rmSync(lock, { recursive: true }); // the holder ends
    expect(await run).toBe('built');
  });
});
