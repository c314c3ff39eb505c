/**
 * The distribution of path lengths in an unrolled residual network: with n blocks, a path picks
 * each block or skips it, so its length is Binomial(n, 1/2) (Veit et al. 2016).
 */

/** The largest depth the chart offers: ResNet-110 on CIFAR has 54 blocks; we go to 110. */
export const MAX_CHART_BLOCKS = 110;

/** One bar: the share of all 2^n paths that pass through exactly k blocks. */
export interface LengthShare {
  length: number;
  /** C(n, k) / 2^n. */
  share: number;
}

/**
 * Shares of the 2^n paths by length k = 0 … n. Computed by the ratio
 * C(n, k+1) / C(n, k) = (n − k)/(k + 1) starting from 2^−n, which stays within double range for
 * every n up to 110 (2^−110 ≈ 8e−34) without forming the huge counts themselves.
 */
export function pathLengthShares(n: number): LengthShare[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CHART_BLOCKS) {
    throw new RangeError(`blocks must be an integer from 1 to ${MAX_CHART_BLOCKS}, got ${n}`);
  }
  const out: LengthShare[] = [];
  let p = Math.pow(2, -n);
  for (let k = 0; k <= n; k++) {
    out.push({ length: k, share: p });
    p = (p * (n - k)) / (k + 1);
  }
  return out;
}

/** The share of paths whose length lies in [lo, hi] (inclusive). */
export function shareBetween(shares: LengthShare[], lo: number, hi: number): number {
  return shares.filter((s) => s.length >= lo && s.length <= hi).reduce((a, s) => a + s.share, 0);
}
