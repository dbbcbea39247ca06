// The least any whole-process `verify` must do, as a floor for issue 9's start-up ratio:
// start Node, read stdin's lines, one crypto.verify a line (one real card's Sig_structure,
// signature and key, given as hex / base64 SPKI), and write a short JSON line for each.
// No decoding, no checks, no modules of ours: plain JS so Node strips no types.
// usage: node bench/verify-floor.mjs MESSAGE_HEX SIGNATURE_HEX SPKI_BASE64 < lines
import { createPublicKey, verify } from 'node:crypto';

const [msgHex, sigHex, spki] = process.argv.slice(2);
const message = Buffer.from(msgHex, 'hex');
const signature = Buffer.from(sigHex, 'hex');
const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
let pending = '';
let failed = 0;
const verifyLines = (lines) => {
  let out = '';
  for (const line of lines) {
    const ok = verify(null, message, key, signature);
    if (!ok) failed++;
    out += JSON.stringify({ status: ok ? 'valid' : 'invalid', chars: line.length }) + '\n';
  }
  process.stdout.write(out);
};
for await (const chunk of process.stdin) {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  verifyLines(lines);
}
if (pending) verifyLines([pending]);
process.exitCode = failed ? 1 : 0;
