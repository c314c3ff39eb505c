import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../model/engine/config';
import type { LesionRun, LesionSpec } from '../../../model/studies/lesion/spec';
import { comparisonText, depthNote } from '../live/liveComparison';
import { lesionComparison, lesionSpecAt, singleDeletions } from './lesionData';

const run = (seed: number, arm: 'plain' | 'residual', shift = 0, blocks = 2): LesionRun => ({
  seed,
  arm,
  result: {
    intact: 0.1 + shift,
    single: [0.2, 0.3 + shift, 0.4, 0.5].slice(0, blocks),
    random: [{ k: 1, errors: [0.4, 0.5] }],
  },
});

const spec: LesionSpec = {
  base: parseConfig({ blocks: 2 }),
  seeds: [1, 2],
  heldOutSeeds: [],
  draws: 2,
  kMax: 1,
};
const file = { spec, runs: [run(1, 'plain'), run(1, 'residual'), run(2, 'plain')] };

describe('the lesion figure’s live study', () => {
  it('compares the reader’s runs with the precomputed runs of the same seed and net', () => {
    expect(lesionComparison(file, [run(1, 'plain'), run(1, 'residual')], 2)).toMatchObject({
      value: 0,
      count: 10,
    });
    const d = lesionComparison(file, [run(2, 'plain', 0.004)], 2);
    expect(d.count).toBe(5);
    expect(d.value).toBeCloseTo(0.004, 12);
    expect(comparisonText(d, 'test errors')).toBe(
      ' Largest difference from the precomputed run, over its 5 test errors: 0.0040.',
    );
  });

  it('has nothing to compare a study of another depth with', () => {
    const d = lesionComparison(file, [run(1, 'plain', 0, 4)], 4);
    expect(d).toMatchObject({ count: 0, compared: 0, fresh: 1 });
  });

  it('runs another depth with half its blocks deleted together at most', () => {
    const shipped = { ...spec, base: parseConfig({ blocks: 24 }), kMax: 12 };
    const at8 = lesionSpecAt(shipped, 8);
    expect([at8.base.blocks, at8.kMax]).toEqual([8, 4]);
    expect(lesionSpecAt(shipped, 24)).toEqual(shipped);
  });

  it('labels the reader’s series, and notes a depth that is not the precomputed one', () => {
    const [plain] = singleDeletions([run(1, 'plain', 0, 4)], 1, true);
    expect(plain).toMatchObject({
      id: 'plain-live',
      label: 'plain, your run (intact: 10.0% error)',
      markers: true,
      x: [1, 2, 3, 4],
    });
    expect(singleDeletions([run(1, 'plain')], 1)[0]).toMatchObject({
      label: 'plain (intact: 10.0% error)',
      markers: false,
    });
    expect(depthNote(4, 2)).toBe(
      'Your run has 4 blocks, a depth not precomputed; the precomputed run has 2.',
    );
    expect(depthNote(2, 2)).toBeUndefined();
    expect(depthNote(null, 2)).toBeUndefined();
  });
});
