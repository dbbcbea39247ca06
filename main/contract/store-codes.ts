/** Codes for every way the kiosk's database can fail (main/core/store/errors.ts raises them). */
export const STORE_ERROR_CODES = [
  'STORE_NO_DATA_DIR',
  'STORE_FOREIGN',
  'STORE_CORRUPT',
  'STORE_TOO_NEW',
  'STORE_READ_ONLY',
  'STORE_FULL',
  'STORE_BUSY',
  'STORE_IO',
  'STORE_OTHER_MODE',
] as const;

export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** Why retention did not run (main/core/store/trusted-clock.ts): it never erases on a clock it cannot trust. */
export const RETENTION_CODES = ['RETENTION_NO_TRUSTED_TIME', 'RETENTION_CLOCK_JUMPED'] as const;

export type RetentionCode = (typeof RETENTION_CODES)[number];

/**
 * A retention pass skipped because the clock looked jumped: it stands (in the store, and on the
 * technician's clock card) until a later pass runs on a clock it trusts.
 */
export interface RetentionAlert {
  code: Extract<RetentionCode, 'RETENTION_CLOCK_JUMPED'>;
  /** For logs and the command line; screens show the code's words. */
  why: string;
  /** When the pass was skipped (the kiosk's wall clock, ISO). */
  at: string;
}
