import { describe, expect, it } from 'vitest';
import {
  choose,
  decayPerBlock,
  effectiveLengths,
  gradientShares,
  lengthCancellation,
  meanLength,
  pathCancellation,
  pathShareBetween,
  pathShares,
  pathsConfig,
  pathsScaleVerdicts,
  pathsSeeds,
  PATHS_SPEC,
  pathsVerdicts,
  peakLength,
  shareUpTo,
  shortLength,
  type PathGradients,
  type PathsRun,
} from './spec';

/**
 * A measurement of n blocks whose single paths of length k all carry g0 · r^k and whose length
 * k delivers ‖G_k‖ = lengths[k] (C(n, k) · g0 · r^k unless given), of a gradient of norm `norm`.
 */
function measured(
  n: number,
  g0: number,
  r: number,
  { lengths, norm = 1 }: { lengths?: number[]; norm?: number } = {},
): PathGradients {
  return {
    rows: pathShares(n).map((_, k) => ({
      k,
      norm: lengths?.[k] ?? choose(n, k) * g0 * r ** k,
      along: 0,
      perPath: g0 * r ** k,
      sampled: 1,
    })),
    gradientNorm: norm,
    sumError: 0,
  };
}

describe('the path-length study’s measures', () => {
  it('path shares are the binomial distribution', () => {
    const s = pathShares(10);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s[5]).toBeCloseTo(252 / 1024, 12);
    expect(pathShareBetween(10, 0, 10)).toBeCloseTo(1, 12);
    expect(pathShareBetween(10, 0, 0)).toBeCloseTo(1 / 1024, 12);
  });

  it('decayPerBlock recovers the factor of a geometric fall, ignoring exact zeros', () => {
    expect(decayPerBlock(measured(24, 0.3, 0.5))).toBeCloseTo(0.5, 10);
    expect(decayPerBlock(measured(24, 1, 0.1))).toBeCloseTo(0.1, 10);
    const m = measured(8, 1, 0.5);
    m.rows[8] = { ...m.rows[8]!, perPath: 0 };
    expect(decayPerBlock(m)).toBeCloseTo(0.5, 10);
  });

  it('shares, peak and mean length follow the lengths’ exact gradients', () => {
    // C(n,k) r^k peaks near n·r/(1+r): n = 24, r = 0.5 gives 8, and its mean is exactly 8.
    const m = measured(24, 1, 0.5);
    expect(peakLength(m)).toBe(8);
    expect(meanLength(m)).toBeCloseTo(8, 10);
    expect(gradientShares(m).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shareUpTo(m, 24)).toBeCloseTo(1, 12);
    const two = measured(3, 1, 1, { lengths: [1, 0, 3, 0] });
    expect(gradientShares(two)).toEqual([0.25, 0, 0.75, 0]);
    expect(meanLength(two)).toBeCloseTo(1.5, 12);
    expect(shareUpTo(two, 1)).toBeCloseTo(0.25, 12);
    expect(shortLength(24)).toBe(6);
  });

  it('measures cancellation: lengths exactly, single paths from their sampled norms', () => {
    // Lengths of norms 1, 2, 1 adding up to a gradient of norm 0.5: 4 as magnitudes, 8 times it.
    const m = measured(2, 1, 10, { lengths: [1, 2, 1], norm: 0.5 });
    expect(lengthCancellation(m)).toBeCloseTo(8, 12);
    // Single paths: 1 + 2·10 + 100 = 121 as magnitudes, against 0.5.
    expect(pathCancellation(m)).toBeCloseTo(242, 10);
  });

  it('effectiveLengths grows a window from the peak until it holds the share', () => {
    const m = measured(24, 1, 0.5);
    const e = effectiveLengths(m, 0.9);
    expect(e.from).toBeLessThanOrEqual(8);
    expect(e.to).toBeGreaterThanOrEqual(8);
    expect(e.share).toBeGreaterThanOrEqual(0.9);
    // One length fewer on either side would hold less than 90%.
    const s = gradientShares(m);
    const sum = (a: number, b: number) => s.slice(a, b + 1).reduce((x, y) => x + y, 0);
    expect(sum(e.from + 1, e.to)).toBeLessThan(0.9);
    expect(sum(e.from, e.to - 1)).toBeLessThan(0.9);
    // All of it: the whole range.
    expect(effectiveLengths(m, 1.01)).toMatchObject({ from: 0, to: 24 });
  });
});

describe('the path-length study’s spec and verdicts', () => {
  it('measures the seeds the page reports, then the held-out ones, at every branch scale', () => {
    expect(PATHS_SPEC.exact).toBe(true);
    expect(pathsSeeds(PATHS_SPEC)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(PATHS_SPEC.branchScales).toEqual([0.15, 1]);
    expect(pathsConfig(PATHS_SPEC, 5, 1)).toMatchObject({ seed: 5, branchScale: 1, blocks: 24 });
  });

  // Init: single paths fall by 0.6 a block, summed magnitudes 1000× the gradient. Trained: by
  // 0.2 a block, the lengths adding up to the gradient with little cancellation.
  const n = 24;
  const init = (r = 0.6) => {
    const m = measured(n, 1, r);
    const total = m.rows.reduce((s, x) => s + x.norm, 0);
    return { ...m, gradientNorm: total / 1000 };
  };
  const trained = (r = 0.2) => {
    const m = measured(n, 1, r);
    return { ...m, gradientNorm: m.rows.reduce((s, x) => s + x.norm, 0) / 1.2 };
  };
  const run = (over: Partial<PathsRun> = {}): PathsRun => ({
    seed: 1,
    branchScale: 0.15,
    init: init(),
    trained: trained(),
    testError: 0,
    ...over,
  });

  it('hold for a net whose gradient moves to short paths and stops cancelling', () => {
    expect(pathsVerdicts([run()], n)).toEqual([
      {
        seed: 1,
        branchScale: 0.15,
        initShorter: true,
        trainedShort: true,
        trainingShortens: true,
        decays: true,
        initCancels: true,
        trainedAdds: true,
      },
    ]);
  });

  it('fail where the data say otherwise', () => {
    // Paths that gain with each block: the mean path is long, nothing decays.
    const [v] = pathsVerdicts([run({ init: init(1.1), trained: trained(0.9) })], n);
    expect(v).toMatchObject({ initShorter: false, trainedShort: false, decays: false });
    // Training that lengthens the paths, and a trained net whose lengths still cancel.
    const longer = trained(0.8);
    const [w] = pathsVerdicts(
      [run({ trained: { ...longer, gradientNorm: longer.gradientNorm / 10 } })],
      n,
    );
    expect(w).toMatchObject({ trainingShortens: false, trainedAdds: false });
    // An init whose paths hardly cancel.
    const [u] = pathsVerdicts([run({ init: { ...init(), gradientNorm: 1e9 } })], n);
    expect(u!.initCancels).toBe(false);
  });

  it('compare each seed’s branch scales: the smaller one favours short paths', () => {
    const small = run({ seed: 2, branchScale: 0.15, init: init(0.5), trained: trained(0.2) });
    const large = run({ seed: 2, branchScale: 1, init: init(0.7), trained: trained(0.3) });
    expect(pathsScaleVerdicts([small, large], n)).toEqual([
      { seed: 2, smallScaleFavoursShort: true },
    ]);
    const swapped = { ...large, branchScale: 0.1 };
    expect(pathsScaleVerdicts([small, swapped], n)[0]!.smallScaleFavoursShort).toBe(false);
    // One scale alone is no comparison.
    expect(pathsScaleVerdicts([small], n)[0]!.smallScaleFavoursShort).toBe(false);
  });
});
