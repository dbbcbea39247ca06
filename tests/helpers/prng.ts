/** A small seeded PRNG (sfc32) for fuzz and differential tests: the seed is printed, so a failure reproduces. */

export interface Prng {
  seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  int(n: number): number;
  bytes(n: number): Buffer;
  pick<T>(xs: readonly T[]): T;
}

/** BMET_TEST_SEED=N reruns with that seed; otherwise a fresh one each run. */
export function testSeed(): number {
  const env = process.env.BMET_TEST_SEED;
  return env !== undefined && env !== '' ? Number(env) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

export function prng(seed: number): Prng {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const u32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 16; i++) u32();
  const next = () => u32() / 2 ** 32;
  const int = (n: number) => Math.floor(next() * n);
  return {
    seed,
    next,
    int,
    bytes: (n) => {
      const out = Buffer.alloc(n);
      for (let i = 0; i < n; i++) out[i] = u32() & 0xff;
      return out;
    },
    pick: (xs) => xs[int(xs.length)]!,
  };
}
