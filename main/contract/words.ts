/**
 * The words an officer or technician reads, in Bangla and English: every verdict status,
 * reason code, bundle refusal code, contract error, log/trust problem, hardware error and
 * sync code, and the screens' own labels. Screens and messages read these tables and nowhere else.
 */
import type { ApiErrorCode, LogProblemCode, TrustProblemCode } from './api.ts';
import type { AuditAction, AuditDetailKey, AuditValueCode } from './audit.ts';
import type { CliOwnCode } from './cli-codes.ts';
import type { BridgeErrorCode, ImageCode, TrustStickEvent } from './bridge-events.ts';
import type { DeviceCode, SyncCode } from './sync.ts';
import type { RetentionCode, StoreErrorCode } from './store-codes.ts';
import type {
  BundleCode,
  FileCode,
  ReasonCode,
  RootKeyCode,
  Status,
  StickFileCode,
  TrustRefusalCode,
} from './codes.ts';
import type { VisaType } from './clearance.ts';
import type { Role } from './staff.ts';
import type { PassCode, TripCode, TripOutcome } from './trip.ts';

export type Lang = 'bn' | 'en';
export interface Words {
  bn: string;
  en: string;
}

/** The verdict, as the big banner says it: a word and what the officer does. */
export const STATUS_WORDS: Record<Status, { word: Words; action: Words }> = {
  valid: {
    word: { bn: 'বৈধ', en: 'VALID' },
    action: { bn: 'যেতে দিন', en: 'Let the worker pass' },
  },
  warning: {
    word: { bn: 'সতর্কতা', en: 'CHECK' },
    action: { bn: 'কারণ দেখে সিদ্ধান্ত নিন', en: 'Read the reasons before letting the worker pass' },
  },
  invalid: {
    word: { bn: 'অবৈধ', en: 'INVALID' },
    action: { bn: 'যেতে দেবেন না', en: 'Do not let the worker pass on this card' },
  },
};

/** One sentence per reason code, for the officer at the desk. */
export const REASON_WORDS: Record<ReasonCode, Words> = {
  PAYLOAD_TOO_LARGE: {
    bn: 'কোডটি ছাড়পত্রের কোড হওয়ার জন্য অতিরিক্ত লম্বা।',
    en: 'The code is too long to be a clearance card.',
  },
  FORMAT_UNKNOWN: { bn: 'এটি বিএমইটি ছাড়পত্রের কোড নয়।', en: 'This is not a BMET clearance code.' },
  BASE45_INVALID: {
    bn: 'কোডটি নষ্ট বা ভুল পড়া হয়েছে। আবার স্ক্যান করুন।',
    en: 'The code is damaged or was misread. Scan again.',
  },
  DECOMPRESS_FAILED: {
    bn: 'কোডের ভেতরের তথ্য নষ্ট। আবার স্ক্যান করুন।',
    en: 'The contents of the code are damaged. Scan again.',
  },
  COSE_MALFORMED: {
    bn: 'কোডের স্বাক্ষরিত তথ্যের গঠন ত্রুটিপূর্ণ।',
    en: 'The signed record in the code is malformed.',
  },
  ALG_UNSUPPORTED: {
    bn: 'কার্ডে এমন স্বাক্ষর-পদ্ধতি যা এই কিয়স্ক গ্রহণ করে না।',
    en: 'The card uses a signature method this kiosk does not accept.',
  },
  KID_UNKNOWN: {
    bn: 'এমন চাবি দিয়ে স্বাক্ষরিত যা এই কিয়স্কের জানা নেই।',
    en: 'Signed with a key this kiosk does not know.',
  },
  SIGNATURE_INVALID: {
    bn: 'স্বাক্ষর মেলেনি: কার্ডটি জাল বা পরিবর্তিত হতে পারে।',
    en: 'The signature does not match: the card may be forged or altered.',
  },
  SCHEMA_INVALID: {
    bn: 'কার্ডের তথ্য অসম্পূর্ণ বা ত্রুটিপূর্ণ।',
    en: 'The record on the card is incomplete or malformed.',
  },
  ISSUER_UNKNOWN: { bn: 'কার্ডটি বিএমইটি ইস্যু করেনি।', en: 'The card was not issued by BMET.' },
  KEY_REVOKED: {
    bn: 'যে চাবি দিয়ে স্বাক্ষর করা হয়েছে তা বাতিল।',
    en: 'The key that signed the card has been revoked.',
  },
  KEY_NOT_VALID_AT_ISSUE: {
    bn: 'কার্ড ইস্যুর সময় স্বাক্ষরের চাবিটি বৈধ ছিল না।',
    en: 'The signing key was not valid when the card was issued.',
  },
  NOT_YET_VALID: { bn: 'কার্ডের ইস্যুর তারিখ ভবিষ্যতের।', en: 'The card is dated in the future.' },
  CLEARANCE_EXPIRED: { bn: 'ছাড়পত্রের মেয়াদ শেষ হয়ে গেছে।', en: 'The clearance has expired.' },
  CLEARANCE_REVOKED: { bn: 'বিএমইটি এই ছাড়পত্র বাতিল করেছে।', en: 'BMET has cancelled this clearance.' },
  RULE_FAILED: { bn: 'গন্তব্য দেশের একটি শর্ত পূরণ হয়নি।', en: 'A rule of the destination country is not met.' },
  TRUST_BUNDLE_EXPIRED: {
    bn: 'এই কিয়স্কের যাচাই-তথ্য (ট্রাস্ট বান্ডল) পুরনো: দ্রুত হালনাগাদ করুন।',
    en: "This kiosk's trust data is out of date: have it updated soon.",
  },
  DUPLICATE_SCAN: {
    bn: 'গত ২৪ ঘণ্টায় এই কিয়স্কে এই ছাড়পত্র আগেই স্ক্যান হয়েছে।',
    en: 'This clearance was already scanned on this kiosk in the last 24 hours.',
  },
  NO_TRUST: {
    bn: 'কোনো ট্রাস্ট বান্ডল নেই: কার্ড যাচাই করা যাচ্ছে না। টেকনিশিয়ানকে ডাকুন।',
    en: 'No trust bundle in force: cards cannot be checked. Call a technician.',
  },
};

/** What the officer does next: the officer's text for each reason (the code itself is for technicians). */
const SCAN_AGAIN: Words = {
  bn: 'কার্ডের QR কোডটি আবার স্ক্যান করুন। বারবার না পড়লে কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান।',
  en: "Scan the card's QR code again. If it still cannot be read, send the worker to the BMET help desk.",
};
const CALL_SUPERVISOR: Words = {
  bn: 'কর্মীকে যেতে দেবেন না। সুপারভাইজারকে ডাকুন।',
  en: 'Do not let the worker pass. Call the supervisor.',
};
const HELP_DESK: Words = {
  bn: 'কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান।',
  en: 'Send the worker to the BMET help desk.',
};
export const REASON_ACTIONS: Record<ReasonCode, Words> = {
  PAYLOAD_TOO_LARGE: SCAN_AGAIN,
  FORMAT_UNKNOWN: SCAN_AGAIN,
  BASE45_INVALID: SCAN_AGAIN,
  DECOMPRESS_FAILED: SCAN_AGAIN,
  COSE_MALFORMED: CALL_SUPERVISOR,
  ALG_UNSUPPORTED: CALL_SUPERVISOR,
  KID_UNKNOWN: {
    bn: 'টেকনিশিয়ানকে ডাকুন: কিয়স্কের যাচাই-তথ্য পুরনো হতে পারে। ততক্ষণ সুপারভাইজারকে জানান।',
    en: "Call a technician: the kiosk's trust data may be out of date. Tell the supervisor meanwhile.",
  },
  SIGNATURE_INVALID: CALL_SUPERVISOR,
  SCHEMA_INVALID: CALL_SUPERVISOR,
  ISSUER_UNKNOWN: CALL_SUPERVISOR,
  KEY_REVOKED: CALL_SUPERVISOR,
  KEY_NOT_VALID_AT_ISSUE: CALL_SUPERVISOR,
  NOT_YET_VALID: {
    bn: 'টেকনিশিয়ানকে দিয়ে কিয়স্কের ঘড়ি দেখান; ঘড়ি ঠিক থাকলে সুপারভাইজারকে ডাকুন।',
    en: 'Have a technician check the kiosk clock; if the clock is right, call the supervisor.',
  },
  CLEARANCE_EXPIRED: {
    bn: 'ছাড়পত্র নবায়নের জন্য কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান।',
    en: 'Send the worker to the BMET help desk to renew the clearance.',
  },
  CLEARANCE_REVOKED: {
    bn: 'কর্মীকে যেতে দেবেন না। বিএমইটি হেল্প ডেস্কে পাঠান এবং সুপারভাইজারকে জানান।',
    en: 'Do not let the worker pass. Send the worker to the BMET help desk and tell the supervisor.',
  },
  RULE_FAILED: HELP_DESK,
  TRUST_BUNDLE_EXPIRED: {
    bn: 'টেকনিশিয়ানকে ডাকুন: কিয়স্কের যাচাই-তথ্য হালনাগাদ করতে হবে।',
    en: "Call a technician to update the kiosk's trust data.",
  },
  DUPLICATE_SCAN: {
    bn: 'কর্মীকে জিজ্ঞেস করুন কার্ডটি আগে কোথায় স্ক্যান হয়েছে; সন্দেহ হলে সুপারভাইজারকে ডাকুন।',
    en: 'Ask the worker where the card was scanned before; if in doubt, call the supervisor.',
  },
  NO_TRUST: {
    bn: 'কর্মীকে যেতে দেবেন না। টেকনিশিয়ানকে ডাকুন: কিয়স্কে যাচাই-তথ্য নেই।',
    en: 'Do not let the worker pass yet. Call a technician: the kiosk has no trust data.',
  },
};

/** What the officer does when a destination rule of this kind fails (RULE_FAILED's own action otherwise). */
export const RULE_KIND_ACTIONS: Record<string, Words> = {
  passportMinValidity: {
    bn: 'পাসপোর্ট দেখতে চান এবং মেয়াদ মিলিয়ে দেখুন; মেয়াদ কম হলে কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান।',
    en: 'Ask for the passport and check its expiry date; if it is too short, send the worker to the BMET help desk.',
  },
  ageRange: {
    bn: 'পাসপোর্টে জন্মতারিখ মিলিয়ে দেখুন, তারপর কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান।',
    en: 'Check the date of birth in the passport, then send the worker to the BMET help desk.',
  },
  pdoRequired: {
    bn: 'প্রাক-বহির্গমন প্রশিক্ষণের (PDO) সনদ দেখতে চান; না থাকলে কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান।',
    en: 'Ask for the pre-departure orientation (PDO) certificate; without it, send the worker to the BMET help desk.',
  },
};

/** The neutral state of a scan that could not be read (`isUnreadable`): never the red of a bad card. */
export const UNREADABLE_WORDS: { word: Words; action: Words } = {
  word: { bn: 'কোড পড়া যায়নি', en: 'COULD NOT READ' },
  action: { bn: 'আবার স্ক্যান করুন — কার্ডটি স্থির রাখুন', en: 'Scan the card again, holding it still' },
};

