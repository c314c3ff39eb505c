import { describe, expect, it } from 'vitest';
import { binomial } from './expansion';
import { MAX_CHART_BLOCKS, pathLengthShares, shareBetween } from './pathLengths';

describe('pathLengthShares', () => {
  it('matches C(n, k) / 2^n for small n', () => {
    for (let n = 1; n <= 12; n++) {
      const shares = pathLengthShares(n);
      expect(shares).toHaveLength(n + 1);
      shares.forEach((s, k) => expect(s.share).toBeCloseTo(binomial(n, k) / 2 ** n, 12));
    }
  });

  it('sums to 1 and stays finite up to 110 blocks', () => {
    for (const n of [1, 54, MAX_CHART_BLOCKS]) {
      const shares = pathLengthShares(n);
      expect(shares.every((s) => Number.isFinite(s.share) && s.share > 0)).toBe(true);
      expect(shares.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 10);
    }
  });

  it('is symmetric and peaks in the middle', () => {
    const shares = pathLengthShares(54);
    expect(shares[10]?.share).toBeCloseTo(shares[44]?.share ?? NaN, 15);
    const top = shares.reduce((a, s) => (s.share > a.share ? s : a));
    expect(top.length).toBe(27);
  });

  it('reproduces Veit et al.: about 98% of ResNet-110 paths have 19–35 blocks', () => {
    const shares = pathLengthShares(54);
    const mid = shareBetween(shares, 19, 35);
    expect(mid).toBeGreaterThan(0.97);
    expect(mid).toBeLessThan(0.99);
    // The paths that carry most of the gradient (5–17 blocks) are a small minority.
    expect(shareBetween(shares, 5, 17)).toBeLessThan(0.01);
  });

  it('rejects depths outside 1 … 110', () => {
    expect(() => pathLengthShares(0)).toThrow(RangeError);
    expect(() => pathLengthShares(111)).toThrow(RangeError);
  });
});
