/**
 * `trust verify FILE`: the bundle's facts, or its refusal code (exit 3), also checked
 * against the version in force under the same roots when the data dir has one (BUNDLE_ROLLBACK).
 * `trust install FILE [--technician ID]`: installs through the store on the real clock (never
 * `--now`: exit 2), audited either way.
 * `trust status`: the bundle in force under the run's roots (the newest stored one they open).
 */
import path from 'node:path';
import type { TrustRefusalCode } from '../../contract/codes.ts';
import type { InstalledBundleInfo } from '../../core/trust/install-decision.ts';
import { decideInstall } from '../../core/trust/install-decision.ts';
import type { DataDirReader } from '../../core/store/reader.ts';
import type { VerifiedBundle } from '../../core/trust/bundle-file.ts';
import type { RootSet } from '../../core/trust/roots.ts';
import { InstalledTrustError, StoreError } from '../../core/store/errors.ts';
import { installReport } from '../../core/store/trust-store.ts';
import { EXIT, FailedError, RefusedError, UsageError, type CliCode } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom, type SharedOptions } from '../options.ts';
import { subcommandOf } from '../usage.ts';
import {
  actorFrom,
  dataDirFor,
  hasDatabase,
  notAFolder,
  openReaderFor,
  openStoreFor,
} from '../store-context.ts';
import { openBundleFile, readBundleFile, rootsFor } from '../trust-context.ts';
import { bundleWarnings } from '../../core/trust/bundle-types.ts';

const print = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

export async function runTrust(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { technician: { type: 'string' } });
  const opts = sharedFrom(values);
  const [given, file, ...rest] = positionals;
  const sub = subcommandOf('trust', ['verify', 'install', 'status'], given);
  if (sub === 'status') {
    if (file) throw new UsageError('usage: trust status');
    return trustStatus(opts);
  }
  if (!file || rest.length) throw new UsageError(`usage: trust ${sub} FILE`);
  // A fixed clock is for verdicts and checks (trust verify), never for installing: under it an
  // expired or not-yet-valid bundle would go in force and its audit line carry the made-up time.
  if (sub === 'install' && opts.nowMs !== undefined)
    throw new UsageError('trust install does not take --now: it installs on the real clock');
  return sub === 'verify' ? trustVerify(file, opts) : trustInstall(file, opts, actorFrom(values, opts));
}

/**
 * The version and hash of the bundle in force under `roots` (rows other roots signed do not
 * count), read without changing the data dir (as it is, an older schema too); null when there is none.
 */
function installedInfo(opts: SharedOptions, roots: RootSet): InstalledBundleInfo | null {
  if (!hasDatabase(dataDirFor(opts))) return null;
  let store: DataDirReader | null = null;
  try {
    store = openReaderFor(opts);
    return store.trust?.inForce(roots) ?? null;
  } catch (err) {
    process.stderr.write(`bmet-kiosk: not comparing with the installed bundle: ${(err as Error).message}\n`);
    return null;
  } finally {
    store?.close();
  }
}

function trustVerify(file: string, opts: SharedOptions): number {
  const roots = rootsFor(opts);
  const bundle = openBundleFile(file, roots);
  const p = bundle.payload;
  const installed = installedInfo(opts, roots);
  const decision = decideInstall(
    installed,
    { version: p.version, sha256: bundle.sha256, issuedAt: p.issuedAt, expiresAt: p.expiresAt },
    opts.nowMs ?? Date.now(),
  );
  if (decision.outcome === 'refused')
    throw new RefusedError(`${file}: ${decision.code}: ${decision.why}`, decision.code);
  for (const w of bundleWarnings(bundle)) process.stderr.write(`bmet-kiosk: ${w}\n`);
  print({
    ok: true,
    version: p.version,
    issuedAt: p.issuedAt,
    expiresAt: p.expiresAt,
    sha256: bundle.sha256,
    signedBy: bundle.signedBy,
    keys: p.keys.length,
    kids: kidsOf(bundle),
    revokedKids: p.revoked.kids.length,
    revokedClearances: bundle.trust.revokedClearances.size,
    rules: p.rules.length,
    warnings: bundleWarnings(bundle),
    installedVersion: installed?.version ?? null,
  });
  return EXIT.done;
}

