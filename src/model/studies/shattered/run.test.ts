// @vitest-environment node
/**
 * Shattered gradients: the statistics on sequences whose answer is known, the gradient along the
 * line against finite differences of the output, memory, cancelling, the measures and verdicts on
 * made-up runs. The claims on the shipped spec (seeds 1–3, and 4–6 held out) are tested with the
 * shipped file, in tests/shipped/shattered.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../scripts/node-backend';
import { parseConfig } from '../../engine/config';
import { buildNetwork } from '../../engine/network';
import { normalArray, streamRng } from '../../engine/rng';
import { lineGradient, lineOutput, runShatteredSpec } from './run';
import {
  autocorrelation,
  depthAtLevel,
  lag1,
  lag1Autocorrelation,
  linePoints,
  meanAbsAutocorrelation,
  shatteredMeasures,
  shatteredNets,
  shatteredVerdicts,
  SHATTERED_THRESHOLDS,
  type ShatteredRun,
  type ShatteredSpec,
} from './spec';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('lag1Autocorrelation', () => {
  const n = 256;

  it('is about 1 for a straight ramp, −1 for an alternating sequence, 1 for a constant', () => {
    const ramp = Array.from({ length: n }, (_, i) => 3 - 0.5 * i);
    expect(lag1Autocorrelation(ramp)).toBeGreaterThan(0.98);
    const alternating = Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    expect(lag1Autocorrelation(alternating)).toBeCloseTo(-(n - 1) / n, 10);
    expect(lag1Autocorrelation(new Array<number>(n).fill(2.5))).toBe(1);
    expect(() => lag1Autocorrelation([1])).toThrow(/2\+ values/);
  });

  it('is near 0 for seeded white noise, and near 1 for its running sum (brown noise)', () => {
    const white = Array.from(normalArray(streamRng(7, 'white'), 4096, 1));
    // White noise's r₁ has a spread of about 1/√4096 ≈ 0.016.
    expect(Math.abs(lag1Autocorrelation(white))).toBeLessThan(0.05);
    let s = 0;
    const brown = white.map((v) => (s += v));
    expect(lag1Autocorrelation(brown)).toBeGreaterThan(0.95);
  });

  it('does not depend on the scale or offset of the values', () => {
    const v = Array.from(normalArray(streamRng(3, 'v'), 64, 1));
    expect(lag1Autocorrelation(v.map((x) => 1e6 * x - 4))).toBeCloseTo(lag1Autocorrelation(v), 6);
  });
});

describe('autocorrelation', () => {
  const n = 256;

  it('is 1 at lag 0, falls slowly for a ramp, alternates for ±1, and agrees with r₁', () => {
    const ramp = Array.from({ length: n }, (_, i) => 0.5 * i - 3);
    const r = autocorrelation(ramp, 8);
    expect(r).toHaveLength(9);
    expect(r[0]).toBeCloseTo(1, 12);
    for (let k = 1; k <= 8; k++) {
      expect(r[k]!).toBeLessThan(r[k - 1]!);
      expect(r[k]!).toBeGreaterThan(0.9);
    }
    expect(r[1]).toBeCloseTo(lag1Autocorrelation(ramp), 12);
    const alternating = Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    autocorrelation(alternating, 5).forEach((v, k) =>
      expect(v).toBeCloseTo((k % 2 ? -1 : 1) * ((n - k) / n), 10),
    );
    expect(autocorrelation(new Array<number>(n).fill(-2), 3)).toEqual([1, 1, 1, 1]);
  });

  it('is near 0 at every lag for seeded white noise, and its mean |r_k| is small', () => {
    const white = Array.from(normalArray(streamRng(11, 'acf'), 4096, 1));
    const r = autocorrelation(white, 16);
    for (const v of r.slice(1)) expect(Math.abs(v)).toBeLessThan(0.05);
    expect(meanAbsAutocorrelation(r)).toBeLessThan(0.03);
    expect(
      meanAbsAutocorrelation(
        autocorrelation(
          white.map((_, i) => i),
          16,
        ),
      ),
    ).toBeGreaterThan(0.9);
  });

  it('needs more values than lags', () => {
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow(/needs 4\+ values, not 3/);
    expect(() => autocorrelation([1, 2, 3], -1)).toThrow(/lag -1/);
  });
});

describe('the line', () => {
  it('has evenly spaced points with both ends included', () => {
    expect(linePoints([-1, 0], [1, 2], 3)).toEqual([
      [-1, 0],
      [0, 1],
      [1, 2],
    ]);
  });
});

describe.each([
  { name: 'tanh residual net with batch norm', norm: 'batch' as const, skip: 'identity' as const },
  { name: 'tanh plain net without batch norm', norm: 'none' as const, skip: 'none' as const },
])('the gradient along the line of a $name', ({ norm, skip }) => {
  it('matches a central difference of the output, and releases its tensors', () => {
    // tanh is smooth, so the difference converges; a ReLU net's would jump at its kinks.
    const config = parseConfig({ blocks: 3, width: 8, activation: 'tanh', norm, skip, seed: 5 });
    const net = buildNetwork(config, 2, 2);
    const [from, to, points, h] = [[-2, -1] as const, [2, 1.5] as const, 64, 1e-2];
    const before = tf.memory().numTensors;
    const g = lineGradient(net, from, to, points);
    const up = lineOutput(net, from, to, points, h);
    const down = lineOutput(net, from, to, points, -h);
    expect(tf.memory().numTensors).toBe(before);
    const scale = Math.max(...g.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-3);
    const worst = Math.max(...g.map((v, i) => Math.abs(v - (up[i]! - down[i]!) / (2 * h))));
    expect(worst / scale).toBeLessThan(1e-2);
    net.dispose();
  });
});

describe('runShatteredSpec', () => {
  const small: ShatteredSpec = {
    base: parseConfig({ width: 8, norm: 'batch' }),
    depths: [1, 3],
    seeds: [1],
    heldOutSeeds: [2],
    branchScales: [1, 0.5],
    points: 32,
    line: { from: [-1, -1], to: [1, 0] },
    maxLag: 4,
    traceDepths: [3],
  };

  it('measures every net, seed by seed, plain then each scale, and releases every tensor', async () => {
    expect(
      shatteredNets(small).map(
        (n) => `${n.seed}:${n.arm}:${n.branchScale}:${n.depth}:${n.config.skip}`,
      ),
    ).toEqual([
      '1:plain:null:1:none',
      '1:plain:null:3:none',
      '1:residual:1:1:identity',
      '1:residual:1:3:identity',
      '1:residual:0.5:1:identity',
      '1:residual:0.5:3:identity',
      '2:plain:null:1:none',
      '2:plain:null:3:none',
      '2:residual:1:1:identity',
      '2:residual:1:3:identity',
      '2:residual:0.5:1:identity',
      '2:residual:0.5:3:identity',
    ]);
    // Each residual net has its scale; a plain net keeps the default, which it ignores.
    expect(shatteredNets(small).map((n) => n.config.branchScale)).toEqual([
      1, 1, 1, 1, 0.5, 0.5, 1, 1, 1, 1, 0.5, 0.5,
    ]);
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const runs = (await runShatteredSpec(small, { onProgress: (d, t) => seen.push(`${d}/${t}`) }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(seen.at(-1)).toBe('12/12');
    expect(runs).toHaveLength(12);
    for (const r of runs) {
      expect(r.acf).toHaveLength(5);
      expect(r.acf[0]).toBeCloseTo(1, 10);
      for (const v of r.acf) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      // The whole gradient at the trace depth, on the reported seed only.
      expect(r.gradient?.length).toBe(r.depth === 3 && r.seed === 1 ? 32 : undefined);
    }
  });

  it('stops between nets once cancelled, releasing its tensors', async () => {
    const before = tf.memory().numTensors;
    let done = 0;
    const runs = await runShatteredSpec(small, {
      onProgress: (d) => (done = d),
      cancelled: () => done >= 3,
    });
    expect(runs).toBeNull();
    expect(done).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the measures and verdicts', () => {
  const depths = [1, 2, 4, 8, 16];
  /** Runs of one arm of seed 1 with r₁ as given (and the rest of the function as noise-free). */
  const arm = (branchScale: number | null, r1: number[], rest = 0): ShatteredRun[] =>
    r1.map((v, i) => ({
      arm: branchScale === null ? 'plain' : 'residual',
      branchScale,
      depth: depths[i]!,
      seed: 1,
      acf: [1, v, rest, -rest],
    }));

  it('find the depth where r₁ falls to a level, in log depth', () => {
    expect(depthAtLevel(arm(null, [0.9, 0.7, 0.3, 0.1, 0]), 0.5)).toBeCloseTo(2 * Math.SQRT2);
    expect(depthAtLevel(arm(null, [0.4, 0.3, 0.2, 0.1, 0]), 0.5)).toBe(1);
    expect(depthAtLevel(arm(null, [0.9, 0.9, 0.9, 0.9, 0.9]), 0.5)).toBe(Infinity);
    expect(lag1(arm(null, [0.9])[0]!)).toBe(0.9);
  });

  it('measure where the plain net shatters, and each scale against plain and the scale before', () => {
    const runs = [
      ...arm(null, [0.98, 0.9, 0.7, 0.05, 0.02], 0.01),
      ...arm(1, [0.97, 0.95, 0.8, 0.5, 0.3]),
      ...arm(0.25, [0.97, 0.96, 0.92, 0.85, 0.7]),
    ];
    const [m] = shatteredMeasures(runs, [1, 0.25]);
    const plainHalf = depthAtLevel(arm(null, [0.98, 0.9, 0.7, 0.05, 0.02]), 0.5);
    expect(m).toEqual({
      seed: 1,
      plainShallowest: 0.98,
      plainDeepest: 0.02,
      noiseDepth: 8,
      plainAtNoise: 0.05,
      // Lags 1–3 at 8 and 16 blocks: (0.05 + 0.01 + 0.01) / 3 and (0.02 + 0.01 + 0.01) / 3.
      plainWhite: expect.closeTo(0.07 / 3, 12),
      plainDepthToHalf: plainHalf,
      residual: [
        {
          branchScale: 1,
          shallowest: 0.97,
          deepest: 0.3,
          wherePlainShatters: 0.5,
          // 0.5 is not below 0.5: r₁ falls past it between 8 and 16 blocks.
          depthToHalf: expect.closeTo(8, 6),
          overPlain: expect.closeTo(8 / plainHalf, 6),
          overPreviousScale: null,
        },
        {
          branchScale: 0.25,
          shallowest: 0.97,
          deepest: 0.7,
          wherePlainShatters: 0.85,
          depthToHalf: null,
          overPlain: null,
          overPreviousScale: null,
        },
      ],
    });
  });

  it('pass a plain net that shatters beside residual nets that do not, and fail others', () => {
    const plain = arm(null, [0.98, 0.9, 0.7, 0.05, 0.02]);
    const good = [
      ...plain,
      ...arm(1, [0.97, 0.95, 0.8, 0.6, 0.3]),
      ...arm(0.25, [0.97, 0.96, 0.92, 0.85, 0.49]),
    ];
    const pass = {
      startsSmooth: true,
      correlated: true,
      slower: true,
      stillFalls: true,
      slowerThanLargerScale: true,
    };
    expect(shatteredVerdicts(shatteredMeasures(good, [1, 0.25]))).toEqual([
      {
        seed: 1,
        plainShatters: true,
        plainWhite: true,
        residual: [
          { branchScale: 1, ...pass },
          { branchScale: 0.25, ...pass },
        ],
      },
    ]);
    // A plain net that starts rough and shatters late, beside residual nets that shatter as fast,
    // the smaller scale faster than the larger; the plain net's function at lags 2–3 is not noise.
    const late = arm(null, [0.85, 0.97, 0.95, 0.9, 0.1], 0.3);
    const bad = [
      ...late,
      ...arm(1, [0.8, 0.9, 0.6, 0.1, 0.05]),
      ...arm(0.25, [0.98, 0.7, 0.2, 0.1, 0.05]),
    ];
    const fail = {
      correlated: false,
      slower: false,
      stillFalls: true,
    };
    expect(shatteredVerdicts(shatteredMeasures(bad, [1, 0.25]))).toEqual([
      {
        seed: 1,
        plainShatters: false,
        plainWhite: false,
        residual: [
          { branchScale: 1, startsSmooth: false, ...fail, slowerThanLargerScale: true },
          { branchScale: 0.25, startsSmooth: true, ...fail, slowerThanLargerScale: false },
        ],
      },
    ]);
    // A residual net that never falls to r₁ = 0.5 is slower than a plain one that does, but
    // does not "still fall"; neither arm falling leaves nothing to be slower than.
    const never = arm(1, [0.97, 0.96, 0.95, 0.9, 0.9]);
    const [v] = shatteredVerdicts(shatteredMeasures([...plain, ...never], [1]));
    expect(v!.residual[0]).toMatchObject({ slower: true, stillFalls: false });
    const flat = arm(null, [0.98, 0.97, 0.95, 0.9, 0.9]);
    const [w] = shatteredVerdicts(shatteredMeasures([...flat, ...never], [1]));
    expect(w!.residual[0]!.slower).toBe(false);
  });

  it('judge only the scales that have thresholds', () => {
    const runs = [
      ...arm(null, [0.98, 0.9, 0.7, 0.05, 0.02]),
      ...arm(0.1, [0.99, 0.98, 0.9, 0.8, 0.7]),
    ];
    expect(SHATTERED_THRESHOLDS.residual.map((r) => r.branchScale)).not.toContain(0.1);
    expect(shatteredVerdicts(shatteredMeasures(runs, [0.1]))[0]!.residual).toEqual([]);
  });
});
