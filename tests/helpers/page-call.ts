/** How tests that call the kiosk as a page would (callKiosk) read its answers: `TestReply`, `TestAnswer`. */
import type { ApiError, MethodName, ResultOf } from '../../main/contract/api.ts';

/**
 * A reply as these tests read it: each checks `ok`, null or the shape itself (toEqual, toBeNull),
 * so `value` is typed as the method's non-null result without narrowing first.
 */
export type TestReply<T> = { ok: boolean; value: NonNullable<T>; error?: ApiError };

/** What a call answers: a reply, or for a method answered later (sign-in hashes a PIN off the thread) a promise of one. */
export type TestAnswer<M extends MethodName> = M extends 'login' | 'reportPdf'
  ? Promise<TestReply<ResultOf<M>>>
  : TestReply<ResultOf<M>>;
