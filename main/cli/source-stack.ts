/**
 * An UNEXPECTED failure's stack as the sources name it. The bin runs the command line as built
 * (dist/cli, tools/cli-build.ts): its frames name chunk files that the next builds remove. Each
 * frame in a built chunk is looked up in the chunk's source map (read only here, on a fault: turning
 * Node's source maps on at start costs a one-card `verify` ~13 ms) and given the TypeScript file,
 * line and column it came from. A frame that cannot be looked up stays as it was.
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';

// "(file:///…/dist/cli/<build>/<chunk>.mjs:12:34)" or "at file:///…:12:34"
const FRAME = /(file:\/\/\/[^\s()]*\/dist\/cli\/[^\s()/]+\/[^\s()/]+\.mjs):(\d+):(\d+)/g;

/** `stack` with each frame in a built chunk named by its source file, line and column; never throws. */
export function sourceStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (chunk: string) => {
    if (!maps.has(chunk)) {
      try {
        maps.set(chunk, new SourceMap(JSON.parse(fs.readFileSync(new URL(`${chunk}.map`), 'utf8'))));
      } catch {
        maps.set(chunk, null);
      }
    }
    return maps.get(chunk)!;
  };
  return stack.replace(FRAME, (frame, chunk: string, line: string, column: string) => {
    const entry = mapOf(chunk)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return frame;
    // As the sources' own frames read: the file's URL, line and column from 1.
    const source = URL.parse(entry.originalSource, chunk);
    return source ? `${source.href}:${entry.originalLine + 1}:${entry.originalColumn + 1}` : frame;
  });
}

/** Gives `err` (an Error) the stack sourceStack makes of its own; anything else, or a failure, leaves it be. */
export function sourceStackOf(err: unknown): void {
  try {
    if (err instanceof Error && typeof err.stack === 'string') err.stack = sourceStack(err.stack);
  } catch {
    // The report goes out as it was.
  }
}
