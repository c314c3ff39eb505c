import { describe, expect, it } from 'vitest';
import type { DeepFile, DeepTrace } from '../../model/deep-spec';
import { THOUSAND_LAYERS_SPEC } from '../../model/deep-spec';
import { lossDifference, lossDifferenceText } from './thousandLayersData';

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
