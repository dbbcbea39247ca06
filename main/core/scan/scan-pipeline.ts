/**
 * Many scans through the scan path at once, for a batch (`verify` over stdin or many QR
 * arguments). Each scan's card is decoded as it comes and its signature goes to a
 * SignatureChecker (on a second core); scans are closed (remaining checks, duplicate lookup,
 * log, answer) strictly in the order they came. Every answer and log row is exactly scanOnce's,
 * in the same order: only the signature checks overlap, and they read nothing the log writes.
 */
import type { Verdict } from '../../contract/verdict.ts';
import { signatureChecker, type SignatureChecker } from '../crypto/signature-batches.ts';
import { openCard, signatureAnswered, type CheckedCard } from '../verify/verify-qr.ts';
import { closeScan, decidedScan, type ScanOutcome, type ScanPathOptions } from './scan-path.ts';

/** Scans open at once: more than the checker's batches in flight, few enough to hold nothing big. */
const WINDOW = 1024;

export interface ScanPipeline {
  /** Takes one scan and starts its card's check; `nowMs` is its time, as scanOnce's. */
  push(qr: string, nowMs: number, overlong?: boolean): void;
  /** True while WINDOW scans are open: wait on room() before pushing more. */
  readonly full: boolean;
  /** Resolves once fewer than WINDOW scans are open; rejects after a fault. */
  room(): Promise<void>;
  /**
   * Resolves once every scan pushed has been delivered. After a fault it rejects: at once if
   * closing a scan threw, else once the scans pushed before the one that threw are delivered.
   */
  drain(): Promise<void>;
  /** Ends the checker's worker: call it when done (or giving up); scans still open are not delivered. */
  close(): void;
}

interface OpenScan {
  qr: string;
  nowMs: number;
  /** Null until the scan is decided or its card checked. */
  checked: Verdict | CheckedCard | null;
}

interface Waiter {
  /** room() (refused at once after a fault), not drain(). */
  forRoom: boolean;
  ready: () => boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** `deliver` gets each scan's outcome, in the order pushed, after its log row is committed. */
export function scanPipeline(
  o: ScanPathOptions,
  deliver: (outcome: ScanOutcome) => void,
  checker: SignatureChecker = signatureChecker(),
): ScanPipeline {
  const open: OpenScan[] = [];
  let waiters: Waiter[] = [];
  // A fault (never a bad card: those are verdicts). `closing`: it came when a scan was pushed, so
  // the scans before it still close and are delivered, then drain rejects; otherwise (closing a
  // scan threw) nothing more is delivered. room() and push() refuse at once either way.
  let failure: { err: unknown; closing: boolean } | null = null;
  const refuses = (w: Pick<Waiter, 'forRoom'>) =>
    failure !== null && (w.forRoom || !failure.closing || open.length === 0);

  const wake = () => {
    const still: Waiter[] = [];
    for (const w of waiters) {
      if (refuses(w)) w.reject(failure!.err);
      else if (!failure && w.ready()) w.resolve();
      else still.push(w);
    }
    waiters = still;
  };

  // Closes every answered scan at the head, in order; a scan behind an unanswered one waits for it.
  const settle = () => {
    try {
      while ((!failure || failure.closing) && open.length && open[0]!.checked) {
        const s = open.shift()!;
        deliver(closeScan(s.checked!, s.qr, s.nowMs, o));
      }
    } catch (err) {
      failure = { err, closing: false };
    }
    wake();
  };

  const waitFor = (forRoom: boolean, ready: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (refuses({ forRoom })) return reject(failure!.err);
      if (!failure && ready()) return resolve();
      waiters.push({ forRoom, ready, resolve, reject });
    });

  return {
    push(qr, nowMs, overlong = false) {
      if (failure) throw failure.err;
      const s: OpenScan = { qr, nowMs, checked: decidedScan(o, overlong) };
      open.push(s);
      try {
        if (!s.checked && o.trust) {
          const card = openCard(qr, o.trust.keys);
          if (card.kind === 'signed') {
            checker.check(card.key.verifyKey, card.message, card.signature, (ok) => {
              s.checked = signatureAnswered(card, ok);
              settle();
            });
            return;
          }
          s.checked = card;
        }
      } catch (err) {
        // This scan will never close: it is taken out, the ones before it still close.
        open.pop();
        failure = { err, closing: true };
        wake();
        throw err;
      }
      settle();
    },
    get full() {
      return open.length >= WINDOW;
    },
    room: () => waitFor(true, () => open.length < WINDOW),
    drain: () => waitFor(false, () => open.length === 0),
    close: () => checker.close(),
  };
}
