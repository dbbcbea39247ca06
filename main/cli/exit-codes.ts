/** Exit statuses of cli.md. */
export const EXIT = { done: 0, failure: 1, usage: 2, refused: 3 } as const;

/** A problem with how the command was called: exit 2 with this message. */
export class UsageError extends Error {}

/** An error that may carry the contract's code: with one, a `{"ok":false,"code"}` line goes to stdout. */
class CodedError extends Error {
  readonly code?: string;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** A file given on the command line (bundle, key) was refused: exit 3. */
export class RefusedError extends CodedError {}

/** The command could not do its job for a reason the message explains (no stack trace): exit 1. */
export class FailedError extends CodedError {}
