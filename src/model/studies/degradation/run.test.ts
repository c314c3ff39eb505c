// @vitest-environment node
/**
 * The depth sweep: which runs it trains and in what order, what each point holds, that it can be
 * cancelled between steps, that it reproduces a single run exactly, and how points are summarised
 * and judged. Small nets and few steps: the sweep's science is checked on the shipped results
 * (tests/shipped/degradation.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config';
import { PLANAR_TEST_SIZE, PLANAR_TRAIN_SIZE } from '../../engine/data/planar';
import { runExperiment } from '../../engine/experiment';
import { runSweep } from './run';
import {
  median,
  pointsOf,
  summariseSweep,
  sweepRuns,
  type SweepPoint,
  type SweepSpec,
} from './spec';
import { degradationVerdicts } from './verdicts';
import { useCpuBackend } from '../../../../tests/support/engine';

beforeAll(useCpuBackend);

const tiny: SweepSpec = {
  base: parseConfig({ dataset: 'circles', width: 8, batchSize: 32, steps: 12 }),
  depths: [1, 3],
  seeds: [1],
  heldOutSeeds: [2],
  optimizers: [{ optimizer: 'adam', learningRate: 0.01 }],
  curveEvery: 5,
};

describe('the runs of a sweep', () => {
  it('go optimizer by optimizer, seed by seed (held-out last), shallow to deep, plain first', () => {
    const runs = sweepRuns({
      ...tiny,
      optimizers: [...tiny.optimizers, { optimizer: 'momentum', learningRate: 0.02 }],
    });
    expect(runs.map((r) => `${r.optimizer}:${r.seed}:${r.blocks}:${r.arm}`)).toEqual(
      ['adam', 'momentum'].flatMap((o) =>
        [1, 2].flatMap((seed) =>
          [1, 3].flatMap((b) => [`${o}:${seed}:${b}:plain`, `${o}:${seed}:${b}:residual`]),
        ),
      ),
    );
    expect(runs[2]!.config).toMatchObject({ blocks: 3, seed: 1, skip: 'none', width: 8 });
    expect(runs[3]!.config).toMatchObject({ blocks: 3, seed: 1, skip: 'identity' });
    // Each optimizer trains with its own rate.
    expect(runs[0]!.config).toMatchObject({ optimizer: 'adam', learningRate: 0.01 });
    expect(runs[8]!.config).toMatchObject({ optimizer: 'momentum', learningRate: 0.02 });
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
      // Shares of the whole training and test sets: a whole number of their rows each.
      const right = p.trainAccuracy * PLANAR_TRAIN_SIZE;
      expect(right).toBeCloseTo(Math.round(right), 2);
      const testRight = p.testAccuracy * PLANAR_TEST_SIZE;
      expect(testRight).toBeCloseTo(Math.round(testRight), 2);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives each point exactly what a single run of its configuration gives', async () => {
    const one = { ...tiny, depths: [3], seeds: [2], heldOutSeeds: [] };
    const result = await runSweep(one);
    expect(result.points[0]).toMatchObject({ optimizer: 'adam', seed: 2, blocks: 3 });
    const run = await runExperiment(sweepRuns(one)[0]!.config);
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

const point = (
  arm: 'plain' | 'residual',
  blocks: number,
  seed: number,
  trainLoss: number,
  curve: number[] = [],
) =>
  ({
    arm,
    blocks,
    seed,
    optimizer: 'adam',
    trainLoss,
    trainAccuracy: 1 - trainLoss,
    testAccuracy: 0,
    diverged: false,
    divergedAtStep: null,
    curve,
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

  it('picks the points of one optimizer on some seeds', () => {
    const points: SweepPoint[] = [
      point('plain', 2, 1, 0.1),
      { ...point('plain', 2, 1, 0.2), optimizer: 'sgd' },
    ];
    expect(pointsOf(points, 'sgd', [1, 2]).map((p) => p.trainLoss)).toEqual([0.2]);
    expect(pointsOf(points, 'adam', [2])).toEqual([]);
  });

  it('judges each optimizer and seed: plain nets rise, residual nets fit, where chance begins', () => {
    const chance = [0.7, 0.69, 0.7];
    const atChance = (blocks: number, seed: number) => ({
      ...point('plain', blocks, seed, 0.7, chance),
      trainAccuracy: 0.5,
    });
    const points = [
      point('plain', 2, 1, 0.02),
      point('plain', 16, 1, 0.5, [0.7, 0.5, 0.5]),
      atChance(32, 1),
      { ...atChance(64, 1), diverged: true, divergedAtStep: 3 },
      point('residual', 2, 1, 0.02),
      point('residual', 64, 1, 0.03),
      point('plain', 2, 2, 0.02),
      // At chance at the end, but it fitted for a while: not "never fits".
      { ...atChance(32, 2), curve: [0.7, 0.5, 0.7] },
      point('plain', 64, 2, 0.1),
      point('residual', 2, 2, 0.02),
      point('residual', 64, 2, 0.4),
    ];
    expect(degradationVerdicts(points)).toEqual([
      {
        optimizer: 'adam',
        seed: 1,
        plainRises: true,
        residualFits: true,
        plainFitsUpTo: 2,
        plainAtChanceFrom: 32,
        plainDiverged: [{ blocks: 64, step: 3 }],
      },
      {
        optimizer: 'adam',
        seed: 2,
        plainRises: false,
        residualFits: false,
        plainFitsUpTo: 2,
        plainAtChanceFrom: null,
        plainDiverged: [],
      },
    ]);
  });
});
