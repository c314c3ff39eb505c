// @vitest-environment node
/**
 * Shattered gradients: the statistic on sequences whose answer is known, the gradient along the
 * line against finite differences of the output, memory, cancelling, the verdicts on made-up
 * runs. The claim on the shipped spec (seeds 1–3) is tested with the shipped file, in
 * scripts/shattered.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../scripts/node-backend';
import { parseConfig } from './config';
import { buildNetwork } from './network';
import { normalArray, streamRng } from './rng';
import { lineGradient, lineOutput, runShatteredSpec } from './shattered';
import {
  depthAtLevel,
  lag1Autocorrelation,
  linePoints,
  shatteredNets,
  shatteredVerdicts,
  type ShatteredRun,
  type ShatteredSpec,
} from './shattered-spec';

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
    base: parseConfig({ width: 8, norm: 'batch', branchScale: 0.5 }),
    depths: [1, 3],
    seeds: [1, 2],
    points: 32,
    line: { from: [-1, -1], to: [1, 0] },
    traceDepths: [3],
  };

  it('measures every net, seed by seed, plain first, and releases every tensor', async () => {
    expect(
      shatteredNets(small).map((n) => `${n.seed}:${n.arm}:${n.depth}:${n.config.skip}`),
    ).toEqual([
      '1:plain:1:none',
      '1:plain:3:none',
      '1:residual:1:identity',
      '1:residual:3:identity',
      '2:plain:1:none',
      '2:plain:3:none',
      '2:residual:1:identity',
      '2:residual:3:identity',
    ]);
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const runs = (await runShatteredSpec(small, { onProgress: (d, t) => seen.push(`${d}/${t}`) }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(seen.at(-1)).toBe('8/8');
    expect(runs).toHaveLength(8);
    for (const r of runs) {
      expect(r.lag1).toBeGreaterThanOrEqual(-1);
      expect(r.lag1).toBeLessThanOrEqual(1);
      expect(r.gradient?.length).toBe(r.depth === 3 ? 32 : undefined);
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

describe('the verdicts', () => {
  const depths = [1, 2, 4, 8, 16];
  const arm = (a: 'plain' | 'residual', lag1: number[]): ShatteredRun[] =>
    lag1.map((v, i) => ({ arm: a, depth: depths[i]!, seed: 1, lag1: v }));

  it('find the depth where r₁ falls to a level, in log depth', () => {
    expect(depthAtLevel(arm('plain', [0.9, 0.7, 0.3, 0.1, 0]), 0.5)).toBeCloseTo(2 * Math.SQRT2);
    expect(depthAtLevel(arm('plain', [0.4, 0.3, 0.2, 0.1, 0]), 0.5)).toBe(1);
    expect(depthAtLevel(arm('plain', [0.9, 0.9, 0.9, 0.9, 0.9]), 0.5)).toBe(Infinity);
  });

  it('pass a plain net that shatters beside a residual net that does not, and fail others', () => {
    const plain = arm('plain', [0.98, 0.9, 0.7, 0.05, 0.02]);
    const residual = arm('residual', [0.97, 0.96, 0.92, 0.85, 0.7]);
    expect(shatteredVerdicts([...plain, ...residual])).toEqual([
      { seed: 1, plainShatters: true, residualCorrelated: true, residualSlower: true },
    ]);
    // A plain net that stays smooth, beside a residual net that shatters as fast.
    const smooth = arm('plain', [0.98, 0.97, 0.95, 0.9, 0.9]);
    const fast = arm('residual', [0.98, 0.9, 0.6, 0.1, 0.05]);
    expect(shatteredVerdicts([...smooth, ...fast])).toEqual([
      { seed: 1, plainShatters: false, residualCorrelated: false, residualSlower: false },
    ]);
    // Neither arm falls to r₁ = 0.5: the residual one is not "slower" than anything.
    expect(shatteredVerdicts([...smooth, ...residual])[0]!.residualSlower).toBe(false);
  });
});
