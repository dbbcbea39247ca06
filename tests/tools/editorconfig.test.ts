// .editorconfig for every file git tracks, also those Prettier does not format (Markdown, YAML,
// systemd units, udev rules, shell scripts): UTF-8, LF line ends, a final newline, no trailing
// whitespace (Markdown may end a line with two spaces), spaces for indentation (tabs only in a
// Makefile). Prettier checks the rest of its own files' layout in `npm test`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.ts';

// Bytes a test or a tool owns, as in .prettierignore: the fixture bundles are made by `npm run
// fixtures`, some malformed on purpose (one without a final newline).
const OWNED = ['fixtures/bundles/'];

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && !OWNED.some((o) => f.startsWith(o)));

const decoder = new TextDecoder('utf-8', { fatal: true });
/** The tracked text files (a NUL byte: binary, such as the QR images) and their text; null: not UTF-8. */
const texts = tracked.flatMap((f) => {
  const file = path.join(PROJECT_ROOT, f);
  if (!fs.existsSync(file) || fs.lstatSync(file).isSymbolicLink()) return [];
  const bytes = fs.readFileSync(file);
  if (bytes.includes(0)) return [];
  try {
    return [{ f, text: decoder.decode(bytes) as string | null }];
  } catch {
    return [{ f, text: null }];
  }
});

const RULES: [string, (f: string, text: string) => boolean][] = [
  ['LF line ends (no CR)', (_f, t) => !t.includes('\r')],
  ['a final newline', (_f, t) => t.length === 0 || t.endsWith('\n')],
  ['no trailing whitespace (Markdown aside)', (f, t) => f.endsWith('.md') || !/[ \t]\n/.test(t)],
  ['indented with spaces (a Makefile with tabs)', (f, t) => /(^|\/)Makefile$/.test(f) || !/(^|\n)\t/.test(t)],
];

describe('.editorconfig, every tracked text file', () => {
  it('there are files to check (git lists them)', () => {
    expect(texts.length).toBeGreaterThan(100);
  });

  it('UTF-8', () => {
    expect(texts.filter((t) => t.text === null).map((t) => t.f)).toEqual([]);
  });

  it.each(RULES)('%s', (_rule, holds) => {
    expect(texts.filter((t) => t.text !== null && !holds(t.f, t.text)).map((t) => t.f)).toEqual([]);
  });
});