/** Trust-bundle refusals, for the technician. */
export const BUNDLE_WORDS: Record<BundleCode, Words> = {
  BUNDLE_MALFORMED: {
    bn: 'ট্রাস্ট বান্ডল ফাইলটি নষ্ট, অথবা এটি ট্রাস্ট বান্ডল নয়।',
    en: 'The trust bundle file is damaged or is not a trust bundle.',
  },
  BUNDLE_SIGNATURE_INVALID: {
    bn: 'ট্রাস্ট বান্ডলটি বিএমইটির মূল চাবি দিয়ে স্বাক্ষরিত নয়।',
    en: "The trust bundle is not signed by BMET's root keys.",
  },
  BUNDLE_ROLLBACK: {
    bn: 'ট্রাস্ট বান্ডলটি ইনস্টল করা বান্ডলের চেয়ে নতুন নয়।',
    en: 'The trust bundle is not newer than the one installed.',
  },
  BUNDLE_NOT_YET_VALID: {
    bn: 'ট্রাস্ট বান্ডলের তারিখ ভবিষ্যতের: কিয়স্কের ঘড়ি দেখুন।',
    en: 'The trust bundle is dated in the future: check the kiosk clock.',
  },
  BUNDLE_EXPIRED: { bn: 'ট্রাস্ট বান্ডলের মেয়াদ শেষ।', en: 'The trust bundle has expired.' },
};

/** Why a screen's request was not answered. */
export const API_ERROR_WORDS: Record<ApiErrorCode, Words> = {
  BAD_ARGS: { bn: 'অনুরোধটি সঠিক নয়।', en: 'The request was not valid.' },
  UNKNOWN_METHOD: { bn: 'অনুরোধটি এই কিয়স্কের জানা নেই।', en: 'The kiosk does not know this request.' },
  NO_TRUST: {
    bn: 'কোনো ট্রাস্ট বান্ডল নেই: কার্ড যাচাই করা যাচ্ছে না। টেকনিশিয়ানকে ডাকুন।',
    en: 'No trust bundle in force: cards cannot be checked. Call a technician.',
  },
  INTERNAL: {
    bn: 'কিয়স্কে ত্রুটি হয়েছে। আবার স্ক্যান করুন; বারবার হলে টেকনিশিয়ানকে ডাকুন।',
    en: 'The kiosk had an error. Scan again; if it repeats, call a technician.',
  },
  FORBIDDEN: { bn: 'প্রবেশাধিকার নেই।', en: 'Access refused.' },
  HOST_UNREACHABLE: { bn: 'কিয়স্ক সার্ভিস সাড়া দিচ্ছে না।', en: 'The kiosk service is not answering.' },
  NOT_FOUND: {
    bn: 'ফাইলটি আর পাওয়া যাচ্ছে না (স্টিক কি খুলে ফেলা হয়েছে?)।',
    en: 'That file is no longer there (was the stick taken out?).',
  },
  UNAVAILABLE: { bn: 'এই কিয়স্কে এটি এখন করা যাচ্ছে না।', en: 'This cannot be done on this kiosk right now.' },
  NOT_SIGNED_IN: {
    bn: 'আগে সাইন ইন করুন (অথবা দীর্ঘক্ষণ নিষ্ক্রিয় থাকায় সাইন আউট হয়েছে)।',
    en: 'Sign in first (or you were signed out after a while without use).',
  },
  SETUP_CODE_WRONG: {
    bn: 'সেটআপ কোডটি এই কিয়স্কের নয়। প্যাকেজ ইনস্টলের সময় ছাপা কোডটি দিন।',
    en: 'That is not this kiosk’s setup code. Enter the code printed when the package was installed.',
  },
  SETUP_DONE: { bn: 'এই কিয়স্কের সেটআপ আগেই শেষ হয়েছে।', en: 'This kiosk is already set up.' },
  SETUP_LOCKED: {
    bn: 'বারবার ভুল সেটআপ কোড: সেটআপ ১৫ মিনিটের জন্য বন্ধ। পরে আবার চেষ্টা করুন।',
    en: 'Too many wrong setup codes: setup is locked for 15 minutes. Try again later.',
  },
};

export const LOG_PROBLEM_WORDS: Record<LogProblemCode, Words> = {
  LOG_WRITE_FAILED: { bn: 'এই ফলাফল লগে লেখা যায়নি।', en: 'This result could not be written to the log.' },
  LOG_DISABLED: { bn: 'এই কিয়স্ক লগ ছাড়া চলছে।', en: 'This kiosk is running without a log.' },
  LOG_UNAVAILABLE: { bn: 'লগ ডেটাবেস খোলা যায়নি।', en: 'The log database could not be opened.' },
};

export const TRUST_PROBLEM_WORDS: Record<TrustProblemCode, Words> = {
  NO_TRUST_BUNDLE: {
    bn: 'কোনো ট্রাস্ট বান্ডল ইনস্টল করা নেই। টেকনিশিয়ানকে ডাকুন।',
    en: 'No trust bundle is installed. Call a technician.',
  },
  ROOTS_UNAVAILABLE: {
    bn: 'বিএমইটির মূল চাবি পাওয়া যায়নি। টেকনিশিয়ানকে ডাকুন।',
    en: "BMET's root keys could not be loaded. Call a technician.",
  },
};

/** Database problems (the verification log), for the technician. */
export const STORE_WORDS: Record<StoreErrorCode, Words> = {
  STORE_NO_DATA_DIR: {
    bn: 'ডেটা ফোল্ডার পাওয়া বা তৈরি করা যায়নি।',
    en: 'The data folder could not be found or made.',
  },
  STORE_FOREIGN: {
    bn: 'ডেটা ফোল্ডারের ফাইলটি কিয়স্কের ডেটাবেস নয়; সেটি অক্ষত রাখা হয়েছে।',
    en: 'The file in the data folder is not a kiosk database; it was left untouched.',
  },
  STORE_CORRUPT: {
    bn: 'লগ ডেটাবেস নষ্ট হয়েছে; সেটি অক্ষত রাখা হয়েছে। টেকনিশিয়ানকে ডাকুন।',
    en: 'The log database is damaged; it was left untouched. Call a technician.',
  },
  STORE_TOO_NEW: {
    bn: 'লগ ডেটাবেসটি এই সফটওয়্যারের চেয়ে নতুন সংস্করণের।',
    en: 'The log database is from a newer version of this software.',
  },
  STORE_READ_ONLY: {
    bn: 'লগ ডেটাবেসে লেখা যাচ্ছে না (শুধু পড়া যায়)।',
    en: 'The log database cannot be written (read-only).',
  },
  STORE_FULL: {
    bn: 'ডিস্ক ভরে গেছে; জায়গা খালি না হওয়া পর্যন্ত নতুন কিছু লেখা যাবে না।',
    en: 'The disk is full; nothing new can be written until space is freed.',
  },
  STORE_BUSY: {
    bn: 'লগ ডেটাবেস অন্য একটি প্রোগ্রাম আটকে রেখেছে।',
    en: 'Another program is holding the log database.',
  },
  STORE_IO: {
    bn: 'লগ ডেটাবেস পড়তে বা লিখতে সমস্যা হয়েছে।',
    en: 'The log database could not be read or written.',
  },
  STORE_OTHER_MODE: {
    bn: 'এই ডেটা ফোল্ডারটি অন্য ধরনের (প্রোডাকশন বা ডেভেলপমেন্ট) কিয়স্কের জন্য তৈরি; এই চালুতে এটি ব্যবহার করা হবে না।',
    en: 'This data folder was made for the other kind of kiosk (production or development); this run will not use it.',
  },
};

/** Why retention skipped a pass: personal data is kept whole until the time can be trusted. */
export const RETENTION_WORDS: Record<RetentionCode, Words> = {
  RETENTION_NO_TRUSTED_TIME: {
    bn: 'বিএমইটি থেকে এখনও নির্ভরযোগ্য সময় পাওয়া যায়নি; পুরনো রেকর্ডের ব্যক্তিগত তথ্য এখনই মোছা হয়নি।',
    en: 'No trusted time from BMET yet; personal data in old records was not cleared yet.',
  },
  RETENTION_CLOCK_JUMPED: {
    bn: 'কিয়স্কের ঘড়ি হঠাৎ বদলে গেছে বলে মনে হচ্ছে; কোনো তথ্য মোছা হয়নি। ঘড়ি ঠিক করতে টেকনিশিয়ান ডাকুন।',
    en: 'The kiosk clock seems to have jumped; nothing was cleared. Call a technician to set the clock.',
  },
};

/** Hardware problems (scanners, camera, USB sticks), for the officer and the technician. */
export const BRIDGE_ERROR_WORDS: Record<BridgeErrorCode, Words> = {
  SCANNER_NOT_FOUND: { bn: 'স্ক্যানার সংযুক্ত নেই', en: 'Scanner not connected' },
  SCANNER_OPEN_FAILED: { bn: 'স্ক্যানার চালু করা যায়নি', en: 'Scanner could not be opened' },
  SCANNER_READ_FAILED: { bn: 'স্ক্যানার থেকে তথ্য আসা বন্ধ হয়েছে', en: 'Scanner stopped sending' },
  SCANNER_CONFIG_INVALID: { bn: 'স্ক্যানারের সেটিংস ভুল', en: 'Scanner settings are wrong' },
  PORT_LIST_FAILED: {
    bn: 'সিরিয়াল পোর্টের তালিকা পাওয়া যায়নি (udev নেই, বা অনুমতি নেই)',
    en: 'The serial ports could not be listed (udev missing, or no permission)',
  },
  CAMERA_UNAVAILABLE: { bn: 'ক্যামেরা পাওয়া যাচ্ছে না', en: 'Camera not available' },
  CAMERA_DENIED: {
    bn: 'ক্যামেরা ব্যবহারের অনুমতি নেই; টেকনিশিয়ানকে ডাকুন',
    en: 'The kiosk may not use the camera; call a technician',
  },
  STICK_UNREADABLE: { bn: 'ইউএসবি স্টিক পড়া যায়নি', en: 'USB stick could not be read' },
};

/** A QR image file that gave no text. */
export const IMAGE_WORDS: Record<ImageCode, Words> = {
  IMAGE_TOO_LARGE: { bn: 'ছবির ফাইলটি খুব বড়', en: 'The image file is too large' },
  IMAGE_UNREADABLE: { bn: 'ছবির ফাইলটি পড়া যায়নি', en: 'The image file could not be read' },
  QR_NOT_FOUND: { bn: 'ছবিতে কোনো কিউআর কোড পাওয়া যায়নি', en: 'No QR code was found in the image' },
};

/** The trip check's headline, Bangla first, by outcome; and for a pass that could not be used. */
export const TRIP_OUTCOME_WORDS: Record<TripOutcome | 'unread' | 'noClearance', Words> = {
  match: { bn: 'যাত্রা ছাড়পত্রের সাথে মিলেছে', en: 'TRIP MATCHES THE CLEARANCE' },
  warning: { bn: 'যাত্রা মিলিয়ে দেখুন', en: 'CHECK THE TRIP' },
  mismatch: { bn: 'যাত্রা ছাড়পত্রের সাথে মেলেনি', en: 'TRIP DOES NOT MATCH' },
  unread: { bn: 'বোর্ডিং পাস পড়া যায়নি', en: 'BOARDING PASS NOT READ' },
  noClearance: { bn: 'আগে ছাড়পত্র কার্ড স্ক্যান করুন', en: 'SCAN THE CLEARANCE CARD FIRST' },
};

