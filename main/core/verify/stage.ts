/** The typed outcome every decoding stage returns: a value, or one stable reason code. */
import type { DecodeCode, ReasonCode } from '../../contract/codes.ts';

export type Stage<T, C extends ReasonCode = DecodeCode> = { ok: true; value: T } | { ok: false; code: C };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <C extends ReasonCode>(code: C): { ok: false; code: C } => ({ ok: false, code });
