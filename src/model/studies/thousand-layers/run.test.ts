// @vitest-environment node
/**
 * The thousand-layer comparison's machinery on small nets: which pairs it trains, that training
 * two nets in lockstep gives each exactly what a single run gives, cancelling, and how a pair's
 * outcome is judged. The science at 500 blocks is checked on the shipped results
 * (tests/shipped/thousand-layers.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config';
import { runDeep, runDeepPair } from './run';
import {
  deepOutcome,
  deepOutcomes,
  deepPair,
  deepPairs,
  firstStepBelow,
  fittingRates,
  profileBlocks,
  type DeepSpec,
  type DeepTrace,
} from './spec';
import { runExperiment } from '../../engine/experiment';
import { useCpuBackend } from '../../../../tests/support/engine';

beforeAll(useCpuBackend);

const tiny: DeepSpec = {
  base: parseConfig({ dataset: 'spiral', blocks: 3, width: 8, batchSize: 32, steps: 6 }),
  optimizers: ['momentum', 'adam'],
  learningRates: { momentum: [0.01, 0.05], adam: [0.003] },
  seeds: [1],
  heldOutSeeds: [2],
};
const momentum = (learningRate: number, seed: number) =>
  ({ optimizer: 'momentum', learningRate, seed }) as const;

describe('the pairs of a comparison', () => {
  it('go seed by seed (held-out seeds last), optimizer by optimizer, rate by rate, original before pre-activation', () => {
    const pairs = deepPairs(tiny);
    expect(pairs.map((p) => `${p.optimizer}@${p.learningRate}:${p.seed}`)).toEqual([
      'momentum@0.01:1',
      'momentum@0.05:1',
      'adam@0.003:1',
      'momentum@0.01:2',
      'momentum@0.05:2',
      'adam@0.003:2',
    ]);
    expect(pairs[0]!.configs.map((c) => c.order)).toEqual(['post', 'pre']);
    expect(pairs[1]!.configs[0]).toMatchObject({
      optimizer: 'momentum',
      learningRate: 0.05,
      seed: 1,
      blocks: 3,
    });
    expect(pairs[5]!.configs[1]).toMatchObject({ optimizer: 'adam', learningRate: 0.003, seed: 2 });
    expect(deepPair(tiny, { optimizer: 'adam', learningRate: 0.003, seed: 2 })).toEqual(pairs[5]);
  });

  it('record the gradient at every block input up to 100 blocks, at most 101 of them beyond', () => {
    expect(profileBlocks(3)).toEqual([0, 1, 2, 3]);
    expect(profileBlocks(100)).toHaveLength(101);
    const at500 = profileBlocks(500);
    expect(at500).toHaveLength(101);
    expect(at500.slice(0, 3)).toEqual([0, 5, 10]);
    expect(at500.at(-1)).toBe(500);
    expect(profileBlocks(150).slice(-2)).toEqual([148, 150]);
  });
});

describe('runDeepPair', () => {
  it('gives each net exactly what a single run of its config gives, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const pair = deepPair(tiny, momentum(0.05, 2));
    const phases: string[] = [];
    const steps: number[] = [];
    const traces = (await runDeepPair(pair, {
      onPhase: (_, phase) => phases.push(phase),
      onStep: (_, step, losses) => {
        steps.push(step);
        expect(losses).toHaveLength(2);
      },
    }))!;
    expect(phases).toEqual(['building', 'training']);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tf.memory().numTensors).toBe(before);
    for (const [i, config] of pair.configs.entries()) {
      const single = await runExperiment(config);
      const t = traces[i]!;
      expect(t.order).toBe(config.order);
      expect(t.loss).toHaveLength(6);
      expect(t).toMatchObject({ optimizer: 'momentum', learningRate: 0.05, seed: 2 });
      t.loss.forEach((l, s) => expect(l).toBeCloseTo(single.history[s]!.loss, 4));
      // Profiles keep three significant digits.
      const three = (x: number) => Number(x.toPrecision(3));
      expect(t.signalStart).toHaveLength(4);
      expect(t.signalStart[0]).toBe(three(single.history[0]!.signalGradNorms[0]!));
      expect(t.signalEnd[3]).toBe(three(single.history[5]!.signalGradNorms[3]!));
      expect(t.final.trainLoss).toBe(single.final.trainLoss);
      expect(t.final.diverged).toBe(false);
    }
  });

  it('takes `steps` instead of the config’s, and returns null once cancelled', async () => {
    const pair = deepPair(tiny, { optimizer: 'adam', learningRate: 0.003, seed: 1 });
    const short = (await runDeepPair(pair, { steps: 2 }))!;
    expect(short[0]!.loss).toHaveLength(2);
    const before = tf.memory().numTensors;
    let taken = 0;
    const cancelled = await runDeepPair(pair, {
      onStep: () => (taken += 1),
      cancelled: () => taken >= 3,
    });
    expect(cancelled).toBeNull();
    expect(taken).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops stepping a net whose step went non-finite and records null losses after it', async () => {
    const pair = deepPair(
      { ...tiny, base: parseConfig({ ...tiny.base, norm: 'none', blocks: 6 }) },
      momentum(0.05, 1),
    );
    // A rate no net survives: the first update overflows.
    const hot = { ...pair, configs: pair.configs.map((c) => ({ ...c, learningRate: 1e30 })) };
    const traces = (await runDeepPair(hot))!;
    for (const t of traces) {
      expect(t.final.diverged).toBe(true);
      expect(t.loss.length).toBeLessThan(6);
      expect(t.final.divergedAtStep).toBe(t.loss.length - 1);
      expect(t.loss.at(-1)).toBeNull();
    }
  });
});

describe('runDeep', () => {
  it('trains every pair and reports each as it ends', async () => {
    const seen: string[] = [];
    const { traces, complete } = await runDeep(
      { ...tiny, optimizers: ['adam'] },
      {
        onPair: async (p, done, total) => {
          // Awaited: the next pair starts only once this call has finished.
          await Promise.resolve();
          seen.push(`${done}/${total} seed ${p[0]!.seed}`);
        },
        onPhase: (p, phase) => {
          if (phase === 'building') seen.push(`building seed ${p.seed}`);
        },
      },
    );
    expect(complete).toBe(true);
    expect(traces.map((t) => `${t.seed}${t.order}`)).toEqual(['1post', '1pre', '2post', '2pre']);
    expect(traces.every((t) => t.optimizer === 'adam' && t.learningRate === 0.003)).toBe(true);
    expect(seen).toEqual(['building seed 1', '1/2 seed 1', 'building seed 2', '2/2 seed 2']);
  });
});

const trace = (
  order: 'post' | 'pre',
  trainLoss: number,
  diverged = false,
  learningRate = 0.05,
  seed = 1,
): DeepTrace => ({
  optimizer: 'momentum',
  learningRate,
  seed,
  order,
  loss: [0.9, 0.5, 0.08, 0.05],
  signalStart: [],
  signalEnd: [],
  final: { trainLoss, trainAccuracy: 0, testAccuracy: 0, diverged, divergedAtStep: null },
});

describe('judging a pair', () => {
  it('says which of the two nets fit, if either', () => {
    expect(deepOutcome(trace('post', 0.65), trace('pre', 0.02))).toBe('only-pre');
    expect(deepOutcome(trace('post', 0.05), trace('pre', 0.02))).toBe('both');
    expect(deepOutcome(trace('post', 0.02), trace('pre', 0.5))).toBe('only-post');
    expect(deepOutcome(trace('post', 0.6), trace('pre', 0.5))).toBe('neither');
    expect(deepOutcome(trace('post', 0.3), trace('pre', 0.02))).toBe('other');
    expect(deepOutcome(trace('post', 0.65), trace('pre', 0.2))).toBe('other');
    expect(deepOutcome(trace('post', 0.01, true), trace('pre', 0.02))).toBe('only-pre');
  });

  it('judges each seed of a rate, and finds the first step below a level', () => {
    const post = trace('post', 0.65);
    const pre = trace('pre', 0.02);
    const spec = { ...tiny, seeds: [1, 2] };
    expect(deepOutcomes({ spec, traces: [post, pre] }, 'momentum', 0.05)).toEqual([
      'only-pre',
      undefined,
    ]);
    expect(deepOutcomes({ spec, traces: [post, pre] }, 'momentum', 0.01)).toEqual([
      undefined,
      undefined,
    ]);
    expect(firstStepBelow(pre, 0.1)).toBe(2);
    expect(firstStepBelow(pre, 0.01)).toBeNull();
  });

  it('finds the rates at which an order fits on every seed of a set', () => {
    const traces = [
      trace('post', 0.02, false, 0.01, 1),
      trace('post', 0.05, false, 0.01, 2),
      trace('post', 0.6, false, 0.05, 1),
      trace('post', 0.05, false, 0.05, 2),
      trace('pre', 0.02, false, 0.01, 1),
      trace('pre', 0.02, false, 0.01, 2),
      trace('pre', 0.02, false, 0.05, 1),
      trace('pre', 0.01, true, 0.05, 2),
    ];
    const file = { spec: tiny, traces };
    expect(fittingRates(file, 'momentum', 'post')).toEqual([0.01]);
    expect(fittingRates(file, 'momentum', 'post', [2])).toEqual([0.01, 0.05]);
    expect(fittingRates(file, 'momentum', 'pre', [1, 2])).toEqual([0.01]);
    // A missing run fits nowhere.
    expect(fittingRates(file, 'momentum', 'pre', [3])).toEqual([]);
  });
});
