/** Exit statuses of cli.md, and the errors that carry them. */
import type { TrustProblemCode } from '../contract/api.ts';
import type { CliOwnCode } from '../contract/cli-codes.ts';
import type { StoreErrorCode } from '../contract/store-codes.ts';
import type { RootFileCode, TrustRefusalCode } from '../contract/codes.ts';
import type { DeviceCode, SyncCode } from '../contract/sync.ts';

export const EXIT = { done: 0, failure: 1, usage: 2, refused: 3 } as const;

/**
 * The codes a command line error may carry: each from one of the contract's lists, so it has
 * words in Bangla and English (words.ts) for whoever reads the `{"ok":false,"code"}` line.
 */
export type CliCode =
  TrustRefusalCode | RootFileCode | TrustProblemCode | DeviceCode | SyncCode | StoreErrorCode | CliOwnCode;

/** An error that may carry the contract's code: with one, a `{"ok":false,"code"}` line goes to stdout. */
class CodedError extends Error {
  readonly code?: CliCode;
  constructor(message: string, code?: CliCode) {
    super(message);
    this.code = code;
  }
}

/**
 * A problem with how the command was called: exit 2 with this message and the command's usage; a
 * value the contract has a code for (a --server URL) also gives its `{"ok":false,"code"}` line.
 */
export class UsageError extends CodedError {}

/** A file given on the command line (bundle, key) was refused: exit 3. */
export class RefusedError extends CodedError {}

/** The command could not do its job for a reason the message explains (no stack trace): exit 1. */
export class FailedError extends CodedError {}