/** What the officer does next for each pass problem and trip finding (Bangla first). */
export const TRIP_ACTIONS: Record<PassCode | TripCode, Words> = {
  PASS_NOT_BCBP: {
    bn: 'কর্মীর বোর্ডিং পাসের বারকোডটি স্ক্যান করুন',
    en: "Scan the barcode on the worker's boarding pass",
  },
  PASS_MALFORMED: {
    bn: 'পাসটি আবার স্ক্যান করুন; না হলে পাসটি নিজে পড়ুন',
    en: 'Scan the pass again; if it still fails, read it yourself',
  },
  TRIP_NO_CLEARANCE: {
    bn: 'কর্মীর ছাড়পত্র কার্ড স্ক্যান করুন, তারপর বোর্ডিং পাস',
    en: "Scan the worker's clearance card, then the boarding pass",
  },
  TRIP_NAME_PARTIAL: {
    bn: 'পাসপোর্ট দেখে নাম মিলিয়ে নিজে সিদ্ধান্ত নিন',
    en: 'Compare the names with the passport and decide',
  },
  TRIP_NAME_MISMATCH: {
    bn: 'পাসপোর্ট চেয়ে দেখুন; না মিললে সুপারভাইজারকে ডাকুন',
    en: 'Ask for the passport; if it does not match, call the supervisor',
  },
  TRIP_WRONG_AIRPORT: {
    bn: 'কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান',
    en: 'Send the worker to the BMET help desk',
  },
  TRIP_ONWARD_FIRST: {
    bn: 'এই বিমানবন্দর থেকে ছাড়ার বোর্ডিং পাসটি আগে স্ক্যান করুন, তারপর এটি আবার',
    en: 'Scan the boarding pass that leaves from this airport first, then this one again',
  },
  TRIP_CONNECTING: {
    bn: 'পরের ফ্লাইটের বোর্ডিং পাস চেয়ে স্ক্যান করুন',
    en: 'Ask for the onward boarding pass and scan it',
  },
  TRIP_WRONG_DESTINATION: {
    bn: 'কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান; সুপারভাইজারকে জানান',
    en: 'Send the worker to the BMET help desk; tell the supervisor',
  },
  TRIP_AIRPORT_UNKNOWN: {
    bn: 'পাসে লেখা গন্তব্য নিজে পড়ে মিলিয়ে দেখুন',
    en: 'Read the destination printed on the pass and compare',
  },
  TRIP_WRONG_DATE: {
    bn: 'ফ্লাইটের তারিখ দেখুন; কর্মীকে বিএমইটি হেল্প ডেস্কে পাঠান',
    en: 'Check the flight date; send the worker to the BMET help desk',
  },
  TRIP_CHAIN_BROKEN: {
    bn: 'সব বোর্ডিং পাস দেখে যাত্রাপথ মিলিয়ে দেখুন; সুপারভাইজারকে ডাকুন',
    en: 'Look at every boarding pass and check the route; call the supervisor',
  },
};

/** The trip panel's labels. */
export const TRIP_LABELS = {
  title: { bn: 'বোর্ডিং পাস যাচাই', en: 'Boarding pass check' },
  onPass: { bn: 'বোর্ডিং পাসে নাম', en: 'Name on the pass' },
  onCard: { bn: 'ছাড়পত্রে নাম', en: 'Name on the clearance' },
  route: { bn: 'যাত্রাপথ', en: 'Route' },
  flights: { bn: 'ফ্লাইট', en: 'Flights' },
  flightDate: { bn: 'ফ্লাইটের তারিখ', en: 'Flight date' },
  destination: { bn: 'ছাড়পত্রের গন্তব্য', en: 'Clearance destination' },
  complete: { bn: 'গন্তব্য দেশ পর্যন্ত যাত্রা দেখা গেছে', en: 'The trip reaches the destination country' },
  notSigned: {
    bn: 'বোর্ডিং পাস স্বাক্ষরিত নয়: এটি শুধু মিল যাচাই',
    en: 'A boarding pass is not signed: this only checks that it agrees',
  },
  /** Beside a pass that could not be read, while the card it would be checked against is still paired. */
  waitingPass: {
    bn: 'কার্ডের ফলাফল বহাল আছে; পড়া যায় এমন বোর্ডিং পাসের অপেক্ষায়',
    en: "The card's verdict stands, still waiting for a boarding pass that can be read",
  },
  /**
   * In place of "ready for the next card" when a pass could not be read and no card is paired (none
   * scanned yet, or its pairing ended): even a pass read now could only ask for the card first.
   */
  cardFirst: {
    bn: 'আগে কর্মীর ছাড়পত্র কার্ড স্ক্যান করুন, তারপর বোর্ডিং পাসটি আবার স্ক্যান করুন',
    en: "Scan the worker's clearance card first, then the boarding pass again",
  },
  tripChecks: { bn: 'বোর্ডিং পাস যাচাই', en: 'Trip checks' },
} satisfies Record<string, Words>;

/** A scanned boarding pass the kiosk cannot use, and what the trip check finds (a consistency check, not a verdict). */
export const TRIP_WORDS: Record<PassCode | TripCode, Words> = {
  PASS_NOT_BCBP: { bn: 'এটি বোর্ডিং পাস নয়', en: 'This is not a boarding pass' },
  PASS_MALFORMED: { bn: 'বোর্ডিং পাসটি পড়া যায়নি', en: 'The boarding pass could not be read' },
  TRIP_NO_CLEARANCE: {
    bn: 'আগে ছাড়পত্র কার্ড স্ক্যান করুন',
    en: 'Scan the clearance card first',
  },
  TRIP_NAME_PARTIAL: {
    bn: 'নাম আংশিক মেলে: দুটি নাম মিলিয়ে দেখুন',
    en: 'The names partly match: compare the two names',
  },
  TRIP_NAME_MISMATCH: {
    bn: 'বোর্ডিং পাসের নাম ছাড়পত্রের সাথে মেলে না',
    en: 'The name on the pass does not match the clearance',
  },
  TRIP_WRONG_AIRPORT: { bn: 'ফ্লাইট এই বিমানবন্দর থেকে নয়', en: 'The flight does not leave from this airport' },
  TRIP_ONWARD_FIRST: {
    bn: 'এটি পরের ফ্লাইটের পাস (সংযোগ বিমানবন্দর থেকে)',
    en: 'This is the onward flight’s pass (from a connecting airport)',
  },
  TRIP_CONNECTING: {
    bn: 'সংযোগ ফ্লাইট: পরের বোর্ডিং পাসটি স্ক্যান করুন',
    en: 'Connecting flight: scan the onward boarding pass',
  },
  TRIP_WRONG_DESTINATION: {
    bn: 'গন্তব্য দেশ ছাড়পত্রের সাথে মেলে না',
    en: 'The destination country does not match the clearance',
  },
  TRIP_AIRPORT_UNKNOWN: {
    bn: 'অজানা বিমানবন্দর: পাসটি নিজে পড়ে দেখুন',
    en: 'Unknown airport: read the pass yourself',
  },
  TRIP_WRONG_DATE: { bn: 'ফ্লাইটের তারিখ আজ বা আগামীকাল নয়', en: 'The flight is not today or tomorrow' },
  TRIP_CHAIN_BROKEN: {
    bn: 'পরের পাসটি আগের ফ্লাইটের গন্তব্য থেকে ছাড়ে না',
    en: 'The onward pass does not leave from where the last flight arrives',
  },
};

/** A named file (bundle, key) that could not be read at all. */
export const FILE_WORDS: Record<FileCode, Words> = {
  UNREADABLE: {
    bn: 'ফাইলটি পড়া যায়নি (নেই, সাধারণ ফাইল নয়, বা অনুমতি নেই)',
    en: 'The file could not be read (missing, not a regular file, or no permission)',
  },
};

/** A root key file named for a run (--root) that was read but is no root key. */
export const ROOT_KEY_WORDS: Record<RootKeyCode, Words> = {
  ROOT_KEY_INVALID: {
    bn: 'রুট কী ফাইলটিতে কোনো Ed25519 পাবলিক কী (PEM) নেই; বিএমইটি-র দেওয়া রুট কী ফাইলটি দিন',
    en: 'The root key file holds no Ed25519 public key (PEM); give the root key file BMET issued',
  },
};

/** The command line's own failures (`{"ok":false,"code"}` lines), for whoever reads them. */
export const CLI_WORDS: Record<CliOwnCode, Words> = {
  PORT_UNAVAILABLE: {
    bn: 'স্ক্রিনগুলোর পোর্টটি অন্য একটি প্রোগ্রাম ব্যবহার করছে, অথবা সেটি ব্যবহারের অনুমতি নেই; অন্য একটি --port দিন (0: যেকোনো খালি পোর্ট)',
    en: 'The port for the screens is in use by another program, or not allowed; give another --port (0: any free port)',
  },
  OUT_FILE_UNWRITABLE: {
    bn: 'ফলাফলের ফাইলটি লেখা যায়নি (ফোল্ডার নেই, সেখানে একটি ফোল্ডার আছে, অনুমতি নেই, বা ডিস্ক ভরা); অন্য একটি --out দিন',
    en: 'The output file could not be written (no such folder, a folder in its place, no permission, or a full disk); give another --out',
  },
  UNEXPECTED: {
    bn: 'কমান্ডটি এমন একটি ত্রুটিতে থেমেছে যা সে আশা করেনি; বার্তাটিসহ টেকনিশিয়ান বা বিএমইটি-কে জানান',
    en: 'The command stopped at an error it did not expect; tell a technician or BMET, with the message',
  },
  SERVER_URL_INVALID: {
    bn: 'বিএমইটি সার্ভারের ঠিকানাটি https:// দিয়ে শুরু হওয়া ঠিকানা নয় (ব্যবহারকারী, পাসওয়ার্ড, কোয়েরি বা ফ্র্যাগমেন্ট ছাড়া)',
    en: "BMET's server address is not an https:// address (without user, password, query or fragment)",
  },
  PRINT_UNAVAILABLE: {
    bn: 'এই যন্ত্রে পিডিএফ তৈরি করা যাচ্ছে না (ক্রোমিয়াম নেই, অথবা স্ক্রিনগুলো তৈরি করা হয়নি)',
    en: 'The PDF cannot be printed on this machine (no Chromium, or the screens are not built)',
  },
  PERSON_INVALID: {
    bn: 'দেওয়া আইডি, নাম, ভূমিকা বা পিন গ্রহণযোগ্য নয়; কোনটি, তা বার্তায় বলা আছে',
    en: 'The id, name, role or PIN given cannot be taken; the message says which',
  },
  PERSON_EXISTS: {
    bn: 'এই আইডির একজন ব্যক্তি আগে থেকেই আছেন',
    en: 'A person with this id already exists',
  },
  PERSON_UNKNOWN: {
    bn: 'এই আইডির কোনো ব্যক্তি নেই',
    en: 'There is no person with this id',
  },
  INPUT_UNREADABLE: {
    bn: 'ইনপুট (stdin) পড়া যায়নি (যেমন, এটি একটি ফোল্ডার): শুধু তার আগে পড়া লাইনগুলোর ফলাফল দেওয়া হয়েছে',
    en: 'The input (stdin) could not be read (a folder, say): only the lines read before it got verdicts',
  },
};

