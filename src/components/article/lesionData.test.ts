import { describe, expect, it } from 'vitest';
import type { LesionRun } from '../../model/lesion-spec';
import { differenceText, largestDifference } from './lesionData';

const run = (seed: number, arm: 'plain' | 'residual', shift = 0): LesionRun => ({
  seed,
  arm,
  result: {
    intact: 0.1 + shift,
    single: [0.2, 0.3 + shift],
    random: [{ k: 1, errors: [0.4, 0.5] }],
  },
});

describe('largestDifference', () => {
  it('compares the reader’s runs with the precomputed runs of the same seed and net', () => {
    const shipped = [run(1, 'plain'), run(1, 'residual'), run(2, 'plain')];
    expect(largestDifference(shipped, [run(1, 'plain'), run(1, 'residual')])).toEqual({
      value: 0,
      count: 10,
    });
    const d = largestDifference(shipped, [run(2, 'plain', 0.004)])!;
    expect(d.count).toBe(5);
    expect(d.value).toBeCloseTo(0.004, 12);
    expect(differenceText(d)).toBe(
      ' Largest difference from the precomputed run, over its 5 test errors: 0.0040.',
    );
  });

  it('is null, and says nothing, when no run has a precomputed twin', () => {
    expect(largestDifference([run(1, 'plain')], [run(7, 'plain')])).toBeNull();
    expect(differenceText(null)).toBe('');
  });
});
