/**
 * Packages the kiosk app (electron-builder: deb + AppImage on Linux) after the checks a
 * production package must pass: the pinned roots (keys/roots/) hold at least one
 * production root and none of the public development keys, and an Electron binary is at
 * hand. `--test-build` lets the development roots through for a clearly marked test
 * package (name, product name and file names say TEST BUILD). `--check-only` stops after
 * the checks. Exit: 0 packaged (or checked), 2 usage, 3 the roots were refused, 4 no Electron.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawKeyFromPem } from '../main/core/crypto/ed25519.ts';
import { kidOf } from '../main/core/crypto/kid.ts';
import { loadPinnedRoots } from '../main/core/trust/roots.ts';
import { findElectron } from '../main/cli/electron-binary.ts';
import { PROJECT_ROOT } from '../main/app/paths.ts';

/** Keys whose private halves are public (committed seeds): pinning any of them lets anyone sign trust. */
export const PUBLIC_KEY_DIRS = [
  path.join(PROJECT_ROOT, 'fixtures/keys'),
  path.join(PROJECT_ROOT, '../shared/vectors'),
];

export type RootsCheck =
  { ok: true; kids: string[]; test: boolean; warnings: string[] } | { ok: false; why: string };

function publicKids(dirs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.pem'));
    } catch {
      continue; // the shared vectors may be absent on a build machine
    }
    for (const n of names) {
      const raw = rawKeyFromPem(fs.readFileSync(path.join(dir, n), 'utf8'));
      if (raw) out.set(kidOf(raw), path.join(dir, n));
    }
  }
  return out;
}

/** The packaging decision on a pinned roots folder, as data (tests call it with their own folders). */
export function checkPinnedRoots(
  dir: string,
  opts: { testBuild: boolean; publicKeyDirs?: readonly string[] },
): RootsCheck {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { ok: false, why: `no pinned roots folder at ${dir}` };
  }
  const secret = names.find(
    (n) => /\.(seed|key)$/i.test(n) || /PRIVATE KEY/.test(readSmall(path.join(dir, n))),
  );
  if (secret)
    return {
      ok: false,
      why: `${path.join(dir, secret)} looks like a private key: only public roots belong here`,
    };
  const pems = names.filter((n) => n.endsWith('.pem'));
  if (pems.length === 0)
    return {
      ok: false,
      why: `no production roots in ${dir}: BMET adds its root public keys (*.pem) there for a production build (keys/roots/README.md)`,
    };
  const loaded = loadPinnedRoots(dir);
  if (!loaded.ok) return { ok: false, why: loaded.why };
  const known = publicKids(opts.publicKeyDirs ?? PUBLIC_KEY_DIRS);
  const kids = [...loaded.roots.keys.keys()];
  const dev = kids.filter((k) => known.has(k));
  if (dev.length > 0 && !opts.testBuild)
    return {
      ok: false,
      why: `${dir} pins a development key whose private seed is public (${dev.map((k) => `${k} = ${path.relative(PROJECT_ROOT, known.get(k)!)}`).join(', ')}): a kiosk built so would install bundles anyone can sign. Remove it, or pass --test-build for a clearly marked test package`,
    };
  const warnings =
    dev.length > 0 ? [`TEST BUILD: pins development key(s) ${dev.join(', ')}; never install at a desk`] : [];
  return { ok: true, kids, test: dev.length > 0, warnings };
}

function readSmall(file: string): string {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size < 65536 ? fs.readFileSync(file, 'utf8') : '';
  } catch {
    return '';
  }
}

/** electron-builder's command line for this build: Electron from where it is, and a test build marked. */
export function builderArgs(electronDist: string, test: boolean, version: string): string[] {
  const args = [
    '--linux',
    'deb',
    'AppImage',
    '--config',
    'electron-builder.yml',
    `-c.electronDist=${electronDist}`,
  ];
  if (test)
    args.push(
      '-c.productName=BMET Clearance Kiosk TEST BUILD',
      '-c.linux.synopsis=TEST BUILD pinning development roots: never install at a desk',
      `-c.artifactName=\${name}-TEST-BUILD-${version}-\${arch}.\${ext}`,
      '-c.extraMetadata.bmetTestBuild=true',
    );
  return args;
}

const USAGE = `usage: node tools/package-app.ts [--check-only] [--test-build] [--roots DIR]
  Checks keys/roots/ (production roots present, no development key pinned), builds the
  screens and shell, and packages deb + AppImage into dist/packages/ with electron-builder.
  --test-build   allow the development roots, for a package marked TEST BUILD everywhere
  --check-only   stop after the checks
  --roots DIR    check another roots folder (tests)
`;

async function main(argv: string[]): Promise<number> {
  const known = new Set(['--check-only', '--test-build', '--roots', '--help', '-h']);
  for (let i = 0; i < argv.length; i++) {
    if (!known.has(argv[i]!))
      return (process.stderr.write(`package-app: unknown option ${argv[i]}\n${USAGE}`), 2);
    if (argv[i] === '--roots') i++;
  }
  if (argv.includes('--help') || argv.includes('-h')) return (process.stdout.write(USAGE), 0);
  const rootsAt = argv.indexOf('--roots');
  const dir = rootsAt >= 0 ? argv[rootsAt + 1] : path.join(PROJECT_ROOT, 'keys/roots');
  if (!dir) return (process.stderr.write(`package-app: --roots needs a folder\n${USAGE}`), 2);
  const testBuild = argv.includes('--test-build');
  const roots = checkPinnedRoots(dir, { testBuild });
  if (!roots.ok) {
    process.stderr.write(`package-app: refused: ${roots.why}\n`);
    return 3;
  }
  for (const w of roots.warnings) process.stderr.write(`package-app: ${w}\n`);
  process.stderr.write(
    `package-app: pinned roots ${roots.kids.join(', ')}${roots.test ? ' (TEST BUILD)' : ''}\n`,
  );
  const electron = findElectron();
  if (!electron.ok) {
    process.stderr.write(
      `package-app: cannot package here: ${electron.why}. The checks passed; on a machine with Electron 45 (npm install, or ELECTRON_OVERRIDE_DIST_PATH) this packages deb and AppImage.\n`,
    );
    return argv.includes('--check-only') ? 0 : 4;
  }
  if (argv.includes('--check-only')) return 0;
  const { ensureBuilt } = await import('./app-build.ts');
  await ensureBuilt({ shell: true }, (m) => process.stderr.write(`package-app: ${m}\n`));
  const version = (
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const bin = path.join(PROJECT_ROOT, 'node_modules/.bin/electron-builder');
  const r = spawnSync(bin, builderArgs(path.dirname(electron.path), roots.test, version), {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  return r.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(process.argv.slice(2));
