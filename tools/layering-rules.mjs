// The layering rule of STYLE.md: the folder says where code runs. Each rule names the
// files it covers and the import specifiers those files may not use.
const NODE_BUILTINS =
  /^(node:|(fs|path|os|crypto|child_process|net|http|https|zlib|stream|util|events|url|worker_threads|buffer|process|tty|dgram|dns|readline|vm|module|cluster|perf_hooks)(\/|$))/;

export const rules = [
  {
    name: 'electron stays in the shell',
    files: (f) => !f.startsWith('main/shell/'),
    forbidden: (spec) => spec === 'electron' || spec.startsWith('electron/'),
  },
  {
    name: 'renderer never reaches Node',
    files: (f) => f.startsWith('renderer/'),
    forbidden: (spec) => NODE_BUILTINS.test(spec) || ['better-sqlite3', 'serialport'].includes(spec),
  },
  {
    name: 'renderer talks to main only through the contract',
    files: (f) => f.startsWith('renderer/'),
    forbidden: (spec, from) =>
      /(^|\/)(main|native-bridge|keys)\//.test(resolveRel(from, spec)) &&
      !resolveRel(from, spec).startsWith('main/contract/'),
  },
  {
    name: 'the contract is environment-neutral',
    files: (f) => f.startsWith('main/contract/'),
    forbidden: (spec) => NODE_BUILTINS.test(spec),
  },
  {
    name: 'native-bridge emits events, never decides verdicts',
    files: (f) => f.startsWith('native-bridge/') && !f.startsWith('native-bridge/cli/'),
    forbidden: (spec, from) => resolveRel(from, spec).startsWith('main/core/verify/'),
  },
];

/** Resolves a relative specifier against the importing file, project-relative. */
export function resolveRel(from, spec) {
  if (!spec.startsWith('.')) return spec;
  const parts = from.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Returns one violation string per forbidden import in `source` (a file at `file`). */
export function checkSource(file, source) {
  const out = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    for (const r of rules) {
      if (r.files(file) && r.forbidden(spec, file)) out.push(`${file}: imports '${spec}' (${r.name})`);
    }
  }
  return out;
}
