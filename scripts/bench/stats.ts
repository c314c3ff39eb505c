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
 * Per-call times of functions compared with each other: after a warm-up of each, the calls
 * interleave one by one in a rotating order (a b c, b c a, c a b, …), so that JIT tiering,
 * garbage collection and drift in machine load hit all alike; each figure is the median over
 * the calls. Slow functions get fewer calls: the rounds stop at
 * `calls` or when `budgetMs` is spent, but never before `minCalls`.
 */
export async function timeTogether<const T extends readonly (() => Promise<unknown>)[]>(
  fns: T,
  { warmup = 5, calls = 41, minCalls = 7, budgetMs = 20_000 } = {},
): Promise<{ [K in keyof T]: number }> {
  const times = fns.map(() => [] as number[]);
  const round = async (r: number, record: boolean) => {
    for (let k = 0; k < fns.length; k++) {
      const i = (r + k) % fns.length;
      const t0 = performance.now();
      await fns[i]!();
      if (record) times[i]!.push(performance.now() - t0);
    }
  };
  const start = performance.now();
  for (let r = 0; r < warmup; r++) {
    await round(r, false);
    // A round over a second: two warm-up rounds are plenty.
    if (r >= 1 && performance.now() - start > 2000) break;
  }
  const measuring = performance.now();
  for (let r = 0; r < calls; r++) {
    if (r >= minCalls && performance.now() - measuring > budgetMs) break;
    await round(r, true);
  }
  return times.map(median) as { [K in keyof T]: number };
}

/**
 * The nets timed at a depth: residual and plain up to 100 blocks; deeper, residual only. A plain
 * ReLU + batch-norm net of 250 blocks has gradients at initialisation beyond float32's range
 * (about 1e11 at 64 blocks already), so its first step is not finite and there is no step to time.
 */
export function benchSkips(blocks: number): readonly ('identity' | 'none')[] {
  return blocks > 100 ? ['identity'] : ['identity', 'none'];
}