/** Why a file on a USB stick is not offered for install (the technician's sticks card). */
export const SKIP_WORDS: Record<TrustStickEvent['skipped'][number]['why'], Words> = {
  link: { bn: 'লিংক, আসল ফাইল নয়', en: 'a link, not a file' },
  'not-regular': { bn: 'সাধারণ ফাইল নয়', en: 'not a regular file' },
  'too-large': { bn: 'অতিরিক্ত বড় (৬৪ MiB-এর বেশি)', en: 'too large (over 64 MiB)' },
  'other-device': { bn: 'স্টিকে নয়, অন্য ডিভাইসে', en: 'on another device, not the stick' },
  'name-not-utf8': {
    bn: 'নামটি কিয়স্ক পড়তে পারে না (UTF-8 নয়); কম্পিউটারে ফাইলটির নাম বদলান',
    en: 'a name the kiosk cannot read (not UTF-8); rename the file on a computer',
  },
  'folder-link': {
    bn: 'লিংক, স্টিকের ফোল্ডার নয়: ভেতরে দেখা হয়নি',
    en: 'a link, not a folder on the stick: not looked into',
  },
  'folder-other-device': {
    bn: 'স্টিকে নয়, অন্য ডিভাইসে: ভেতরে দেখা হয়নি',
    en: 'on another device, not the stick: not looked into',
  },
  'not-folder': { bn: 'ফোল্ডার নয়: ভেতরে দেখা হয়নি', en: 'not a folder: not looked into' },
  'too-many-entries': {
    bn: '৫,০০০-এর বেশি এন্ট্রি: শুধু প্রথম ৫,০০০টি দেখা হয়েছে, বাকিগুলোর ট্রাস্ট ফাইল এখানে নেই',
    en: 'more than 5,000 entries: only the first 5,000 were looked at, trust files past them are not listed',
  },
  unreadable: { bn: 'পড়া যায়নি', en: 'could not be read' },
};

/** A stick's file that is not what its preview showed. */
export const STICK_FILE_WORDS: Record<StickFileCode, Words> = {
  FILE_CHANGED: {
    bn: 'যাচাইয়ের পরে ফাইলটি বদলে গেছে; কিছুই ইনস্টল হয়নি। আবার যাচাই করুন',
    en: 'The file changed after it was checked; nothing was installed. Check it again',
  },
};

/** The words of a trust install's or preview's refusal: a bundle check, or a file that could not be read or changed. */
export const TRUST_REFUSAL_WORDS: Record<TrustRefusalCode, Words> = {
  ...BUNDLE_WORDS,
  ...FILE_WORDS,
  ...STICK_FILE_WORDS,
};

/** The device identity used for sync. */
export const DEVICE_WORDS: Record<DeviceCode, Words> = {
  NOT_PROVISIONED: {
    bn: 'এই কিয়স্কটি এখনও প্রস্তুত (provision) করা হয়নি',
    en: 'This kiosk has not been provisioned yet',
  },
  DEVICE_KEY_UNREADABLE: {
    bn: 'কিয়স্কের ডিভাইস কী পড়া যায়নি; টেকনিশিয়ানকে ডাকুন',
    en: "The kiosk's device key could not be read; call a technician",
  },
  DEVICE_ALREADY_PROVISIONED: {
    bn: 'এই কিয়স্কটি অন্য একটি কিয়স্ক আইডি দিয়ে আগেই প্রস্তুত করা হয়েছে; তার ডিভাইস কী কখনও বদলানো হয় না',
    en: 'This kiosk is already provisioned under another kiosk id; its device key is never replaced',
  },
};

/** Sync and trust-fetch problems (sync-protocol.md), for the technician screen and the status strip. */
export const SYNC_WORDS: Record<SyncCode, Words> = {
  SYNC_NOT_PROVISIONED: {
    bn: 'এই কিয়স্কটি এখনও সিঙ্কের জন্য প্রস্তুত করা হয়নি (কিয়স্ক আইডি, বিএমইটি-র ঠিকানা বা ডিভাইস কী নেই)।',
    en: 'This kiosk is not set up for sync yet (no kiosk id, BMET address or device key).',
  },
  SYNC_NETWORK: {
    bn: 'বিএমইটি-র সাথে নেটওয়ার্ক সংযোগ নেই; আবার চেষ্টা চলছে।',
    en: 'No network connection to BMET; retrying.',
  },
  SYNC_TIMEOUT: {
    bn: 'বিএমইটি সময়মতো সাড়া দেয়নি; আবার চেষ্টা চলছে।',
    en: 'BMET did not answer in time; retrying.',
  },
  SYNC_SERVER_ERROR: { bn: 'বিএমইটি সার্ভারে ত্রুটি; আবার চেষ্টা চলছে।', en: 'BMET server error; retrying.' },
  SYNC_BUSY: { bn: 'বিএমইটি ব্যস্ত; বলা সময় পর্যন্ত অপেক্ষা।', en: 'BMET is busy; waiting as asked.' },
  SYNC_BAD_RESPONSE: {
    bn: 'বিএমইটি-র উত্তর পড়া যায়নি; আবার চেষ্টা চলছে।',
    en: 'BMET sent an unreadable answer; retrying.',
  },
  SYNC_RESPONSE_TOO_LARGE: {
    bn: 'বিএমইটি-র উত্তর অতিরিক্ত বড়; আবার চেষ্টা চলছে।',
    en: 'BMET sent an answer that is too large; retrying.',
  },
  SYNC_WRONG_CONTENT_TYPE: {
    bn: 'বিএমইটি-র উত্তর ভুল ধরনের; আবার চেষ্টা চলছে।',
    en: 'BMET sent an answer of the wrong type; retrying.',
  },
  SYNC_UNEXPECTED_STATUS: {
    bn: 'বিএমইটি অপ্রত্যাশিত উত্তর দিয়েছে; আবার চেষ্টা চলছে।',
    en: 'BMET gave an unexpected answer; retrying.',
  },
  SYNC_REJECTED: {
    bn: 'বিএমইটি একটি রেকর্ড-ব্যাচ গ্রহণ করেনি। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।',
    en: 'BMET rejected a batch of records. Sync is stopped; call a technician.',
  },
  SYNC_UNAUTHORIZED: {
    bn: 'বিএমইটি এই কিয়স্কের চাবি গ্রহণ করছে না। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।',
    en: "BMET does not accept this kiosk's key. Sync is stopped; call a technician.",
  },
  SYNC_CLOCK_REFUSED: {
    bn: 'বিএমইটি এই কিয়স্কের ঘড়ির সময় গ্রহণ করছে না। কিয়স্কের তারিখ ও সময় ঠিক আছে কি না দেখুন; সিঙ্ক বন্ধ, টেকনিশিয়ান ডাকুন।',
    en: "BMET does not accept the time on this kiosk's clock. Check the kiosk's date and time; sync is stopped, call a technician.",
  },
  SYNC_GAP: {
    bn: 'বিএমইটি আগের একটি রেকর্ড থেকে আবার চেয়েছে; আবার পাঠানো হচ্ছে।',
    en: 'BMET asked to resume from an earlier record; resending.',
  },
  SYNC_SEQ_UNAVAILABLE: {
    bn: 'বিএমইটি এমন রেকর্ড চেয়েছে যা এই কিয়স্কে আর নেই। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।',
    en: 'BMET asked for records this kiosk no longer has. Sync is stopped; call a technician.',
  },
  SYNC_SERVER_AHEAD: {
    bn: 'বিএমইটি-র কাছে এমন রেকর্ড আছে যা এই কিয়স্ক তৈরি করেনি। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।',
    en: 'BMET holds records this kiosk never made. Sync is stopped; call a technician.',
  },
  SYNC_ACK_MISMATCH: {
    bn: 'বিএমইটি-র প্রাপ্তিস্বীকার পাঠানো রেকর্ডের সাথে মেলে না; কোনো রেকর্ড পাঠানো হিসেবে চিহ্নিত হয়নি। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।',
    en: "BMET's acknowledgement does not match the records sent; none is marked sent. Sync is stopped; call a technician.",
  },
  SYNC_OUTBOX_ERROR: {
    bn: 'সিঙ্কের জন্য কিয়স্ক নিজের লগ পড়তে পারেনি; আবার চেষ্টা চলছে।',
    en: 'The kiosk could not read its own log for sync; retrying.',
  },
  SYNC_CLOCK_SKEW: {
    bn: 'কিয়স্কের ঘড়ি বিএমইটি-র ঘড়ি থেকে ৫ মিনিটের বেশি আলাদা।',
    en: "The kiosk clock differs from BMET's by more than 5 minutes.",
  },
  SYNC_GAP_LOOP: {
    bn: 'বিএমইটি বারবার ভিন্ন রেকর্ড থেকে চাইছে, অগ্রগতি নেই। সিঙ্ক বন্ধ; টেকনিশিয়ান ডাকুন।',
    en: 'BMET keeps asking for different records without progress. Sync is stopped; call a technician.',
  },
  SYNC_INSECURE_URL: {
    bn: 'বিএমইটি-র ঠিকানা https:// নয়; এনক্রিপশন ছাড়া সংযোগ করা হবে না। টেকনিশিয়ান ডাকুন।',
    en: "BMET's address is not https://; the kiosk does not connect without encryption. Call a technician.",
  },
  SYNC_TLS_UNTRUSTED: {
    bn: 'বিএমইটি-র সার্ভার সার্টিফিকেট যাচাই হয়নি; সংযোগ করা হয়নি। আবার চেষ্টা হবে।',
    en: "BMET's server certificate could not be verified; not connected. Will try again.",
  },
  SYNC_CA_UNREADABLE: {
    bn: 'বিএমইটি-র সার্টিফিকেট (CA) ফাইল পড়া যায়নি। টেকনিশিয়ান ডাকুন।',
    en: "BMET's certificate authority (CA) file could not be read. Call a technician.",
  },
  TRUST_FETCH_FAILED: {
    bn: 'বিএমইটি থেকে নতুন ট্রাস্ট ডেটা আনা যায়নি; আবার চেষ্টা হবে।',
    en: 'Could not fetch new trust data from BMET; will try again.',
  },
  TRUST_FETCH_REFUSED: {
    bn: 'নেটওয়ার্ক থেকে আসা ট্রাস্ট ডেটা প্রত্যাখ্যাত; বর্তমান বান্ডেল বহাল।',
    en: 'Trust data from the network was refused; the bundle in force is kept.',
  },
};

export const VISA_WORDS: Record<VisaType, Words> = {
  EMP: { bn: 'কর্মসংস্থান', en: 'Employment' },
  DOM: { bn: 'গৃহকর্মী', en: 'Domestic worker' },
  PRO: { bn: 'পেশাজীবী', en: 'Professional' },
  OTH: { bn: 'অন্যান্য', en: 'Other' },
};

