// Issue 2: the scan path (QR text to verdict, no logging) against raw crypto.verify and
// tweetnacl in the same run, and the whole `verify --no-log` process over 20,000 lines.
import { spawnSync } from 'node:child_process';
import { verify as cryptoVerify } from 'node:crypto';
import path from 'node:path';
import nacl from 'tweetnacl';
import { verifyQr } from '../main/core/verify/verify-qr.ts';
import { fmt, percentile, sampleMicros, type BenchSection } from './table.ts';
import { PROJECT_ROOT, signatureOf, VECTORS, VECTORS_NOW, vectorsTrust } from './vectors.ts';

const NOW = VECTORS_NOW;
const CARDS = 20_000;

export async function run(): Promise<BenchSection> {
  const { trust, valid } = vectorsTrust();
  const nowMs = Date.parse(NOW);
  const ctx = { trust, nowMs };
  const sig = signatureOf(valid[0]!, trust);

  // Warm up every path so the JIT has settled before sampling.
  for (let i = 0; i < 3000; i++) verifyQr(valid[i % valid.length]!, ctx);
  for (let i = 0; i < 3000; i++) cryptoVerify(null, sig.message, sig.key.verifyKey.key, sig.signature);

  const kiosk = sampleMicros(CARDS, (i) => {
    if (verifyQr(valid[i % valid.length]!, ctx).status !== 'valid') throw new Error('bench card not valid');
  });
  const raw = sampleMicros(CARDS, () => {
    if (!cryptoVerify(null, sig.message, sig.key.verifyKey.key, sig.signature))
      throw new Error('raw verify failed');
  });
  const naclSamples = 300;
  const naclKey = new Uint8Array(sig.key.verifyKey.raw);
  const tn = sampleMicros(naclSamples, () => {
    if (!nacl.sign.detached.verify(sig.message, sig.signature, naclKey))
      throw new Error('tweetnacl verify failed');
  });

  // Whole process: npm's node running the CLI over 20,000 stdin lines, start-up included.
  const input = Array.from({ length: CARDS }, (_, i) => valid[i % valid.length]).join('\n') + '\n';
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'main/cli/bin.mjs'),
        'verify',
        '--no-log',
        '--root',
        path.join(VECTORS, 'root.pem'),
        '--bundle',
        path.join(VECTORS, 'bundle.bmettrust'),
        '--now',
        NOW,
      ],
      { input, encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
    if (p.status !== 0 || p.stdout.split('\n').length !== CARDS + 1)
      throw new Error(`cli run failed: ${p.stderr}`);
    runs.push(elapsed / CARDS);
  }
  runs.sort((a, b) => a - b);
  const proc = runs[1]!;

  const kMed = percentile(kiosk, 50),
    kP99 = percentile(kiosk, 99);
  const rMed = percentile(raw, 50),
    rP99 = percentile(raw, 99);
  const tMed = percentile(tn, 50),
    tP99 = percentile(tn, 99);
  return {
    title: `Verify path (issue 2): ${CARDS.toLocaleString('en')} cards, µs per card`,
    rows: [
      {
        path: 'kiosk verifyQr (decode → verdict, no log)',
        median: fmt(kMed),
        p99: fmt(kP99),
        'vs raw crypto.verify': `${fmt(kMed / rMed, 2)}×`,
      },
      {
        path: 'raw crypto.verify, one signature',
        median: fmt(rMed),
        p99: fmt(rP99),
        'vs raw crypto.verify': '1.00×',
      },
      {
        path: `tweetnacl verify, one signature (${naclSamples} samples)`,
        median: fmt(tMed),
        p99: fmt(tP99),
        'vs raw crypto.verify': `${fmt(tMed / rMed, 1)}×`,
      },
      {
        path: 'whole process `verify --no-log`, stdin, start-up included (median of 3)',
        median: fmt(proc),
        p99: '',
        'vs raw crypto.verify': `${fmt(proc / rMed, 2)}×`,
      },
    ],
    targets: [
      { what: 'kiosk median ≤ 100 µs', met: kMed <= 100, detail: `${fmt(kMed)} µs` },
      { what: 'kiosk p99 ≤ 250 µs', met: kP99 <= 250, detail: `${fmt(kP99)} µs` },
      { what: 'kiosk ≤ 1.5× raw crypto.verify', met: kMed / rMed <= 1.5, detail: `${fmt(kMed / rMed, 2)}×` },
      {
        what: 'kiosk ≥ 50× faster than tweetnacl',
        met: tMed / kMed >= 50,
        detail: `${fmt(tMed / kMed, 1)}×`,
      },
      {
        what: 'whole process ≤ 2× raw crypto.verify per card',
        met: proc / rMed <= 2,
        detail: `${fmt(proc / rMed, 2)}×`,
      },
    ],
  };
}
