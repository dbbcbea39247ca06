// Issue 8, "sign-in never stalls the desk": scan-to-verdict latency (a scan arriving on a
// timer, as a scanner's would, to its verdict committed to the log) with nobody signing in,
// against 4 concurrent sign-in loops — right PINs (each a real scrypt) and wrong PINs (a
// flood the kiosk-wide limit turns away) — and, for scale, 4 loops running the old
// synchronous scrypt on the same thread. Same store, same cards, same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UNSIGNED_OFFICER } from '../main/contract/staff.ts';
import { callKiosk, type CallContext } from '../main/app/dispatch.ts';
import { createKioskService } from '../main/app/service.ts';
import { createStaff } from '../main/app/staff.ts';
import { pinMatches } from '../main/core/store/people.ts';
import { openStore, type Store } from '../main/core/store/store.ts';
import { fmt, percentile, type BenchSection } from './table.ts';
import { vectorsTrust } from './vectors.ts';

const SCANS = 150;
const EVERY_MS = 25;
const LOOPS = 4;

type Load = 'idle' | 'right PINs' | 'wrong PINs' | 'old synchronous scrypt';

/** A page of its own for each loop: the transport keeps its session id. */
function page(): CallContext {
  const p: CallContext = {
    transport: 'loopback',
    sessionId: null,
    setSession: (id) => void (p.sessionId = id),
  };
  return p;
}

async function scenario(store: Store, valid: string[], load: Load, scans = SCANS): Promise<Float64Array> {
  const { trust } = vectorsTrust();
  // A fresh service and staff each time: the kiosk-wide limit starts from nothing.
  const service = createKioskService({
    trust: { prepared: trust, source: 'file' },
    trustProblem: null,
    roots: 'command-line',
    mode: 'production',
    log: store,
    officer: UNSIGNED_OFFICER,
    clock: Date.now,
    staff: createStaff({ store, clock: Date.now }),
  });
  let stop = false;
  let signIns = 0;
  const hash = store.db.prepare("SELECT pin_hash FROM people WHERE id = 'OF-B0'").pluck().get() as string;
  const loops = Array.from({ length: load === 'idle' ? 0 : LOOPS }, async (_, k) => {
    const p = page();
    while (!stop) {
      // Each try arrives as its own event, as an HTTP call would.
      await nextTurn();
      if (load === 'old synchronous scrypt') pinMatches('000000', hash);
      else
        await callKiosk(
          service,
          'login',
          [
            load === 'right PINs'
              ? { id: `OF-B${k}`, pin: '135790' }
              : { id: `X-${k}-${signIns}`, pin: '000000' },
          ],
          p,
        );
      signIns++;
    }
  });
  const lat = new Float64Array(scans);
  const t0 = performance.now() + 100;
  await new Promise<void>((resolve) => {
    const fire = (i: number) => {
      const due = t0 + i * EVERY_MS;
      setTimeout(
        () => {
          const r = callKiosk(service, 'scan', [{ text: valid[i % valid.length]!, source: 'manual' }]);
          if (!r.ok) throw new Error(`scan failed: ${JSON.stringify(r)}`);
          lat[i] = performance.now() - due;
          if (i + 1 < scans) fire(i + 1);
          else resolve();
        },
        Math.max(0, due - performance.now()),
      );
    };
    fire(0);
  });
  stop = true;
  await Promise.all(loops);
  service.close();
  if (load !== 'idle' && signIns < LOOPS) throw new Error(`${load}: the sign-in loops did not run`);
  return lat.sort();
}

export async function run(): Promise<BenchSection> {
  const { valid } = vectorsTrust();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-bench-signin-'));
  const store = openStore({ dataDir: path.join(tmp, 'data') });
  try {
    for (let k = 0; k < LOOPS; k++)
      store.people.add({ id: `OF-B${k}`, name: `Bench ${k}`, role: 'officer', pin: '135790' }, 'bench');
    await scenario(store, valid, 'idle'); // warm-up: JIT, the log's pages
    const results: [Load, Float64Array][] = [];
    for (const load of ['idle', 'right PINs', 'wrong PINs'] as const)
      results.push([load, await scenario(store, valid, load)]);
    // Few scans here: each one waits behind whole scrypt runs.
    results.push(['old synchronous scrypt', await scenario(store, valid, 'old synchronous scrypt', 12)]);
    const idle = percentile(results[0]![1], 50);
    const med = (l: Load) => percentile(results.find(([x]) => x === l)![1], 50);
    return {
      title: `Sign-in vs the desk: scan-to-verdict latency (logged), ${SCANS} scans every ${EVERY_MS} ms, ms`,
      rows: results.map(([load, lat]) => ({
        'sign-in load': `${load === 'idle' ? 'nobody signing in (baseline)' : `${LOOPS} loops, ${load}`} (${lat.length} scans)`,
        median: fmt(percentile(lat, 50), 2),
        p99: fmt(percentile(lat, 99), 2),
        'median vs idle': `${fmt(percentile(lat, 50) / idle, 2)}×`,
      })),
      targets: (['right PINs', 'wrong PINs'] as const).map((l) => ({
        what: `median with ${LOOPS} sign-in loops (${l}) ≤ 1.2× idle`,
        met: med(l) / idle <= 1.2,
        detail: `${fmt(med(l) / idle, 2)}×`,
      })),
      notes: ['the old synchronous scrypt row is not a target: it shows what the desk waited before'],
    };
  } finally {
    store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