/** The screens' own labels. */
export const UI_WORDS = {
  appTitle: { bn: 'বিএমইটি ছাড়পত্র যাচাই', en: 'BMET clearance check' },
  development: { bn: 'ডেভেলপমেন্ট — আসল ছাড়পত্রের জন্য নয়', en: 'DEVELOPMENT — not for real clearances' },
  commandLineRoots: { bn: 'পরীক্ষার চাবি', en: 'TEST ROOTS' },
  waiting: { bn: 'কার্ডের QR কোড স্ক্যান করুন', en: 'Scan the QR code on the clearance card' },
  checking: { bn: 'যাচাই হচ্ছে…', en: 'Checking…' },
  reasons: { bn: 'কারণ', en: 'Reasons' },
  facts: { bn: 'কার্ডের যাচাইকৃত তথ্য', en: 'Verified card details' },
  noFacts: {
    bn: 'স্বাক্ষর যাচাই হয়নি: কার্ডের কোনো তথ্য দেখানো হচ্ছে না।',
    en: 'Signature not verified: nothing from the card is shown.',
  },
  name: { bn: 'নাম', en: 'Name' },
  nameBn: { bn: 'বাংলা নাম', en: 'Name in Bangla' },
  passport: { bn: 'পাসপোর্ট', en: 'Passport' },
  destination: { bn: 'গন্তব্য', en: 'Destination' },
  visaType: { bn: 'ভিসার ধরন', en: 'Visa type' },
  clearanceId: { bn: 'ছাড়পত্র নম্বর', en: 'Clearance no.' },
  firstSeenAt: { bn: 'প্রথম স্ক্যান', en: 'First scanned' },
  notLogged: { bn: 'লগ হয়নি', en: 'NOT LOGGED' },
  notLoggedHelp: {
    bn: 'এই ফলাফল রেকর্ডে নেই। সুপারভাইজারকে জানান।',
    en: 'This result is not on record. Tell the supervisor.',
  },
  recent: { bn: 'সাম্প্রতিক স্ক্যান', en: 'Recent scans' },
  noRecent: { bn: 'এখনও কোনো স্ক্যান নেই', en: 'No scans yet' },
  trustBundle: { bn: 'ট্রাস্ট বান্ডল', en: 'Trust bundle' },
  version: { bn: 'সংস্করণ', en: 'version' },
  expires: { bn: 'মেয়াদ', en: 'expires' },
  expired: { bn: 'মেয়াদোত্তীর্ণ', en: 'EXPIRED' },
  expiresSoon: { bn: 'শীঘ্রই মেয়াদ শেষ', en: 'expires soon' },
  noTrust: { bn: 'ট্রাস্ট বান্ডল নেই', en: 'NO TRUST BUNDLE' },
  log: { bn: 'লগ', en: 'Log' },
  logOk: { bn: 'চালু', en: 'OK' },
  logFailing: { bn: 'ব্যর্থ', en: 'FAILING' },
  logOff: { bn: 'বন্ধ', en: 'OFF' },
  input: { bn: 'ইনপুট', en: 'Input' },
  inputKeyboard: { bn: 'কীবোর্ড-স্ক্যানার · হাতে লেখা', en: 'keyboard scanner · manual entry' },
  connection: { bn: 'সংযোগ', en: 'Service' },
  connected: { bn: 'সংযুক্ত', en: 'connected' },
  disconnected: { bn: 'বিচ্ছিন্ন', en: 'DISCONNECTED' },
  officer: { bn: 'কর্মকর্তা', en: 'Officer' },
  manualLabel: {
    bn: 'QR কোডের লেখা এখানে দিন (স্ক্যানার না থাকলে)',
    en: 'QR text (paste here when there is no scanner)',
  },
  manualCheck: { bn: 'যাচাই করুন', en: 'Check' },
  error: { bn: 'ত্রুটি', en: 'Error' },
  /** Marks a raw message from main or a device: English only, kept for support, never the words. */
  detail: { bn: 'বিস্তারিত (ইংরেজিতে, সহায়তার জন্য)', en: 'Detail (in English, for support)' },
} as const satisfies Record<string, Words>;
export type UiWord = keyof typeof UI_WORDS;

/** The desk's camera fallback (for the day the scanner does not work). */
export const CAMERA_WORDS = {
  use: { bn: 'ক্যামেরা ব্যবহার করুন', en: 'Use the camera' },
  whenNoScanner: { bn: 'স্ক্যানার কাজ না করলে', en: 'When no scanner works' },
  stop: { bn: 'ক্যামেরা বন্ধ করুন', en: 'Stop the camera' },
  aim: {
    bn: 'কার্ডের QR কোডটি ক্যামেরার সামনে স্থির করে ধরুন',
    en: "Hold the card's QR code still in front of the camera",
  },
  starting: { bn: 'ক্যামেরা চালু হচ্ছে…', en: 'Starting the camera…' },
  timedOut: {
    bn: 'কোনো কোড পাওয়া যায়নি; ক্যামেরা বন্ধ করা হয়েছে',
    en: 'No code was seen; the camera was turned off',
  },
} as const satisfies Record<string, Words>;

/** The desk screen's own labels (verdict panel, card facts, recent scans, PIN pad). */
export const DESK_WORDS = {
  ready: { bn: 'পরের কার্ডের জন্য প্রস্তুত', en: 'Ready for the next card' },
  whatToDo: { bn: 'এখন যা করবেন', en: 'What to do' },
  dob: { bn: 'জন্মতারিখ', en: 'Date of birth' },
  age: { bn: 'বয়স', en: 'age' },
  years: { bn: 'বছর', en: 'years' },
  passportExpiry: { bn: 'পাসপোর্টের মেয়াদ', en: 'Passport expires' },
  pdo: { bn: 'পিডিও প্রশিক্ষণ', en: 'PDO orientation' },
  details: { bn: 'টেকনিশিয়ানের জন্য কোড', en: 'Codes for technicians' },
  shownAgain: { bn: 'আগের স্ক্যান আবার দেখানো হচ্ছে', en: 'An earlier scan, shown again' },
  cannotCheck: { bn: 'যাচাই করা যাচ্ছে না', en: 'CANNOT CHECK' },
  backToReady: { bn: 'বন্ধ করুন', en: 'Close' },
  pinPad: { bn: 'পিন প্যাড', en: 'PIN pad' },
  pinClear: { bn: 'মুছুন', en: 'Clear' },
  pinBack: { bn: 'এক অঙ্ক মুছুন', en: 'Delete one digit' },
} as const satisfies Record<string, Words>;

/** Sign-in, on the desk screen and wherever a role is needed. */
export const SIGN_IN_WORDS = {
  signIn: { bn: 'সাইন ইন', en: 'Sign in' },
  signOut: { bn: 'সাইন আউট', en: 'Sign out' },
  id: { bn: 'আইডি', en: 'ID' },
  pin: { bn: 'পিন', en: 'PIN' },
  nobody: {
    bn: 'কেউ সাইন ইন করেননি: স্ক্যান যাচাই হবে, কিন্তু লগে কর্মকর্তা হিসেবে UNSIGNED লেখা হবে।',
    en: 'No one is signed in: scans are still checked, but logged with officer UNSIGNED.',
  },
  refused: {
    bn: 'আইডি বা পিন ভুল, অথবা অ্যাকাউন্টটি চালু নেই।',
    en: 'Wrong ID or PIN, or the account is not active.',
  },
  locked: {
    bn: 'বারবার ভুল পিন: এই আইডি সাময়িকভাবে বন্ধ।',
    en: 'Too many wrong PINs: this ID is locked for now.',
  },
  minutesLeft: { bn: 'মিনিট পরে আবার চেষ্টা করুন', en: 'minutes until you can try again' },
  unavailable: {
    bn: 'এই কিয়স্ক ডেটাবেস ছাড়া চলছে: সাইন ইন করা যাবে না।',
    en: 'This kiosk runs without its database: no one can sign in.',
  },
  badPin: { bn: 'পিন ৬ থেকে ১২ অঙ্কের।', en: 'A PIN is 6 to 12 digits.' },
  badId: { bn: 'আইডি লিখুন (অক্ষর, সংখ্যা, . _ -)।', en: 'Enter your ID (letters, digits, . _ -).' },
  checking: { bn: 'যাচাই হচ্ছে…', en: 'Checking…' },
  wrongScreen: {
    bn: 'এখানে শুধু ডেস্কের কর্মকর্তা সাইন ইন করেন: সুপারভাইজার ও টেকনিশিয়ান নিজের বোতাম চেপে নিজের পর্দায় সাইন ইন করুন।',
    en: 'Only desk officers sign in here: supervisors and technicians use their own button and sign in on their screen.',
  },
  idleNote: { bn: 'নিষ্ক্রিয়তায় সাইন আউট (মিনিট)', en: 'signs out when idle (minutes)' },
  supervisorNeeded: {
    bn: 'দৈনিক প্রতিবেদন দেখতে সুপারভাইজার হিসেবে সাইন ইন করুন।',
    en: 'Sign in as a supervisor to see the daily report.',
  },
} as const satisfies Record<string, Words>;

export const ROLE_WORDS: Record<Role, Words> = {
  officer: { bn: 'কর্মকর্তা', en: 'Officer' },
  supervisor: { bn: 'সুপারভাইজার', en: 'Supervisor' },
  technician: { bn: 'টেকনিশিয়ান', en: 'Technician' },
};

/** The supervisor's daily report screen. */
export const REPORT_WORDS = {
  open: { bn: 'সুপারভাইজার: দৈনিক প্রতিবেদন', en: 'Supervisor: daily report' },
  title: { bn: 'দৈনিক যাচাই প্রতিবেদন', en: 'Daily verification report' },
  back: { bn: 'ডেস্কে ফিরুন', en: 'Back to the desk' },
  date: { bn: 'তারিখ (ঢাকা)', en: 'Date (Dhaka)' },
  show: { bn: 'দেখুন', en: 'Show' },
  notADate: {
    bn: 'ক্যালেন্ডারে এমন কোনো তারিখ নেই, তাই কোনো প্রতিবেদন দেখানো হচ্ছে না। তারিখটি YYYY-MM-DD আকারে লিখুন, যেমন 2026-11-22।',
    en: 'There is no such date on the calendar, so no report is shown. Type the date as YYYY-MM-DD, for example 2026-11-22.',
  },
  noDate: {
    bn: 'কোনো তারিখ লেখা হয়নি, তাই কোনো প্রতিবেদন দেখানো হচ্ছে না। তারিখটি YYYY-MM-DD আকারে লিখুন, যেমন 2026-11-22।',
    en: 'No date is typed, so no report is shown. Type the date as YYYY-MM-DD, for example 2026-11-22.',
  },
  notYet: {
    bn: 'এই দিনটি এখনো আসেনি, তাই এর কোনো প্রতিবেদন নেই।',
    en: 'This day has not come yet, so there is no report for it.',
  },
  exportCsv: { bn: 'CSV ডাউনলোড', en: 'Download CSV' },
  exported: { bn: 'ডাউনলোড হয়েছে (অডিট লগে লেখা হয়েছে)', en: 'Downloaded (recorded in the audit log)' },
  total: { bn: 'মোট যাচাই', en: 'Verifications' },
  byStatus: { bn: 'ফলাফল অনুযায়ী', en: 'By result' },
  byReason: { bn: 'কারণ অনুযায়ী', en: 'By reason' },
  byHour: { bn: 'ঘণ্টা অনুযায়ী (ঢাকা সময়)', en: 'By hour (Dhaka time)' },
  byDestination: { bn: 'গন্তব্য অনুযায়ী', en: 'By destination' },
  byOfficer: { bn: 'কর্মকর্তা অনুযায়ী', en: 'By officer' },
  count: { bn: 'সংখ্যা', en: 'Count' },
  none: { bn: 'এই দিনে কোনো যাচাই নেই', en: 'No verifications on this day' },
  noReasons: { bn: 'কোনো কারণ নেই (সব বৈধ)', en: 'No reasons (all valid)' },
  kiosk: { bn: 'কিয়স্ক', en: 'Kiosk' },
  notProvisioned: { bn: 'প্রভিশন করা হয়নি', en: 'not provisioned' },
  unsignedNote: {
    bn: 'UNSIGNED: কেউ সাইন ইন না থাকা অবস্থায় স্ক্যান',
    en: 'UNSIGNED: scans made while no one was signed in',
  },
} as const satisfies Record<string, Words>;