function trustInstall(file: string, opts: SharedOptions, actor: string): number {
  const roots = rootsFor(opts);
  const source = path.resolve(file);
  const store = openStoreFor(opts);
  try {
    let bytes: Buffer;
    try {
      bytes = readBundleFile(file);
    } catch (err) {
      const code = ((err as RefusedError).code ?? 'BUNDLE_MALFORMED') as TrustRefusalCode;
      // Audit times are the store's clock at the writing (the store's creation row, when this run
      // made it, came first), as for an install below.
      store.trust.refuse(
        store.trust.nowIso(),
        { actor, source },
        { code, why: (err as Error).message, version: null, sha256: null },
      );
      throw new RefusedError((err as Error).message, code);
    }
    // The real clock judges the bundle (never --now: refused above), read once the file is.
    const r = store.trust.install({ bytes, roots, nowMs: Date.now(), actor, source });
    if (r.outcome === 'refused') throw new RefusedError(`${file}: ${r.code}: ${r.why}`, r.code);
    for (const w of bundleWarnings(r.bundle)) process.stderr.write(`bmet-kiosk: ${w}\n`);
    print({
      ok: true,
      // The contract's install report, as a stick's install and BMET's fetch give it (outcome
      // installed | unchanged: a refusal exited 3 above).
      ...installReport(r),
      ...(r.why ? { why: r.why } : {}),
      issuedAt: r.issuedAt,
      expiresAt: r.expiresAt,
      kids: r.bundle.payload.keys.map((k) => k.kid),
    });
    return EXIT.done;
  } finally {
    store.close();
  }
}

/** The bundle's keys as the kiosk treats them: a kid listed under revoked.kids shows as revoked. */
function kidsOf(b: VerifiedBundle): { kid: string; status: string; nbf: string; exp: string }[] {
  return b.payload.keys.map((k) => ({
    kid: k.kid,
    status: b.trust.keys.get(k.kid)?.status ?? k.status,
    nbf: k.nbf,
    exp: k.exp,
  }));
}

function trustStatus(opts: SharedOptions): number {
  // A --root file given is read first: refused, it is exit 3 with its code, whatever the data dir
  // holds (below, a failure to open the bundle is reported beside the installed facts).
  const given = opts.roots?.length ? rootsFor(opts) : null;
  const dataDir = dataDirFor(opts);
  if (!hasDatabase(dataDir))
    throw (
      notAFolder(dataDir) ?? new FailedError(`no trust bundle is installed in ${dataDir}`, 'NO_TRUST_BUNDLE')
    );
  // Read as it is: also a data dir an older schema made (none before schema 3 had a trust store).
  const store = openReaderFor(opts);
  try {
    const newest = store.trust?.installed();
    if (!newest) throw new FailedError(`no trust bundle is installed in ${dataDir}`, 'NO_TRUST_BUNDLE');
    const nowMs = opts.nowMs ?? Date.now();
    let kids: { kid: string; status: string; nbf: string; exp: string }[] | null = null;
    let problem: { code: CliCode; message: string } | null = null;
    // The bundle in force under this run's roots; when none opens, the newest row and why.
    let installed = newest;
    try {
      const inForce = store.loadTrustInForce(given ?? rootsFor(opts));
      if (inForce) installed = inForce.installed;
      kids = inForce ? kidsOf(inForce.bundle) : null;
    } catch (err) {
      // Beside the installed facts, the failure's code and message as every other failure line has them.
      const coded =
        err instanceof InstalledTrustError || err instanceof StoreError || err instanceof FailedError;
      problem = { code: (coded && err.code) || 'UNEXPECTED', message: (err as Error).message };
    }
    print({
      ok: problem === null,
      version: installed.version,
      issuedAt: installed.issuedAt,
      expiresAt: installed.expiresAt,
      expired: Date.parse(installed.expiresAt) <= nowMs,
      sha256: installed.sha256,
      installedAt: installed.installedAt,
      installedBy: installed.actor,
      source: installed.source,
      kids,
      ...(problem ? { code: problem.code, message: problem.message, problem: problem.message } : {}),
    });
    if (problem) process.stderr.write(`bmet-kiosk: ${problem.code}: ${problem.message}\n`);
    return problem ? EXIT.failure : EXIT.done;
  } finally {
    store.close();
  }
}
