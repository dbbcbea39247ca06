/**
 * The one path a scan takes in a CLI run (verify, listen): QR text in, verdict out.
 * Roots come from --root (else the pinned ones); the bundle from --bundle, else the one
 * installed in the data dir. Unless --no-log, the verdict is committed to the store
 * before handle() returns (log before show), and the store feeds DUPLICATE_SCAN: the
 * shared scan path of main/core/scan, which the kiosk screens use as well.
 */
import type { Verdict } from '../contract/verdict.ts';
import type { Store } from '../core/store/store.ts';
import type { PreparedTrust } from '../core/trust/prepared-trust.ts';
import type { RootSet } from '../core/trust/roots.ts';
import { scanOnce, type ScanOutcome, type ScanPathOptions } from '../core/scan/scan-path.ts';
import { scanPipeline, type ScanPipeline } from '../core/scan/scan-pipeline.ts';
import { StoreError } from '../core/store/errors.ts';
import { FailedError } from './exit-codes.ts';
import type { SharedOptions } from './options.ts';
import { openBundleFile, rootsFor } from './trust-context.ts';
import { bundleWarnings } from '../core/trust/bundle-types.ts';

/**
 * The verdict with what became of its log record. It is a Verdict itself (callers that
 * only print it need no change); `verdict` is the bare Verdict.
 */
export type LoggedVerdict = Verdict & {
  verdict: Verdict;
  /** True once the verdict is committed to the log. False with --no-log (and no error). */
  logged: boolean;
  /** Set when the verdict could not be written: show it, marked NOT LOGGED. */
  error?: string;
  /** The record's seq in the log, when logged. */
  seq?: number;
};

const result = (verdict: Verdict, log: { logged: boolean; error?: string; seq?: number }): LoggedVerdict => ({
  ...verdict,
  verdict,
  ...log,
});

/** Many scans at once (main/core/scan/scan-pipeline.ts): each verdict as handle() gives it, in order. */
export interface ScanBatch extends Omit<ScanPipeline, 'push'> {
  push(qr: string, overlong?: boolean): void;
}

export interface ScanHandler {
  /** Verifies and (unless --no-log) logs one scan; never throws for a log failure. `overlong`: the reader cut it. */
  handle(qr: string, overlong?: boolean): LoggedVerdict;
  /** The same for a stream of scans, their signatures checked side by side; `deliver` gets each in order. */
  batch(deliver: (r: LoggedVerdict) => void): ScanBatch;
  trust: PreparedTrust;
  /** The store this run logs to; null with --no-log, or when it could not be opened (see logProblem). */
  store: Store | null;
  /** Why this run logs nothing although it should (the store did not open): every verdict is NOT LOGGED. */
  logProblem: string | null;
  close(): void;
}

/** The data dir could not be opened: no installed bundle can be read, for the store's reason. */
function cannotRead(err: StoreError): FailedError {
  return new FailedError(
    `cannot read the installed trust bundle: ${err.code}: ${err.message}; no card can be verified (name a bundle with --bundle FILE)`,
    err.code,
  );
}

function noBundle(dataDir: string): FailedError {
  return new FailedError(
    `no trust bundle is installed in ${dataDir}: install one with 'trust install FILE', or name one with --bundle FILE`,
    'NO_TRUST_BUNDLE',
  );
}

export async function makeScanHandler(opts: SharedOptions): Promise<ScanHandler> {
  const roots = rootsFor(opts);
  // --no-log with --bundle touches no data dir: SQLite and the store's modules are not even loaded
  // (a one-card check starts that much sooner).
  if (opts.noLog && opts.bundle) return handlerFor(opts, bundleTrust(opts.bundle, roots), null, null);
  const { dataDirFor, hasDatabase, notAFolder, openReaderFor, openStoreFor } =
    await import('./store-context.ts');
  const dataDir = dataDirFor(opts);
  let store: Store | null = null;
  // Why the store did not open (every verdict NOT LOGGED): also why no installed bundle can be read,
  // when there is no database.
  let storeError: StoreError | null = null;
  let trust: PreparedTrust;
  try {
    if (!opts.noLog) {
      try {
        store = openStoreFor(opts);
      } catch (err) {
        // As the kiosk does: a store that cannot open (read-only, full, not a database) does not stop
        // verification; every verdict is shown marked NOT LOGGED and the run exits 1.
        if (!(err instanceof StoreError)) throw err;
        storeError = err;
        process.stderr.write(
          `bmet-kiosk: the verification log is unavailable: ${err.code}: ${err.message}; every verdict is shown NOT LOGGED\n`,
        );
      }
    }
    if (opts.bundle) {
      trust = bundleTrust(opts.bundle, roots);
    } else {
      // --no-log reads the installed bundle through a read-only handle, the data dir as it is (an
      // older schema too): nothing in it changes.
      if (!store && !hasDatabase(dataDir))
        throw storeError ? cannotRead(storeError) : (notAFolder(dataDir) ?? noBundle(dataDir));
      let reader: Pick<Store, 'loadInstalledTrust' | 'close'>;
      try {
        reader = store ?? openReaderFor(opts);
      } catch (err) {
        if (!(err instanceof StoreError) || !storeError) throw err;
        throw cannotRead(err);
      }
      try {
        const installed = reader.loadInstalledTrust(roots);
        if (!installed) throw noBundle(dataDir);
        trust = installed.trust;
      } finally {
        if (reader !== store) reader.close();
      }
    }
  } catch (err) {
    store?.close();
    throw err;
  }
  return handlerFor(opts, trust, store, storeError && `${storeError.code}: ${storeError.message}`);
}

/** The trust of a bundle named with --bundle; its warnings on stderr. */
function bundleTrust(file: string, roots: RootSet): PreparedTrust {
  const bundle = openBundleFile(file, roots);
  for (const w of bundleWarnings(bundle)) process.stderr.write(`bmet-kiosk: ${w}\n`);
  return bundle.trust;
}

function handlerFor(
  opts: SharedOptions,
  trust: PreparedTrust,
  store: Store | null,
  logProblem: string | null,
): ScanHandler {
  const path: ScanPathOptions = {
    trust,
    log: store,
    officer: opts.officer,
    ...(logProblem ? { noLogCode: 'LOG_UNAVAILABLE' } : {}),
  };
  // Each scan's time is taken when it is read, as handle() takes it.
  const now = () => opts.nowMs ?? Date.now();
  const resultOf = ({ verdict, log }: ScanOutcome): LoggedVerdict => {
    if (log.state === 'logged') return result(verdict, { logged: true, seq: log.seq });
    if (logProblem) return result(verdict, { logged: false, error: logProblem });
    return result(
      verdict,
      log.state === 'failed' ? { logged: false, error: log.message } : { logged: false },
    );
  };
  return {
    trust,
    store,
    logProblem,
    // The path the kiosk screens take too (main/core/scan/scan-path.ts): verify, log, then answer.
    handle: (qr, overlong = false) => resultOf(scanOnce(qr, now(), path, overlong)),
    batch(deliver) {
      const pipeline = scanPipeline(path, (outcome) => deliver(resultOf(outcome)));
      return {
        push: (qr, overlong = false) => pipeline.push(qr, now(), overlong),
        get full() {
          return pipeline.full;
        },
        room: () => pipeline.room(),
        drain: () => pipeline.drain(),
        close: () => pipeline.close(),
      };
    },
    close() {
      store?.close();
    },
  };
}