/** The supervisor's day: navigation, the week, the figures that add up, print, PDF. */
export const DAY_WORDS = {
  previous: { bn: '← আগের দিন', en: '← Previous day' },
  next: { bn: 'পরের দিন →', en: 'Next day →' },
  today: { bn: 'আজ', en: 'Today' },
  day: { bn: 'দিন', en: 'Day' },
  week: { bn: 'সপ্তাহ', en: 'Week' },
  weekTitle: { bn: 'এই দিন পর্যন্ত সাত দিন', en: 'The seven days up to this day' },
  print: { bn: 'প্রিন্ট (A4)', en: 'Print (A4)' },
  pdf: { bn: 'PDF ডাউনলোড', en: 'Download PDF' },
  pdfMaking: { bn: 'PDF তৈরি হচ্ছে…', en: 'Making the PDF…' },
  scans: { bn: 'মোট স্ক্যান', en: 'Scans' },
  workers: { bn: 'কর্মী (আলাদা ছাড়পত্র)', en: 'Workers (distinct clearances)' },
  badCards: { bn: 'অবৈধ কার্ড', en: 'Invalid cards' },
  unreadable: { bn: 'পড়া যায়নি (আবার স্ক্যান)', en: 'Could not be read (scan again)' },
  /** Scans made while no trust bundle was in force: the card was never judged, so not an invalid card. */
  cannotCheck: { bn: 'যাচাই করা যায়নি (ট্রাস্ট বান্ডল ছিল না)', en: 'Could not be checked (no trust bundle)' },
  sumLine: {
    bn: 'স্ক্যান = বৈধ + সতর্কতা + অবৈধ + পড়া যায়নি + যাচাই করা যায়নি',
    en: 'Scans = valid + check + invalid + unreadable + not checked',
  },
  noDestination: { bn: 'নেই (যাচাই করা কার্ড নয়)', en: 'none (no verified card)' },
  totalRow: { bn: 'মোট', en: 'Total' },
  empty: {
    bn: 'এই দিনে এই কিয়স্কে কোনো কার্ড স্ক্যান হয়নি।',
    en: 'No cards were scanned at this kiosk on this day.',
  },
  officerName: { bn: 'নাম', en: 'Name' },
  officerId: { bn: 'আইডি', en: 'Id' },
  unsigned: { bn: 'কেউ সাইন ইন ছিলেন না', en: 'no one signed in' },
  madeAt: { bn: 'তৈরি', en: 'Made' },
  page: { bn: 'বিএমইটি ছাড়পত্র যাচাই কিয়স্ক', en: 'BMET clearance check kiosk' },
  openDay: { bn: 'এই দিন দেখুন', en: 'Show this day' },
} as const satisfies Record<string, Words>;

/** The technician screen, and the scanner and sync cells of the status strip. */
export const TECH_WORDS = {
  open: { bn: 'টেকনিশিয়ান', en: 'Technician' },
  title: {
    bn: 'টেকনিশিয়ান: ট্রাস্ট, স্ক্যানার, সিঙ্ক, ঘড়ি, অডিট',
    en: 'Technician: trust, scanners, sync, clock, audit',
  },
  back: { bn: 'ডেস্কে ফিরুন', en: 'Back to the desk' },
  needTechnician: {
    bn: 'ইনস্টল ও সিঙ্ক আবার চালু করতে টেকনিশিয়ান হিসেবে সাইন ইন করুন।',
    en: 'Sign in as a technician to install bundles or resume sync.',
  },
  trustInForce: { bn: 'চালু ট্রাস্ট বান্ডল', en: 'Trust bundle in force' },
  issued: { bn: 'ইস্যু', en: 'Issued' },
  expires: { bn: 'মেয়াদ শেষ', en: 'Expires' },
  fromFile: {
    bn: 'এই চালুর জন্য দেওয়া ফাইল (ইনস্টল করা নয়)',
    en: 'a file named for this run (not the installed one)',
  },
  installedBy: { bn: 'ইনস্টল করেছেন', en: 'Installed by' },
  keys: { bn: 'স্বাক্ষরের চাবি (kid)', en: 'Signing keys (kids)' },
  keyStatus: { bn: 'অবস্থা', en: 'Status' },
  validFrom: { bn: 'থেকে', en: 'From' },
  validUntil: { bn: 'পর্যন্ত', en: 'Until' },
  label: { bn: 'নাম', en: 'Label' },
  revokedCounts: { bn: 'বাতিল: চাবি / ছাড়পত্র · নিয়ম', en: 'Revoked: keys / clearances · rules' },
  sticks: { bn: 'ইউএসবি স্টিকের ট্রাস্ট ফাইল', en: 'Trust files on USB sticks' },
  noSticks: {
    bn: 'ট্রাস্ট ফাইলসহ কোনো ইউএসবি স্টিক লাগানো নেই।',
    en: 'No USB stick with trust files is plugged in.',
  },
  noFilesOnStick: {
    bn: 'এই স্টিকে কোনো ট্রাস্ট ফাইল নেই (মূলে বা bmet/ ফোল্ডারে)।',
    en: 'No trust files on this stick (at its root or in bmet/).',
  },
  stickTop: { bn: 'স্টিকের মূল ফোল্ডার', en: "the stick's top folder" },
  noFilesOffered: {
    bn: 'এই স্টিকের কোনো ট্রাস্ট ফাইল ইনস্টলের জন্য দেওয়া হচ্ছে না; কেন, তা নিচে লেখা আছে।',
    en: 'No trust file on this stick is offered for install; why is said below.',
  },
  skipped: { bn: 'বাদ দেওয়া হয়েছে', en: 'Not offered' },
  install: { bn: 'যাচাই করে ইনস্টল করুন', en: 'Check and install' },
  confirmInstall: { bn: 'নিশ্চিত: এই বান্ডল ইনস্টল করুন', en: 'Confirm: install this bundle' },
  recordRefusal: { bn: 'প্রত্যাখ্যানটি অডিট লগে লিখুন', en: 'Record the refusal in the audit log' },
  cancel: { bn: 'বাতিল', en: 'Cancel' },
  installed: {
    bn: 'ইনস্টল হয়েছে; এখন এটি দিয়েই যাচাই হচ্ছে।',
    en: 'Installed; cards are now checked against it.',
  },
  installedNotInForce: {
    bn: 'ইনস্টল হয়েছে, কিন্তু এই চালু একটি নির্দিষ্ট ফাইল দিয়ে যাচাই করছে।',
    en: 'Installed, but this run checks against a bundle file named at start.',
  },
  noop: {
    bn: 'এই বান্ডলটি আগেই ইনস্টল করা আছে; কিছু বদলায়নি।',
    en: 'This bundle is already installed; nothing changed.',
  },
  refused: { bn: 'প্রত্যাখ্যাত; আগের বান্ডল বহাল।', en: 'Refused; the bundle in force is kept.' },
  scanners: { bn: 'স্ক্যানার', en: 'Scanners' },
  noScanners: {
    bn: 'কোনো সিরিয়াল স্ক্যানার কনফিগার করা নেই (কীবোর্ড-স্ক্যানার ও হাতে লেখা চলবে)।',
    en: 'No serial scanner configured (keyboard scanners and manual entry still work).',
  },
  noScannerPlugged: {
    bn: 'কোনো সিরিয়াল স্ক্যানার লাগানো নেই (কীবোর্ড-স্ক্যানার ও হাতে লেখা চলবে)।',
    en: 'No serial scanner plugged in (keyboard scanners and manual entry still work).',
  },
  scannerFolder: {
    bn: 'লাগানো মাত্র যে ফোল্ডারের স্ক্যানার চালু হয়',
    en: 'Scanners opened as they are plugged in, from',
  },
  scannerConnected: { bn: 'সংযুক্ত', en: 'connected' },
  scannerDisconnected: { bn: 'বিচ্ছিন্ন', en: 'DISCONNECTED' },
  noise: { bn: 'অপ্রাসঙ্গিক বাইট বাদ', en: 'noise bytes dropped' },
  counts: {
    bn: 'বাইট · স্ক্যান · নয়েজ · অতিদীর্ঘ · পুনঃসংযোগ',
    en: 'bytes · scans · noise · overlong · reconnects',
  },
  lastBytes: { bn: 'শেষ কাঁচা বাইট (hex)', en: 'Last raw bytes (hex)' },
  ports: { bn: 'সিরিয়াল পোর্ট (আইডিসহ)', en: 'Serial ports (with ids)' },
  noPorts: { bn: 'কোনো সিরিয়াল পোর্ট পাওয়া যায়নি।', en: 'No serial ports listed.' },
  listedAt: { bn: 'তালিকা নেওয়া হয়েছে', en: 'listed at' },
  usbWatch: { bn: 'ইউএসবি স্টিক নজরদারি', en: 'USB stick watching' },
  on: { bn: 'চালু', en: 'on' },
  off: { bn: 'বন্ধ', en: 'off' },
  sync: { bn: 'বিএমইটি-তে সিঙ্ক', en: 'Sync with BMET' },
  syncOff: { bn: 'সিঙ্ক চলছে না', en: 'Sync not running' },
  waiting: { bn: 'পাঠানোর অপেক্ষায় রেকর্ড', en: 'Records waiting' },
  lastSuccess: { bn: 'শেষ সফল সিঙ্ক', en: 'Last success' },
  lastError: { bn: 'শেষ ত্রুটি', en: 'Last error' },
  nextAttempt: { bn: 'পরের চেষ্টা', en: 'Next attempt' },
  never: { bn: 'কখনও না', en: 'never' },
  none: { bn: 'নেই', en: 'none' },
  alert: { bn: 'সিঙ্ক থেমে আছে', en: 'Sync stopped' },
  resume: { bn: 'সিঙ্ক আবার চালু করুন', en: 'Resume sync' },
  phase: { bn: 'অবস্থা', en: 'State' },
  phaseIdle: { bn: 'সব পাঠানো হয়েছে', en: 'idle' },
  phaseSending: { bn: 'পাঠানো হচ্ছে', en: 'sending' },
  phaseWaiting: { bn: 'আবার চেষ্টার অপেক্ষায়', en: 'waiting to retry' },
  phaseStopped: { bn: 'থেমে আছে', en: 'STOPPED' },
  phaseOff: { bn: 'বন্ধ', en: 'off' },
  clock: { bn: 'ঘড়ি', en: 'Clock' },
  kioskTime: { bn: 'কিয়স্কের সময়', en: 'Kiosk time' },
  skew: { bn: 'বিএমইটি-র ঘড়ির সাথে পার্থক্য', en: "Difference from BMET's clock" },
  skewUnknown: { bn: 'এখনও মাপা হয়নি (বিএমইটি-র উত্তর আসেনি)', en: 'not measured yet (no answer from BMET)' },
  seconds: { bn: 'সেকেন্ড', en: 'seconds' },
  retentionSkipped: { bn: 'পুরনো রেকর্ড মোছা স্থগিত', en: 'Clearing old records is on hold' },
  retentionSince: { bn: 'স্থগিত শুরু', en: 'On hold since' },
  retentionAfter: {
    bn: 'ঘড়ি ঠিক করার পর কিয়স্ক আবার চালু করুন (বা bmet-kiosk log retention চালান): নির্ভরযোগ্য ঘড়িতে মোছা হলে এই সতর্কতা চলে যাবে।',
    en: 'After setting the clock, restart the kiosk (or run bmet-kiosk log retention): this alert clears once a pass runs on a trusted clock.',
  },
  audit: { bn: 'অডিট লগ (সর্বশেষ)', en: 'Audit log (latest)' },
  auditNeedsSignIn: {
    bn: 'অডিট লগ দেখতে টেকনিশিয়ান বা সুপারভাইজার হিসেবে সাইন ইন করুন।',
    en: 'Sign in as a technician or supervisor to read the audit log.',
  },
  kiosk: { bn: 'কিয়স্ক', en: 'Kiosk' },
  server: { bn: 'সার্ভার', en: 'Server' },
  scannerCell: { bn: 'স্ক্যানার', en: 'Scanner' },
  syncCell: { bn: 'সিঙ্ক', en: 'Sync' },
  syncWaitingShort: { bn: 'অপেক্ষায়', en: 'waiting' },
  version: { bn: 'সংস্করণ', en: 'Version' },
  revokedKeys: { bn: 'বাতিল চাবি', en: 'Revoked keys' },
  revokedClearances: { bn: 'বাতিল ছাড়পত্র', en: 'Revoked clearances' },
  rules: { bn: 'গন্তব্যের নিয়ম', en: 'Destination rules' },
  noneInForce: { bn: 'কোনোটি চালু নেই', en: 'none in force' },
  previewing: { bn: 'ফাইলটি যাচাই হচ্ছে…', en: 'Checking the file…' },
  previewTitle: { bn: 'ইনস্টল করলে যা বদলাবে', en: 'What installing it changes' },
  wontInstall: {
    bn: 'এই ফাইলটি ইনস্টল হবে না; কিছুই বদলাবে না:',
    en: 'This file will not be installed; nothing changes:',
  },
  thisFile: { bn: 'এই ফাইল', en: 'This file' },
  staysInForce: { bn: 'যা চালু থাকবে', en: 'Stays in force' },
  noneStaysInForce: {
    bn: 'কোনোটি নয়: কার্ড যাচাই করা যাবে না',
    en: 'none: cards cannot be checked',
  },
  comparedWith: { bn: 'ইনস্টল করা বান্ডল (যার সাথে তুলনা)', en: 'Installed bundle (compared with)' },
  installedBundle: { bn: 'ইনস্টল করা বান্ডল', en: 'Installed bundle' },
  runOnFile: {
    bn: 'এই চালু শুরুতে দেওয়া একটি বান্ডল ফাইল দিয়ে যাচাই করছে: ইনস্টল হলেও সেটিই চালু থাকবে।',
    en: 'This run checks against a bundle file named at start: it stays in force after an install.',
  },
  sameInForce: {
    bn: 'এই বান্ডলটিই এখন চালু; কিছু বদলাবে না।',
    en: 'This very bundle is in force; nothing changes.',
  },
  sameInstalled: {
    bn: 'এই বান্ডলটিই ইনস্টল করা আছে; কিছু বদলাবে না।',
    en: 'This very bundle is installed already; nothing changes.',
  },
  signedBy: { bn: 'স্বাক্ষর করেছে (রুট kid)', en: 'Signed by (root kids)' },
  keysAdded: { bn: 'নতুন চাবি', en: 'Keys added' },
  keysRetired: { bn: 'অবসরে যাওয়া চাবি', en: 'Keys retired' },
  keysRevoked: { bn: 'বাতিল হওয়া চাবি', en: 'Keys revoked' },
  rulesIgnored: {
    bn: 'এই কিয়স্ক যে নিয়ম চেনে না (অজানা ধরন): ইনস্টল হবে, কিন্তু যাচাইয়ে ধরা হবে না',
    en: 'Rules this kiosk does not know (unknown kind): installed, but not checked',
  },
  keysReinstated: {
    bn: 'আবার চালু হওয়া চাবি (আগে অবসরে বা বাতিল)',
    en: 'Keys back in use (retired or revoked before)',
  },
  revokedKidsRemoved: { bn: 'বাতিল তালিকা থেকে সরানো চাবি', en: 'Keys taken off the revoked list' },
  revocationsRemoved: {
    bn: 'আর বাতিল নয় এমন ছাড়পত্র (এই কার্ডগুলো আবার বৈধ হতে পারে)',
    en: 'Clearances no longer revoked (these cards could pass again)',
  },
  keysRemoved: { bn: 'তালিকা থেকে সরানো চাবি', en: 'Keys removed' },
  revocationsAdded: { bn: 'নতুন বাতিল ছাড়পত্র', en: 'Clearance revocations added' },
  rulesChanged: {
    bn: 'নিয়ম বদল (+ নতুন, ~ বদলানো, − সরানো)',
    en: 'Rules changed (+ added, ~ changed, − removed)',
  },
  auditTime: { bn: 'সময় (ঢাকা)', en: 'Time (Dhaka)' },
  auditWho: { bn: 'কে', en: 'Who' },
  auditWhat: { bn: 'কী', en: 'What' },
  auditDetails: { bn: 'বিস্তারিত', en: 'Details' },
} as const satisfies Record<string, Words>;

