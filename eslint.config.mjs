// ESLint: type-aware TypeScript rules plus the project's layout, stated once in LAYERS.
// `npm test` runs it (`npm run lint`); docs/DEVELOPING.md describes the same table.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The layout: each folder (an element) and the elements its files may import.
 * The folder says where code runs; this table is the rule.
 */
const LAYERS = [
  { type: 'contract', pattern: 'main/contract', may: [] }, // anywhere: types, code tables, words
  { type: 'core', pattern: 'main/core', may: ['contract'] }, // the domain: plain Node
  { type: 'decode', pattern: 'decode', may: [] }, // barcode decoding of pixels (zxing): no DOM, no Node; screens and bridge share it
  { type: 'bridge', pattern: 'native-bridge', may: ['contract', 'decode'] }, // hardware and OS; emits events, never verdicts
  { type: 'app', pattern: 'main/app', may: ['contract', 'core', 'bridge'] }, // the composition root
  { type: 'cli', pattern: 'main/cli', may: ['contract', 'core', 'app'] }, // the bmet-kiosk command
  { type: 'shell', pattern: 'main/shell', may: ['contract', 'app'] }, // Electron main + preload
  { type: 'renderer', pattern: 'renderer', may: ['contract', 'decode'] }, // the screens, in a browser
  { type: 'keys', pattern: 'keys', may: ['contract', 'core'] }, // BMET's signing tools
  { type: 'server', pattern: 'server', may: [] }, // the reference BMET endpoint: shares no code with the kiosk
  { type: 'appliance', pattern: 'appliance', may: ['contract'] }, // the appliance layer's scripts
  // Everything may be imported by the tests, benchmarks, tools and fixtures, which import anything.
  { type: 'support', pattern: '(tests|bench|tools|fixtures)', may: '*' },
];

const NODE_PATTERNS = ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))];
/** Packages that only run in Node (native addons, Node servers). */
const NODE_ONLY_PACKAGES = [
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'ws',
  'pngjs',
  'playwright-core',
];

/**
 * `import('x')` with a literal specifier, held to a list of forbidden modules: no-restricted-imports
 * sees only static imports, so without this a dynamic import could cross the lines unseen.
 * A pattern `x` also forbids `x/…`; a trailing `*` matches any continuation.
 */
const noDynamicImport = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: { patterns: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } },
      },
    ],
  },
  create(context) {
    const { patterns = [], message = 'not allowed here' } = context.options[0] ?? {};
    const hit = (spec) =>
      patterns.some((p) =>
        p.endsWith('*') ? spec.startsWith(p.slice(0, -1)) : spec === p || spec.startsWith(`${p}/`),
      );
    return {
      ImportExpression(node) {
        const spec = node.source.type === 'Literal' ? node.source.value : null;
        if (typeof spec === 'string' && hit(spec)) context.report({ node, message: `'${spec}': ${message}` });
      },
    };
  },
};

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  'kiosk/no-dynamic-import': ['error', { patterns, message }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.ci/node/',
      'fixtures/**/*.json',
      'coverage/',
      '**/*.d.ts',
      // Ignored by git too (.gitignore): scratch and generated output, never part of the build.
      'tmp/',
      'bench/results/',
      'screenshots/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { boundaries, kiosk: { rules: { 'no-dynamic-import': noDynamicImport } } },
    settings: {
      'boundaries/elements': LAYERS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false })),
      // Patterns are whole paths from the project root, so tests/native-bridge/ is not native-bridge/.
      'boundaries/root-path': import.meta.dirname,
      'boundaries/include': ['**/*.{ts,mts,mjs,js}'],
      'import/resolver': { node: { extensions: ['.ts', '.mts', '.mjs', '.js'] } },
    },
    rules: {
      // A dropped promise is how a serial scan vanished: every promise is awaited, returned or caught.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off', // scanners' control bytes (STX, ETX, CR) are matched on purpose
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...LAYERS.map(({ type, may }) => ({
              from: { element: { type } },
              allow: { to: { element: { type: may === '*' ? '*' : [type, ...may] } } },
            })),
            // Packages and Node's own modules are governed by the import rules below, not by layer.
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
          ],
        },
      ],
      'boundaries/no-unknown-files': 'off',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron is imported only in main/shell/' }] },
      ],
      'kiosk/no-dynamic-import': [
        'error',
        { patterns: ['electron'], message: 'electron is imported only in main/shell/' },
      ],
    },
  },
  {
    // The shell, and its tests (which stand in a fake electron module), import electron.
    files: ['main/shell/**', 'tests/shell/**'],
    rules: { 'no-restricted-imports': 'off', 'kiosk/no-dynamic-import': 'off' },
  },
  {
    files: ['main/contract/**', 'decode/**'],
    rules: restrict(
      [...NODE_PATTERNS, ...NODE_ONLY_PACKAGES, 'electron'],
      'the contract and the decoder run anywhere: no Node, no Electron',
    ),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...NODE_PATTERNS, ...NODE_ONLY_PACKAGES, 'electron'],
      'the screens run in a browser: window.kiosk only',
    ),
  },
  {
    files: ['tests/**', 'bench/**'],
    rules: {
      // Tests may leave a promise to a test's own expect().rejects chain or a fire-and-forget child.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
