/**
 * Seeded pseudo-random numbers. Every random choice in the engine (data, initial weights,
 * batch order) derives from the config's seed through these functions, so a run is
 * reproducible on any backend: weights are drawn here in JavaScript, not by tfjs.
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast 32-bit generator with a full 2^32 period. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed for a named stream, derived from the run's seed (FNV-1a over the name, mixed
 * with the seed). Each layer and each use gets its own stream, so adding a layer does not shift
 * the numbers another layer draws.
 */
export function deriveSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A generator for the stream `name` of the run seeded with `seed`. */
export function streamRng(seed: number, name: string): Rng {
  return mulberry32(deriveSeed(seed, name));
}

/** Standard normal samples (Box–Muller), `count` of them scaled by `std`. */
export function normalArray(rng: Rng, count: number, std: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 - u keeps the logarithm finite: u is in [0, 1).
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    const theta = 2 * Math.PI * rng();
    out[i] = r * Math.cos(theta) * std;
    if (i + 1 < count) out[i + 1] = r * Math.sin(theta) * std;
  }
  return out;
}

/** A uniformly random permutation of 0 … n−1 (Fisher–Yates). */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