/** A signing key's status in the technician's key table. */
export const KEY_STATUS_WORDS: Record<'active' | 'retired' | 'revoked', Words> = {
  active: { bn: 'সক্রিয়', en: 'active' },
  retired: { bn: 'অবসরে', en: 'retired' },
  revoked: { bn: 'বাতিল', en: 'REVOKED' },
};

/** Each audit-log action in words, for the technician's audit table (the raw action stays for tests and exports). */
export const AUDIT_ACTION_WORDS: Record<AuditAction, Words> = {
  login: { bn: 'সাইন ইন', en: 'Signed in' },
  'login.failed': { bn: 'সাইন ইন ব্যর্থ', en: 'Sign-in failed' },
  'login.locked': { bn: 'আইডি সাময়িক বন্ধ (ভুল পিন)', en: 'Id locked out (wrong PINs)' },
  'login.throttled': {
    bn: 'অনেক ভুল সাইন ইন: কিয়স্ক চেষ্টা থামিয়ে রাখছে',
    en: 'Many failed sign-ins: the kiosk holds tries back',
  },
  logout: { bn: 'সাইন আউট', en: 'Signed out' },
  'access.refused': { bn: 'অনুমতি নেই এমন কাজ প্রত্যাখ্যাত', en: 'Refused: not allowed for this role' },
  'trust.install': { bn: 'ট্রাস্ট বান্ডল ইনস্টল', en: 'Trust bundle installed' },
  'trust.noop': { bn: 'ট্রাস্ট বান্ডল আগেই ছিল', en: 'Trust bundle already installed' },
  'trust.refused': { bn: 'ট্রাস্ট বান্ডল প্রত্যাখ্যাত', en: 'Trust bundle refused' },
  'person.add': { bn: 'ব্যক্তি যোগ', en: 'Person added' },
  'person.disable': { bn: 'ব্যক্তি নিষ্ক্রিয়', en: 'Person disabled' },
  'person.enable': { bn: 'ব্যক্তি সক্রিয়', en: 'Person enabled' },
  'person.reset': { bn: 'পিন রিসেট', en: 'PIN reset' },
  'settings.set': { bn: 'সেটিং বদল', en: 'Setting changed' },
  'retention.run': { bn: 'পুরনো রেকর্ডের নাম-পাসপোর্ট মোছা', en: 'Old records cleared (retention)' },
  'retention.skipped': {
    bn: 'পুরনো রেকর্ড মোছা স্থগিত (ঘড়ি বিশ্বাসযোগ্য নয়)',
    en: 'Clearing old records held back (clock not trusted)',
  },
  'report.export': { bn: 'প্রতিবেদন রপ্তানি', en: 'Report exported' },
  'trip.check': { bn: 'বোর্ডিং পাস মিলিয়ে দেখা', en: 'Boarding pass checked' },
  'store.created': { bn: 'ডেটাবেস তৈরি', en: 'Database created' },
  'clock.skew': { bn: 'বিএমইটি-র সাথে ঘড়ির পার্থক্য', en: "Clock difference with BMET's" },
  'sync.resume': { bn: 'সিঙ্ক আবার চালু', en: 'Sync resumed' },
  'sync.alert': { bn: 'সিঙ্ক থেমেছে: সতর্কবার্তা', en: 'Sync stopped: alert' },
  'sync.ca': { bn: 'বিএমইটি-র সার্টিফিকেট (CA) সংরক্ষণ', en: "BMET's certificates (CA) saved" },
  'shell.renderer-gone': { bn: 'পর্দা বন্ধ হয়ে গিয়েছিল', en: 'Screen crashed' },
  'shell.unresponsive': { bn: 'পর্দা সাড়া দিচ্ছিল না', en: 'Screen stopped responding' },
  'setup.open': { bn: 'প্রথম সেটআপ শুরু (সেটআপ কোড)', en: 'First-boot setup opened (setup code)' },
  'setup.refused': { bn: 'ভুল সেটআপ কোড', en: 'Wrong setup code' },
  'setup.kiosk': { bn: 'কিয়স্ক আইডি ও ডিভাইস কী', en: 'Kiosk id and device key' },
  'setup.connection': { bn: 'বিএমইটি সংযোগ পরীক্ষা', en: 'BMET connection tested' },
  'setup.finish': { bn: 'প্রথম সেটআপ শেষ', en: 'First-boot setup finished' },
};

