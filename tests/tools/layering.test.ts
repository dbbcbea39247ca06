import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { checkSource } from '../../tools/layering-rules.mjs';

describe('layering lint', () => {
  it.each([
    ['main/core/store/db.ts', "import { app } from 'electron';", 1],
    ['main/shell/window.ts', "import { app } from 'electron';", 0],
    ['renderer/desk/view.ts', "import fs from 'node:fs';", 1],
    ['renderer/desk/view.ts', "import { readFileSync } from 'fs';", 1],
    ['renderer/desk/view.ts', "import { verifyQr } from '../../main/core/verify/verify-qr.ts';", 1],
    ['renderer/desk/view.ts', "import type { Verdict } from '../../main/contract/verdict.ts';", 0],
    ['renderer/desk/view.ts', "const x = await import('node:path');", 1],
    ['native-bridge/serial/port.ts', "import { verifyQr } from '../../main/core/verify/verify-qr.ts';", 1],
    ['native-bridge/serial/port.ts', "import { SerialPort } from 'serialport';", 0],
    ['main/contract/api.ts', "import crypto from 'node:crypto';", 1],
    ['main/core/x.ts', "const e = require('electron');", 1],
  ])('%s: %s -> %i violation(s)', (file, src, n) => {
    expect(checkSource(file, src)).toHaveLength(n);
  });
});
