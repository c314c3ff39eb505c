import { describe, expect, it } from 'vitest';
import type { DeepFile, DeepTrace } from '../../../model/studies/thousand-layers/spec';
import { profileBlocks, THOUSAND_LAYERS_SPEC } from '../../../model/studies/thousand-layers/spec';
import {
  liveDepths,
  liveRunText,
  lossDifference,
  lossDifferenceText,
  openingDepth,
  profileAxis,
} from './thousandLayersLive';

const trace = (order: 'post' | 'pre', loss: (number | null)[]): DeepTrace =>
  ({ optimizer: 'momentum', learningRate: 0.05, seed: 1, order, loss }) as DeepTrace;
const file: Pick<DeepFile, 'spec' | 'traces'> = {
  spec: THOUSAND_LAYERS_SPEC,
  traces: [trace('post', [10, 20, null]), trace('pre', [1, 0.5, 0.25])],
};
const run = { optimizer: 'momentum', learningRate: 0.05, seed: 1 } as const;
const blocks = THOUSAND_LAYERS_SPEC.base.blocks;

describe('lossDifference', () => {
  it('is the largest relative difference over the steps both runs have', () => {
    const d = lossDifference(file, run, blocks, [
      [10, 20.2],
      [1, 0.5, 0.25],
    ])!;
    expect(d.count).toBe(5);
    expect(d.value).toBeCloseTo(0.01, 12);
    expect(lossDifferenceText(d)).toBe(
      ' Largest difference from the precomputed batch losses so far: 1.0% (5 losses).',
    );
  });

  it('skips a step where a net stopped, and is null off the precomputed settings', () => {
    expect(lossDifference(file, run, blocks, [[10, 20, 5], []])).toEqual({ value: 0, count: 2 });
    expect(lossDifference(file, run, 40, [[10], [1]])).toBeNull();
    expect(lossDifference(file, { ...run, seed: 9 }, blocks, [[10], [1]])).toBeNull();
    expect(lossDifferenceText(null)).toBe('');
  });
});

describe('the live run at another depth', () => {
  it('offers the shipped depth and 100 blocks below it, and opens at the smaller', () => {
    expect(liveDepths(500)).toEqual([500, 100]);
    expect(openingDepth(500)).toBe(100);
    // A file smaller than 100 blocks (the tests') offers only its own depth.
    expect(liveDepths(40)).toEqual([40]);
    expect(openingDepth(40)).toBe(40);
  });

  it('shares the profile axis only between depths recorded at the same fractions', () => {
    for (const depth of liveDepths(500)) {
      const axis = profileAxis(500, depth)!;
      expect(axis.labels).toHaveLength(profileBlocks(500).length);
      const mine = profileBlocks(500).map((l) => l / 500);
      expect(profileBlocks(depth).map((l) => l / depth)).toEqual(mine);
    }
    expect(profileAxis(500, 100)!.labels.slice(-2)).toEqual(['x₄₉₅ · x₉₉', 'x₅₀₀ · x₁₀₀']);
    expect(profileAxis(500, 100)!.xLabel).toBe('xₗ at 500 · at 100 blocks (input → output)');
    expect(profileAxis(500, null)!.labels[1]).toBe('x₅');
    // 50 blocks records 51 inputs: it cannot share the axis of 101.
    expect(profileAxis(500, 50)).toBeNull();
  });

  it('says a run at another depth is a new configuration, and once done how it ended', () => {
    const live = { blocks: 100, stepsDone: 2, losses: [[10, 20.2], [1]], traces: null };
    expect(liveRunText(file, run, live)).toBe(
      ' 100 blocks is a new configuration: the precomputed runs are at 500 blocks, so there is ' +
        'nothing to compare it with.',
    );
    expect(liveRunText(file, run, { ...live, blocks })).toBe(
      ' Largest difference from the precomputed batch losses so far: 1.0% (3 losses).',
    );
    const ended = (order: 'post' | 'pre', trainLoss: number, diverged = false): DeepTrace => ({
      ...trace(order, []),
      final: { trainLoss, trainAccuracy: 1, testAccuracy: 1, diverged, divergedAtStep: null },
    });
    expect(
      liveRunText(file, run, { ...live, traces: [ended('post', 0.5677), ended('pre', 0.0109)] }),
    ).toMatch(
      / Your run's training loss on the whole training set after 2 steps: original 0\.568, pre-activation 0\.011\.$/,
    );
    expect(
      liveRunText(file, run, { ...live, traces: [ended('post', NaN, true), ended('pre', 0.01)] }),
    ).toContain('original diverged, pre-activation 0.010.');
  });
});
