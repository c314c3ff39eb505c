import { describe, expect, it } from 'vitest';
import type { PathLengthRow } from './path-gradients';
import {
  decayPerBlock,
  effectiveLengths,
  gradientShares,
  pathShareBetween,
  pathShares,
  peakLength,
} from './paths-spec';

/** Rows of n blocks whose per-path gradient is g0 · r^k, as if measured exactly. */
function geometric(n: number, g0: number, r: number): PathLengthRow[] {
  const shares = pathShares(n);
  return shares.map((s, k) => {
    const perPath = g0 * r ** k;
    return { k, perPath, total: perPath * s * 2 ** n, sampled: 1 };
  });
}

describe('the path-length study’s measures', () => {
  it('path shares are the binomial distribution', () => {
    const s = pathShares(10);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s[5]).toBeCloseTo(252 / 1024, 12);
    expect(pathShareBetween(10, 0, 10)).toBeCloseTo(1, 12);
    expect(pathShareBetween(10, 0, 0)).toBeCloseTo(1 / 1024, 12);
  });

  it('decayPerBlock recovers the factor of a geometric fall', () => {
    expect(decayPerBlock(geometric(24, 0.3, 0.5))).toBeCloseTo(0.5, 10);
    expect(decayPerBlock(geometric(24, 1, 0.1))).toBeCloseTo(0.1, 10);
  });

  it('ignores lengths measured as exactly zero (underflow)', () => {
    const rows = geometric(8, 1, 0.5);
    rows[8] = { ...rows[8]!, perPath: 0, total: 0 };
    expect(decayPerBlock(rows)).toBeCloseTo(0.5, 10);
  });

  it('the total of C(n,k)·r^k peaks where the binomial weights say', () => {
    // C(n,k) r^k peaks near n·r/(1+r): n = 24, r = 0.5 gives 8.
    const rows = geometric(24, 1, 0.5);
    expect(peakLength(rows)).toBe(8);
    const shares = gradientShares(rows);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('effectiveLengths grows a window from the peak until it holds the share', () => {
    const rows = geometric(24, 1, 0.5);
    const e = effectiveLengths(rows, 0.9);
    expect(e.from).toBeLessThanOrEqual(8);
    expect(e.to).toBeGreaterThanOrEqual(8);
    expect(e.share).toBeGreaterThanOrEqual(0.9);
    // One length fewer on either side would hold less than 90%.
    const s = gradientShares(rows);
    const sum = (a: number, b: number) => s.slice(a, b + 1).reduce((x, y) => x + y, 0);
    expect(sum(e.from + 1, e.to)).toBeLessThan(0.9);
    expect(sum(e.from, e.to - 1)).toBeLessThan(0.9);
    // All of it: the whole range.
    expect(effectiveLengths(rows, 1.01)).toMatchObject({ from: 0, to: 24 });
  });
});
