/**
 * Failures of the command line's own doing (cli.md), apart from the card, bundle, store and sync
 * codes: each comes in the `{"ok":false,"code"}` line, with words in Bangla and English (CLI_WORDS).
 */
export const CLI_CODES = [
  'PORT_UNAVAILABLE',
  'OUT_FILE_UNWRITABLE',
  'UNEXPECTED',
  'SERVER_URL_INVALID',
  'PRINT_UNAVAILABLE',
  'PERSON_INVALID',
  'PERSON_EXISTS',
  'PERSON_UNKNOWN',
  'INPUT_UNREADABLE',
] as const;
export type CliOwnCode = (typeof CLI_CODES)[number];
