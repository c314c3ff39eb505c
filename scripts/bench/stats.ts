/** Timing helpers of the benchmark: medians of repeated runs after a warm-up. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median over `runs` runs of the mean time of `perRun` calls of `fn`, after `warmup` calls.
 * Returns milliseconds per call.
 */
export async function timeIt(
  fn: () => Promise<unknown>,
  { warmup = 3, runs = 5, perRun = 5 } = {},
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRun; i++) await fn();
    times.push((performance.now() - t0) / perRun);
  }
  return median(times);
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/**
 * Per-call times of two functions compared with each other: after a warm-up of both, the calls
 * alternate one by one (a b, b a, a b, …), so that JIT tiering, garbage collection and drift in
 * machine load hit both alike; each figure is the median over `calls` calls. On these shared
 * machines this halves the spread of the a/b ratio compared with timing each in its own block.
 */
export async function timePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  { warmup = 5, calls = 41 } = {},
): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const times: [number[], number[]] = [[], []];
  const once = async (fn: () => Promise<unknown>, into: number[]) => {
    const t0 = performance.now();
    await fn();
    into.push(performance.now() - t0);
  };
  for (let r = 0; r < calls; r++) {
    if (r % 2 === 0) {
      await once(a, times[0]);
      await once(b, times[1]);
    } else {
      await once(b, times[1]);
      await once(a, times[0]);
    }
  }
  return [median(times[0]), median(times[1])];
}
