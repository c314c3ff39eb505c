// @vitest-environment node
/**
 * The depth sweep: which runs it trains and in what order, what each point holds, that it can be
 * cancelled between steps, that it reproduces a single run exactly, and how points are summarised
 * and judged. Small nets and few steps: the sweep's science is checked on the shipped results
 * (scripts/sweep.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { runExperiment } from './experiment';
import { runSweep } from './sweep';
import {
  degradationHolds,
  median,
  summariseSweep,
  sweepRuns,
  type SweepPoint,
  type SweepSpec,
} from './sweep-spec';
import { useCpuBackend } from './testing';

beforeAll(useCpuBackend);

const tiny: SweepSpec = {
  base: parseConfig({ dataset: 'circles', width: 8, batchSize: 32, steps: 12 }),
  depths: [1, 3],
  seeds: [1, 2],
  curveEvery: 5,
};

describe('the runs of a sweep', () => {
  it('go seed by seed, shallow to deep, plain before residual, each with its own config', () => {
    const runs = sweepRuns(tiny);
    expect(runs.map((r) => `${r.seed}:${r.blocks}:${r.arm}`)).toEqual([
      '1:1:plain',
      '1:1:residual',
      '1:3:plain',
      '1:3:residual',
      '2:1:plain',
      '2:1:residual',
      '2:3:plain',
      '2:3:residual',
    ]);
    expect(runs[2]!.config).toMatchObject({ blocks: 3, seed: 1, skip: 'none', width: 8 });
    expect(runs[3]!.config).toMatchObject({ blocks: 3, seed: 1, skip: 'identity' });
  });
});

describe('runSweep', () => {
  it('trains every run, reports each point as it finishes, and releases every tensor', async () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const result = await runSweep(tiny, {
      onPoint: (p, done, total) => seen.push(`${done}/${total} ${p.arm} ${p.blocks}`),
    });
    expect(result.complete).toBe(true);
    expect(result.points).toHaveLength(8);
    expect(seen[0]).toBe('1/8 plain 1');
    expect(seen.at(-1)).toBe('8/8 residual 3');
    for (const p of result.points) {
      // Steps 0–4, 5–9 and 10–11 of 12.
      expect(p.curve).toHaveLength(3);
      expect(p.trainLoss).toBeGreaterThan(0);
      expect(p.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(p.trainAccuracy).toBeLessThanOrEqual(1);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives each point exactly what a single run of its configuration gives', async () => {
    const result = await runSweep({ ...tiny, depths: [3], seeds: [2] });
    const run = await runExperiment(sweepRuns({ ...tiny, depths: [3], seeds: [2] })[0]!.config);
    expect(result.points[0]!.trainLoss).toBe(run.final.trainLoss);
    const mean = (from: number, to: number) =>
      run.history.slice(from, to).reduce((sum, r) => sum + r.loss, 0) / (to - from);
    expect(result.points[0]!.curve[1]).toBeCloseTo(mean(5, 10), 12);
    expect(result.points[0]!.curve[2]).toBeCloseTo(mean(10, 12), 12);
  });

  it('stops between steps once cancelled and returns what it has', async () => {
    const before = tf.memory().numTensors;
    let steps = 0;
    const result = await runSweep(tiny, {
      onStep: () => (steps += 1),
      cancelled: () => steps >= 15,
    });
    expect(result.complete).toBe(false);
    // The first run (12 steps) finished; the second stopped at its third step.
    expect(result.points).toHaveLength(1);
    expect(steps).toBe(15);
    expect(tf.memory().numTensors).toBe(before);
  });
});

const point = (arm: 'plain' | 'residual', blocks: number, seed: number, trainLoss: number) =>
  ({
    arm,
    blocks,
    seed,
    trainLoss,
    trainAccuracy: 1 - trainLoss,
    testAccuracy: 0,
    diverged: false,
    divergedAtStep: null,
    curve: [],
  }) satisfies SweepPoint;

describe('summaries and the claim', () => {
  it('takes medians over seeds, counting a run whose loss is not finite as the worst', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([1, NaN, 2])).toBe(2);
    const rows = summariseSweep([
      point('plain', 4, 1, 0.1),
      point('plain', 4, 2, 0.3),
      { ...point('plain', 4, 3, NaN), diverged: true, divergedAtStep: 7 },
      point('residual', 4, 1, 0.05),
    ]);
    expect(rows[0]).toMatchObject({ arm: 'plain', blocks: 4, medianLoss: 0.3, seeds: 3 });
    expect(rows[0]!.maxLoss).toBe(Infinity);
    expect(rows[1]).toMatchObject({ arm: 'residual', blocks: 4, medianLoss: 0.05, seeds: 1 });
  });

  it('holds when the deepest plain net ends worse than the shallowest and residual nets fit', () => {
    const points = [
      point('plain', 2, 1, 0.02),
      point('plain', 64, 1, 0.6),
      point('residual', 2, 1, 0.02),
      point('residual', 64, 1, 0.03),
      point('plain', 2, 2, 0.02),
      point('plain', 64, 2, 0.1),
      point('residual', 2, 2, 0.02),
      point('residual', 64, 2, 0.4),
    ];
    expect(degradationHolds(points)).toEqual({
      seeds: [1, 2],
      plainRises: [true, false],
      residualLow: [true, false],
    });
  });
});
