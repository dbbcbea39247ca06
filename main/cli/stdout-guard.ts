/**
 * stdout that cannot be written — its reader gone (`bmet-kiosk log audit | head -1`: EPIPE) or a
 * full disk (ENOSPC) — never ends a command with an unhandled 'error' event and a stack trace. The
 * first error is kept here; the command goes on or stops as it chooses (verify stops reading,
 * listen stops listening), and main says so on stderr and exits 1, unless the command said it.
 */
let failure: NodeJS.ErrnoException | null = null;
let watching = false;
let said = false;

/** From here on, an error writing stdout is kept, not thrown. Once a process (main may run more than once in a test). */
export function watchStdout(): void {
  if (watching) return;
  watching = true;
  // Stays for the rest of the process: a last write's error comes after the command has returned.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => (failure ??= err));
}

/** The first error writing stdout, if any. */
export const stdoutFailure = (): NodeJS.ErrnoException | null => failure;

/** Why stdout could not be written, for stderr ("EPIPE: its reader went away", "ENOSPC"); it then counts as said. */
export function stdoutFailureWhy(e: NodeJS.ErrnoException): string {
  said = true;
  return e.code === 'EPIPE' ? 'EPIPE: its reader went away' : (e.code ?? e.message);
}

/** Whether a command has already told stderr why stdout failed. */
export const stdoutFailureSaid = (): boolean => said;
