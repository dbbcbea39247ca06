/** `trust verify FILE`: the bundle's facts, or its refusal code (exit 3). */
import { decideInstall } from '../../core/trust/install-decision.ts';
import { EXIT, RefusedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import { openBundleFile, rootsFor } from '../trust-context.ts';

export async function runTrust(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {});
  const opts = sharedFrom(values);
  const [sub, file, ...rest] = positionals;
  if (sub !== 'verify') throw new UsageError(`trust ${sub ?? ''}: only 'trust verify FILE' is available in this build`.trim());
  if (!file || rest.length) throw new UsageError('usage: trust verify FILE');
  const bundle = openBundleFile(file, rootsFor(opts));
  const p = bundle.payload;
  const decision = decideInstall(null, { version: p.version, sha256: bundle.sha256, issuedAt: p.issuedAt, expiresAt: p.expiresAt }, opts.nowMs ?? Date.now());
  if (decision.action === 'refuse') throw new RefusedError(`${file}: ${decision.code}: ${decision.why}`, decision.code);
  for (const w of bundle.warnings) process.stderr.write(`bmet-kiosk: ${w}\n`);
  process.stdout.write(JSON.stringify({
    ok: true,
    version: p.version,
    issuedAt: p.issuedAt,
    expiresAt: p.expiresAt,
    sha256: bundle.sha256,
    signedBy: bundle.signedBy,
    keys: p.keys.length,
    kids: p.keys.map((k) => ({ kid: k.kid, status: k.status, nbf: k.nbf, exp: k.exp })),
    revokedKids: p.revoked.kids.length,
    revokedClearances: bundle.trust.revokedClearances.size,
    rules: p.rules.length,
    warnings: bundle.warnings,
  }) + '\n');
  return EXIT.done;
}
