/**
 * Where the running kiosk finds what the build made (dist/) and the development defaults.
 * The build itself (Vite) lives in tools/app-build.ts, outside the runtime tree.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_OUT = path.join(PROJECT_ROOT, 'dist/renderer');
export const SHELL_OUT = path.join(PROJECT_ROOT, 'dist/shell');
export const SHELL_MAIN = path.join(SHELL_OUT, 'main.mjs');
export const SHELL_PRELOAD = path.join(SHELL_OUT, 'preload.cjs');
/**
 * The command line built as plain JS: a folder a build (never changed once made) and current.json
 * naming the one main/cli/bin.mjs runs while its sources are unchanged (main/cli/cli-bundle.mjs).
 */
export const CLI_OUT = path.join(PROJECT_ROOT, 'dist/cli');
