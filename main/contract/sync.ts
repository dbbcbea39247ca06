/** Sync codes (with their words for the technician screen) and the sync status the screens show. */

/** Stable codes for everything the sync engine and trust fetch report (sync-protocol.md). */
export const SYNC_CODES = [
  'SYNC_NOT_PROVISIONED',
  'SYNC_NETWORK',
  'SYNC_TIMEOUT',
  'SYNC_SERVER_ERROR',
  'SYNC_BUSY',
  'SYNC_BAD_RESPONSE',
  'SYNC_RESPONSE_TOO_LARGE',
  'SYNC_WRONG_CONTENT_TYPE',
  'SYNC_UNEXPECTED_STATUS',
  'SYNC_REJECTED',
  'SYNC_UNAUTHORIZED',
  'SYNC_GAP',
  'SYNC_SEQ_UNAVAILABLE',
  'SYNC_SERVER_AHEAD',
  'SYNC_OUTBOX_ERROR',
  'SYNC_CLOCK_SKEW',
  'TRUST_FETCH_FAILED',
  'TRUST_FETCH_REFUSED',
] as const;

export type SyncCode = (typeof SYNC_CODES)[number];

/** What an officer or technician reads for each code, in both languages. */
export const SYNC_WORDS: Record<SyncCode, { en: string; bn: string }> = {
  SYNC_NOT_PROVISIONED: { en: 'This kiosk is not provisioned for sync yet.', bn: 'এই কিয়স্কটি এখনও সিঙ্কের জন্য প্রস্তুত করা হয়নি।' },
  SYNC_NETWORK: { en: 'No network connection to BMET; retrying.', bn: 'বিএমইটি-র সাথে নেটওয়ার্ক সংযোগ নেই; আবার চেষ্টা চলছে।' },
  SYNC_TIMEOUT: { en: 'BMET did not answer in time; retrying.', bn: 'বিএমইটি সময়মতো সাড়া দেয়নি; আবার চেষ্টা চলছে।' },
  SYNC_SERVER_ERROR: { en: 'BMET server error; retrying.', bn: 'বিএমইটি সার্ভারে ত্রুটি; আবার চেষ্টা চলছে।' },
  SYNC_BUSY: { en: 'BMET is busy; waiting as asked.', bn: 'বিএমইটি ব্যস্ত; বলা সময় পর্যন্ত অপেক্ষা।' },
  SYNC_BAD_RESPONSE: { en: 'BMET sent an unreadable answer; retrying.', bn: 'বিএমইটি-র উত্তর পড়া যায়নি; আবার চেষ্টা চলছে।' },
  SYNC_RESPONSE_TOO_LARGE: { en: 'BMET sent an answer that is too large; retrying.', bn: 'বিএমইটি-র উত্তর অতিরিক্ত বড়; আবার চেষ্টা চলছে।' },
  SYNC_WRONG_CONTENT_TYPE: { en: 'BMET sent an answer of the wrong type; retrying.', bn: 'বিএমইটি-র উত্তর ভুল ধরনের; আবার চেষ্টা চলছে।' },
  SYNC_UNEXPECTED_STATUS: { en: 'BMET gave an unexpected answer; retrying.', bn: 'বিএমইটি অপ্রত্যাশিত উত্তর দিয়েছে; আবার চেষ্টা চলছে।' },
  SYNC_REJECTED: { en: 'BMET rejected a batch of records. Sync is stopped; call a technician.', bn: 'বিএমইটি একটি রেকর্ড-ব্যাচ গ্রহণ করেনি। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।' },
  SYNC_UNAUTHORIZED: { en: 'BMET does not accept this kiosk\'s key. Sync is stopped; call a technician.', bn: 'বিএমইটি এই কিয়স্কের চাবি গ্রহণ করছে না। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।' },
  SYNC_GAP: { en: 'BMET asked to resume from an earlier record; resending.', bn: 'বিএমইটি আগের একটি রেকর্ড থেকে আবার চেয়েছে; আবার পাঠানো হচ্ছে।' },
  SYNC_SEQ_UNAVAILABLE: { en: 'BMET asked for records this kiosk no longer has. Sync is stopped; call a technician.', bn: 'বিএমইটি এমন রেকর্ড চেয়েছে যা এই কিয়স্কে আর নেই। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।' },
  SYNC_SERVER_AHEAD: { en: 'BMET holds records this kiosk never made. Sync is stopped; call a technician.', bn: 'বিএমইটি-র কাছে এমন রেকর্ড আছে যা এই কিয়স্ক তৈরি করেনি। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।' },
  SYNC_OUTBOX_ERROR: { en: 'The kiosk could not read its own log for sync; retrying.', bn: 'সিঙ্কের জন্য কিয়স্ক নিজের লগ পড়তে পারেনি; আবার চেষ্টা চলছে।' },
  SYNC_CLOCK_SKEW: { en: 'The kiosk clock differs from BMET\'s by more than 5 minutes.', bn: 'কিয়স্কের ঘড়ি বিএমইটি-র ঘড়ি থেকে ৫ মিনিটের বেশি আলাদা।' },
  TRUST_FETCH_FAILED: { en: 'Could not fetch new trust data from BMET; will try again.', bn: 'বিএমইটি থেকে নতুন ট্রাস্ট ডেটা আনা যায়নি; আবার চেষ্টা হবে।' },
  TRUST_FETCH_REFUSED: { en: 'Trust data from the network was refused; the bundle in force is kept.', bn: 'নেটওয়ার্ক থেকে আসা ট্রাস্ট ডেটা প্রত্যাখ্যাত; বর্তমান বান্ডেল বহাল।' },
};

export interface SyncProblem {
  code: SyncCode;
  message: string;
  at: string;
  /** The HTTP status, when there was one. */
  httpStatus?: number;
  /** The server's own error code from its JSON body, when it gave one. */
  serverCode?: string;
}

/** A stop that needs the technician (400/422 quarantine, 401/403, a seq the kiosk cannot give). */
export interface SyncAlert extends SyncProblem {
  /** The quarantined batch, on SYNC_REJECTED. */
  batch?: { batchId: string; fromSeq: number; toSeq: number };
  /** When sync tries again by itself (401/403: after 1 h); null when only a technician can restart it. */
  retryAt: string | null;
}

/** The sync state the technician and status screens show. */
export interface SyncStatus {
  kioskId: string | null;
  server: string | null;
  /** idle: nothing to send; sending: a request is out; waiting: backing off; stopped: an alert holds it. */
  phase: 'idle' | 'sending' | 'waiting' | 'stopped' | 'off';
  /** Records not yet acknowledged by BMET. */
  waiting: number;
  lastSuccessAt: string | null;
  lastError: SyncProblem | null;
  nextAttemptAt: string | null;
  alert: SyncAlert | null;
  /** Server clock minus kiosk clock, from the last response's Date header; null before any. */
  clockSkewMs: number | null;
  clockSkewFlagged: boolean;
  trust: { lastCheckAt: string | null; etag: string | null; lastOutcome: string | null };
}