/** Labels of every detail an audit line may hold (and of a quarantined batch's fields), for the technician's table. */
export const AUDIT_DETAIL_WORDS: Record<AuditDetailKey, Words> = {
  version: { bn: 'সংস্করণ', en: 'version' },
  previousVersion: { bn: 'আগের সংস্করণ', en: 'previous version' },
  rulesIgnored: { bn: 'উপেক্ষিত নিয়ম (অজানা ধরন)', en: 'rules ignored (unknown kind)' },
  code: { bn: 'কোড', en: 'code' },
  source: { bn: 'উৎস', en: 'source' },
  sha256: { bn: 'SHA-256 হ্যাশ', en: 'SHA-256' },
  key: { bn: 'সেটিং', en: 'setting' },
  from: { bn: 'আগের মান', en: 'was' },
  to: { bn: 'নতুন মান', en: 'now' },
  mode: { bn: 'ধরন', en: 'mode' },
  alert: { bn: 'সতর্কবার্তা', en: 'alert' },
  message: { bn: 'বার্তা', en: 'message' },
  why: { bn: 'কারণ', en: 'why' },
  reason: { bn: 'কারণ', en: 'reason' },
  date: { bn: 'তারিখ', en: 'date' },
  format: { bn: 'ধরন', en: 'format' },
  rows: { bn: 'সারি', en: 'rows' },
  via: { bn: 'মাধ্যম', en: 'via' },
  out: { bn: 'ফাইল', en: 'file' },
  role: { bn: 'ভূমিকা', en: 'role' },
  id: { bn: 'আইডি', en: 'id' },
  name: { bn: 'নাম', en: 'name' },
  method: { bn: 'কাজ', en: 'call' },
  until: { bn: 'পর্যন্ত', en: 'until' },
  failed: { bn: 'ভুল চেষ্টা', en: 'failed tries' },
  transport: { bn: 'সংযোগ', en: 'connection' },
  phase: { bn: 'পর্ব', en: 'phase' },
  failures: { bn: 'ভুল সাইন ইন', en: 'failed sign-ins' },
  retryInSeconds: { bn: 'আবার চেষ্টা (সেকেন্ড পরে)', en: 'retry in (s)' },
  refused: { bn: 'ফিরিয়ে দেওয়া চেষ্টা', en: 'tries turned away' },
  ids: { bn: 'আইডির সংখ্যা', en: 'ids tried' },
  idsAtLeast: { bn: 'অন্তত এতগুলো আইডি', en: 'at least that many ids' },
  sampleIds: { bn: 'কয়েকটি আইডি', en: 'some ids' },
  seconds: { bn: 'স্থায়িত্ব (সেকেন্ড)', en: 'lasted (s)' },
  days: { bn: 'রাখার মেয়াদ (দিন)', en: 'kept for (days)' },
  trustedNow: { bn: 'বিশ্বস্ত সময়', en: 'trusted time' },
  cutoff: { bn: 'এর আগের রেকর্ড', en: 'records before' },
  redacted: { bn: 'মোছা রেকর্ড', en: 'records cleared' },
  skippedBroken: { bn: 'ক্ষতিগ্রস্ত বলে রাখা রেকর্ড', en: 'damaged records kept' },
  tripNamesCleared: { bn: 'মোছা বোর্ডিং পাসের নাম', en: 'boarding-pass names cleared' },
  waiting: { bn: 'অপেক্ষমাণ রেকর্ড', en: 'records waiting' },
  wallClock: { bn: 'কিয়স্কের ঘড়ি', en: "kiosk's clock" },
  outcome: { bn: 'ফল', en: 'outcome' },
  cid: { bn: 'ছাড়পত্র আইডি', en: 'clearance id' },
  codes: { bn: 'যা পাওয়া গেছে', en: 'findings' },
  type: { bn: 'ঘটনা', en: 'event' },
  skewMs: { bn: 'পার্থক্য (মিলিসেকেন্ড)', en: 'difference (ms)' },
  server: { bn: 'বিএমইটি সার্ভার', en: 'BMET server' },
  at: { bn: 'সময়', en: 'at' },
  httpStatus: { bn: 'HTTP স্ট্যাটাস', en: 'HTTP status' },
  serverCode: { bn: 'সার্ভারের কোড', en: "server's code" },
  batch: { bn: 'আটকে রাখা ব্যাচ', en: 'batch held back' },
  batchId: { bn: 'ব্যাচ আইডি', en: 'batch id' },
  fromSeq: { bn: 'প্রথম রেকর্ড', en: 'first record' },
  toSeq: { bn: 'শেষ রেকর্ড', en: 'last record' },
  retryAt: { bn: 'আবার চেষ্টা', en: 'retries at' },
  certificates: { bn: 'সার্টিফিকেট (SHA-256)', en: 'certificates (SHA-256)' },
  exitCode: { bn: 'প্রস্থান কোড', en: 'exit code' },
  next: { bn: 'এরপর', en: 'then' },
  recent: { bn: 'সাম্প্রতিক বার (৫ মিনিটে)', en: 'times recently (5 min)' },
  kioskId: { bn: 'কিয়স্ক আইডি', en: 'kiosk id' },
  airport: { bn: 'বিমানবন্দর', en: 'airport' },
  desk: { bn: 'ডেস্ক', en: 'desk' },
  keyCreated: { bn: 'নতুন ডিভাইস কী', en: 'new device key' },
  ok: { bn: 'পৌঁছানো গেছে', en: 'reached' },
  detail: { bn: 'বিস্তারিত', en: 'detail' },
};

/** The audit details' own coded values in words (reasons, phases, what the shell did next), shown instead of the value. */
export const AUDIT_VALUE_WORDS: Record<AuditValueCode, Words> = {
  locked: { bn: 'সাময়িক বন্ধ', en: 'locked out' },
  'wrong-screen': { bn: 'অন্য ভূমিকার পর্দা', en: "another role's screen" },
  unknown: { bn: 'অজানা আইডি', en: 'unknown id' },
  disabled: { bn: 'নিষ্ক্রিয় আইডি', en: 'id disabled' },
  'wrong-pin': { bn: 'ভুল পিন', en: 'wrong PIN' },
  'wrong code': { bn: 'ভুল সেটআপ কোড', en: 'wrong setup code' },
  logout: { bn: 'নিজে সাইন আউট', en: 'signed out' },
  left: { bn: 'ডেস্কে ফিরে গেছেন', en: 'went back to the desk' },
  idle: { bn: 'দীর্ঘক্ষণ নিষ্ক্রিয়', en: 'idle too long' },
  replaced: { bn: 'অন্য কেউ সাইন ইন করেছেন', en: 'someone else signed in' },
  shutdown: { bn: 'কিয়স্ক বন্ধ হচ্ছিল', en: 'kiosk stopping' },
  reloaded: { bn: 'পাতা আবার লোড', en: 'page reloaded' },
  finished: { bn: 'সেটআপ শেষ', en: 'setup finished' },
  start: { bn: 'শুরু', en: 'began' },
  end: { bn: 'শেষ', en: 'ended' },
  backoff: { bn: 'অপেক্ষার সময়', en: 'waiting time' },
  busy: { bn: 'অনেক চেষ্টা একসাথে', en: 'too many at once' },
  reload: { bn: 'পর্দা আবার চালু', en: 'screens reloaded' },
  'service-screen': { bn: 'সেবার পর্দা দেখানো হয়েছে', en: 'service screen shown' },
  'clock-skew': { bn: 'পার্থক্য ৫ মিনিটের বেশি', en: 'more than 5 minutes off' },
  'clock-skew-cleared': { bn: 'পার্থক্য আবার ৫ মিনিটের মধ্যে', en: 'back within 5 minutes' },
  'sync-alert': { bn: 'সিঙ্ক থেমেছে', en: 'sync stopped' },
  screen: { bn: 'পর্দা', en: 'screen' },
};

/** A yes-or-no detail (a new device key made, BMET reached). */
export const YES_NO_WORDS: Record<'true' | 'false', Words> = {
  true: { bn: 'হ্যাঁ', en: 'yes' },
  false: { bn: 'না', en: 'no' },
};

/** The first-boot setup screen (renderer/setup/). */
export const SETUP_WORDS = {
  title: { bn: 'কিয়স্ক সেটআপ (প্রথম চালু)', en: 'Kiosk setup (first start)' },
  intro: {
    bn: 'টেকনিশিয়ান: প্যাকেজ ইনস্টলের সময় ছাপা এককালীন সেটআপ কোড দিয়ে শুরু করুন।',
    en: 'Technician: start with the one-time setup code printed when the package was installed.',
  },
  code: { bn: 'সেটআপ কোড', en: 'Setup code' },
  techId: { bn: 'আপনার আইডি', en: 'Your id' },
  techName: { bn: 'আপনার নাম', en: 'Your name' },
  pin: { bn: 'নতুন পিন (৬–১২ অঙ্ক)', en: 'New PIN (6–12 digits)' },
  badCode: {
    bn: 'সেটআপ কোড ১২ অঙ্কের, প্যাকেজ ইনস্টলের সময় যেমন ছাপা হয়েছে (যেমন ১২৩৪-৫৬৭৮-৯০১২)।',
    en: 'The setup code is the 12 digits printed when the package was installed (like 1234-5678-9012).',
  },
  badName: { bn: 'আপনার নাম লিখুন (১০০ অক্ষরের মধ্যে)।', en: 'Enter your name (at most 100 characters).' },
  open: { bn: 'সেটআপ শুরু করুন', en: 'Start setup' },
  airport: { bn: 'বিমানবন্দর', en: 'Airport' },
  desk: { bn: 'ডেস্ক নম্বর', en: 'Desk number' },
  badDesk: {
    bn: 'ডেস্ক নম্বর ১ থেকে ৯৯-এর মধ্যে একটি পূর্ণ সংখ্যা।',
    en: 'The desk number is a whole number from 1 to 99.',
  },
  makeKey: { bn: 'কিয়স্ক আইডি ও ডিভাইস কী তৈরি করুন', en: 'Make the kiosk id and device key' },
  kioskId: { bn: 'কিয়স্ক আইডি', en: 'Kiosk id' },
  publicKey: {
    bn: 'ডিভাইসের পাবলিক কী: নিবন্ধনের জন্য বিএমইটি এই QR স্ক্যান করবে',
    en: 'Device public key: BMET scans this QR to register the kiosk',
  },
  server: { bn: 'বিএমইটি সার্ভারের ঠিকানা', en: 'BMET server address' },
  badUrl: {
    bn: 'বিএমইটি-র দেওয়া ঠিকানাটি https:// দিয়ে শুরু করে লিখুন (ব্যবহারকারীর নাম, ? বা # ছাড়া)।',
    en: 'Enter the address BMET gave, starting with https:// (no user name, ? or #).',
  },
  notSaved: { bn: 'ঠিকানাটি সংরক্ষণ করা হয়নি।', en: 'The address was not saved.' },
  tested: { bn: 'পরীক্ষিত ঠিকানা', en: 'Address tested' },
  saveServer: {
    bn: 'ঠিকানা সংরক্ষণ করে সংযোগ পরীক্ষা করুন',
    en: 'Save the address and test the connection',
  },
  test: { bn: 'আবার সংযোগ পরীক্ষা করুন', en: 'Test the connection again' },
  reached: { bn: 'বিএমইটি-তে পৌঁছানো গেছে', en: 'BMET reached' },
  notReached: { bn: 'বিএমইটি-তে পৌঁছানো যায়নি', en: 'BMET not reached' },
  trust: {
    bn: 'প্রথম ট্রাস্ট বান্ডল: বান্ডলসহ ইউএসবি স্টিক লাগান',
    en: 'First trust bundle: put in the USB stick with the bundle',
  },
  noStick: { bn: 'কোনো স্টিকে বান্ডল পাওয়া যায়নি', en: 'No bundle found on a stick yet' },
  install: { bn: 'ইনস্টল করুন', en: 'Install' },
  trustOk: { bn: 'ট্রাস্ট বান্ডল চালু আছে', en: 'A trust bundle is in force' },
  finish: { bn: 'সেটআপ শেষ করুন', en: 'Finish setup' },
  finished: {
    bn: 'সেটআপ শেষ। বিএমইটি-তে সিঙ্ক এখনই শুরু হচ্ছে; এই পর্দা নিজেই বন্ধ হবে।',
    en: 'Setup finished. Sync with BMET starts now; this screen closes by itself.',
  },
} as const satisfies Record<string, Words>;

/** The Electron shell's own screen: shown when the screens keep crashing or hanging. */
export const SHELL_WORDS = {
  SHELL_SERVICE_SCREEN: { bn: 'কিয়স্কটি সেবার প্রয়োজন', en: 'This kiosk needs service' },
  SHELL_SERVICE_SCREEN_HELP: {
    bn: 'পর্দা বারবার বন্ধ হয়ে যাচ্ছে। টেকনিশিয়ানকে ডাকুন; কিয়স্কটি আবার চালু করলে আবার চেষ্টা হবে। যাচাই এখন হচ্ছে না।',
    en: 'The screens keep stopping. Call a technician; restarting the kiosk tries again. No cards are being verified now.',
  },
} as const satisfies Record<string, Words>;

/** Words for any code the screens may meet (reason, bundle, contract, log, trust, store, hardware, sync), or null. */
export function wordsForCode(code: string): Words | null {
  const tables: Record<string, Words>[] = [
    REASON_WORDS,
    BUNDLE_WORDS,
    API_ERROR_WORDS,
    LOG_PROBLEM_WORDS,
    TRUST_PROBLEM_WORDS,
    STORE_WORDS,
    RETENTION_WORDS,
    BRIDGE_ERROR_WORDS,
    SYNC_WORDS,
    IMAGE_WORDS,
    FILE_WORDS,
    STICK_FILE_WORDS,
    ROOT_KEY_WORDS,
    DEVICE_WORDS,
    TRIP_WORDS,
    CLI_WORDS,
  ];
  for (const t of tables) if (Object.hasOwn(t, code)) return t[code]!;
  return null;
}
