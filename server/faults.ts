/**
 * Fault injection for the reference server: each fault has a probability per batch
 * request, drawn from a seeded generator so a failing run can be repeated. Errors and
 * busy answers come before storing; lost, garbage, wrong-type, huge and slow answers come
 * after the batch is stored, which is the hard case for exactly-once.
 */
export interface FaultConfig {
  seed: number;
  /** 500 before storing. */
  error500: number;
  /** 503 with Retry-After before storing. */
  busy503: number;
  /** 429 with Retry-After before storing. */
  busy429: number;
  /** 400 before storing: a server whose checks wrongly refuse good batches (the kiosk quarantines). */
  reject400: number;
  /** Retry-After value sent with 503/429 (delta-seconds or an HTTP-date). */
  retryAfter: string;
  /** A delay before answering, of up to delayMs. */
  delay: number;
  delayMs: number;
  /** Store, then drop the connection without an answer. */
  lostAfterStore: number;
  /** Store, then answer 200 with a body that is not JSON. */
  garbage: number;
  /** Store, then answer 200 as text/html. */
  wrongType: number;
  /** Store, then answer 200 with a body of hugeBytes. */
  huge: number;
  hugeBytes: number;
  /** Store, then drip the answer one byte every slowByteMs. */
  slow: number;
  slowByteMs: number;
}

export type FaultName =
  | 'error500'
  | 'busy503'
  | 'busy429'
  | 'reject400'
  | 'lostAfterStore'
  | 'garbage'
  | 'wrongType'
  | 'huge'
  | 'slow';
export const BEFORE_STORE: FaultName[] = ['error500', 'busy503', 'busy429', 'reject400'];
export const AFTER_STORE: FaultName[] = ['lostAfterStore', 'garbage', 'wrongType', 'huge', 'slow'];

export const NO_FAULTS: FaultConfig = {
  seed: 1,
  error500: 0,
  busy503: 0,
  busy429: 0,
  reject400: 0,
  retryAfter: '1',
  delay: 0,
  delayMs: 0,
  lostAfterStore: 0,
  garbage: 0,
  wrongType: 0,
  huge: 0,
  hugeBytes: 8 * 1024 * 1024,
  slow: 0,
  slowByteMs: 200,
};

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  config: FaultConfig = { ...NO_FAULTS };
  private rand = prng(1);
  readonly injected: Record<FaultName | 'delay', number> = {
    error500: 0,
    busy503: 0,
    busy429: 0,
    reject400: 0,
    lostAfterStore: 0,
    garbage: 0,
    wrongType: 0,
    huge: 0,
    slow: 0,
    delay: 0,
  };

  set(patch: Partial<FaultConfig>): FaultConfig {
    const next = { ...this.config, ...patch };
    for (const [k, v] of Object.entries(next)) {
      if (k === 'retryAfter') continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new Error(`fault ${k} must be a number ≥ 0`);
    }
    this.config = next;
    if (patch.seed !== undefined) this.rand = prng(patch.seed);
    return next;
  }

  /** At most one fault of the group per request, each with its own probability. */
  pick(group: FaultName[]): FaultName | null {
    for (const f of group) {
      if (this.config[f] > 0 && this.rand() < this.config[f]) {
        this.injected[f]++;
        return f;
      }
    }
    return null;
  }

  delayMs(): number {
    if (this.config.delay <= 0 || this.rand() >= this.config.delay) return 0;
    this.injected.delay++;
    return Math.round(this.rand() * this.config.delayMs);
  }
}

/** Fault flags of the command line: --fault-error500 0.1 --fault-retry-after 2 … */
export const FAULT_FLAGS: Record<string, keyof FaultConfig> = {
  'fault-seed': 'seed',
  'fault-error500': 'error500',
  'fault-busy503': 'busy503',
  'fault-busy429': 'busy429',
  'fault-reject': 'reject400',
  'fault-retry-after': 'retryAfter',
  'fault-delay': 'delay',
  'fault-delay-ms': 'delayMs',
  'fault-lost': 'lostAfterStore',
  'fault-garbage': 'garbage',
  'fault-wrong-type': 'wrongType',
  'fault-huge': 'huge',
  'fault-huge-bytes': 'hugeBytes',
  'fault-slow': 'slow',
  'fault-slow-byte-ms': 'slowByteMs',
};
