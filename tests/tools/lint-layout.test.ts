/**
 * The layout lint (eslint.config.mjs: the LAYERS table, the boundaries rule and the import
 * restrictions) catches a crossing: source text linted as if it sat at a path in the tree,
 * through ESLint's Node API with the project's own config.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// The file linted does not exist, so TypeScript has no program for it: the type-aware rules
// are switched off here; the layout rules need no types.
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });
});

/** The layout rules that fired for `source` linted as the file at `file` (project-relative). */
async function layoutErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.severity === 2)
    .map((m) => m.ruleId ?? `fatal: ${m.message}`)
    .filter((rule) => rule !== '@typescript-eslint/no-unused-vars');
}

const crossings: [file: string, source: string, rule: string][] = [
  [
    'main/core/trust/probe.ts',
    "import { ScannerHub } from '../../../native-bridge/serial/scanner-hub.ts';\nexport { ScannerHub };",
    'boundaries/dependencies',
  ],
  [
    'main/core/store/probe.ts',
    "import { bootKiosk } from '../../app/boot.ts';\nexport { bootKiosk };",
    'boundaries/dependencies',
  ],
  ['main/core/store/probe.ts', "import { app } from 'electron';\nexport { app };", 'no-restricted-imports'],
  [
    'main/cli/commands/probe.ts',
    "import { ScannerHub } from '../../../native-bridge/serial/scanner-hub.ts';\nexport { ScannerHub };",
    'boundaries/dependencies',
  ],
  [
    'main/shell/probe.ts',
    "import { openStore } from '../core/store/store.ts';\nexport { openStore };",
    'boundaries/dependencies',
  ],
  [
    'native-bridge/serial/probe.ts',
    "import { verifyQr } from '../../main/core/verify/verify-qr.ts';\nexport { verifyQr };",
    'boundaries/dependencies',
  ],
  [
    'renderer/desk/probe.ts',
    "import { verifyQr } from '../../main/core/verify/verify-qr.ts';\nexport { verifyQr };",
    'boundaries/dependencies',
  ],
  ['renderer/desk/probe.ts', "import fs from 'node:fs';\nexport { fs };", 'no-restricted-imports'],
  [
    'renderer/desk/probe.ts',
    "import { readFileSync } from 'fs';\nexport { readFileSync };",
    'no-restricted-imports',
  ],
  [
    'main/contract/probe.ts',
    "import crypto from 'node:crypto';\nexport { crypto };",
    'no-restricted-imports',
  ],
  // the decoder is shared by the screens and the bridge, so it may lean on neither, nor on Node
  ['decode/probe.ts', "import fs from 'node:fs';\nexport { fs };", 'no-restricted-imports'],
  [
    'decode/probe.ts',
    "import { startCameraScanner } from '../renderer/input/camera-scanner.ts';\nexport { startCameraScanner };",
    'boundaries/dependencies',
  ],
];

// Dynamic imports are held to the same lines (no-restricted-imports sees only static ones).
crossings.push(
  ['renderer/desk/probe.ts', "export const p = await import('node:path');", 'kiosk/no-dynamic-import'],
  ['main/contract/probe.ts', "export const f = await import('fs/promises');", 'kiosk/no-dynamic-import'],
  ['main/core/store/probe.ts', "export const e = await import('electron');", 'kiosk/no-dynamic-import'],
  [
    'main/core/store/probe.ts',
    "export const h = await import('../../../native-bridge/serial/scanner-hub.ts');",
    'boundaries/dependencies',
  ],
);

const allowed: [file: string, source: string][] = [
  [
    'main/core/store/probe.ts',
    "import { DECODE_CODES } from '../../contract/codes.ts';\nexport { DECODE_CODES };",
  ],
  [
    'main/app/probe.ts',
    "import { ScannerHub } from '../../native-bridge/serial/scanner-hub.ts';\nexport { ScannerHub };",
  ],
  [
    'renderer/input/probe.ts',
    "import { decodeRgba } from '../../decode/barcode.ts';\nexport { decodeRgba };",
  ],
  [
    'native-bridge/image/probe.ts',
    "import { decodeRgba } from '../../decode/barcode.ts';\nexport { decodeRgba };",
  ],
  ['main/cli/commands/probe.ts', "import { bootKiosk } from '../../app/boot.ts';\nexport { bootKiosk };"],
  ['main/shell/probe.ts', "import { app } from 'electron';\nexport { app };"],
  [
    'renderer/desk/probe.ts',
    "import type { KioskApi } from '../../main/contract/api.ts';\nexport type { KioskApi };",
  ],
  [
    'tests/core/probe.ts',
    "import { ScannerHub } from '../../native-bridge/serial/scanner-hub.ts';\nexport { ScannerHub };",
  ],
];

describe('layout lint', () => {
  it.each(crossings)('%s: %j is refused by %s', async (file, source, rule) => {
    expect(await layoutErrors(file, source)).toContain(rule);
  });

  it.each(allowed)('%s: %j is allowed', async (file, source) => {
    expect(await layoutErrors(file, source)).toEqual([]);
  });
});
