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
