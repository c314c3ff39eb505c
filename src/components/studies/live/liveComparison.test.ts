import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonText } from './liveComparison';

interface Run {
  seed: number;
  values: number[];
}
const how = {
  twin: (a: Run, b: Run) => a.seed === b.seed,
  values: (r: Run) => r.values,
};
const shipped: Run[] = [
  { seed: 1, values: [0.1, 0.2, 0.3] },
  { seed: 2, values: [1, 100, 1e6] },
];

describe('compareRuns', () => {
  it('takes the largest absolute difference over every number of the runs with a twin', () => {
    const c = compareRuns(shipped, [{ seed: 1, values: [0.1, 0.25, 0.3] }], how);
    expect(c).toMatchObject({ count: 3, compared: 1, fresh: 0, relative: false });
    expect(c.value).toBeCloseTo(0.05, 12);
    expect(comparisonText(c, 'test errors')).toBe(
      ' Largest difference from the precomputed run, over its 3 test errors: 0.050.',
    );
    // Rounding-sized differences read as powers of ten.
    const tiny = compareRuns(shipped, [{ seed: 1, values: [0.1, 0.2, 0.300005] }], how);
    expect(comparisonText(tiny, 'test errors')).toMatch(/over its 3 test errors: 5\.0e-6\.$/);
    const same = compareRuns(shipped, [shipped[0]!], how);
    expect(comparisonText(same, 'test errors')).toBe(
      ' Largest difference from the precomputed run, over its 3 test errors: 0.',
    );
  });

  it('compares numbers that span decades relative to their size', () => {
    // 1e6 against 1.01e6 is 1%; 100 against 100.5 is 0.5%; both 0 is no difference.
    const c = compareRuns(
      [...shipped, { seed: 3, values: [0] }],
      [
        { seed: 2, values: [1, 100.5, 1.01e6] },
        { seed: 3, values: [0] },
      ],
      { ...how, relative: true },
    );
    expect(c.value).toBeCloseTo(0.01 / 1.01, 12);
    expect(c.count).toBe(4);
    expect(comparisonText(c, 'losses')).toBe(
      ' Largest relative difference from the precomputed run, over its 4 losses: 0.99%.',
    );
  });

  it('calls a run with no twin, or a twin of another length, a new configuration', () => {
    const none = compareRuns(shipped, [{ seed: 7, values: [0.1, 0.2, 0.3] }], how);
    const longer = compareRuns(shipped, [{ seed: 1, values: [0.1, 0.2, 0.3, 0.4] }], how);
    for (const c of [none, longer]) {
      expect(c).toMatchObject({ count: 0, compared: 0, fresh: 1 });
      expect(comparisonText(c, 'test errors')).toBe(
        ' A new configuration: there is no precomputed run to compare it with.',
      );
    }
  });

  it('says which part it compared when only some runs have a twin', () => {
    const c = compareRuns(
      shipped,
      [
        { seed: 1, values: [0.1, 0.2, 0.35] },
        { seed: 9, values: [5] },
      ],
      how,
    );
    expect(c).toMatchObject({ count: 3, compared: 1, fresh: 1 });
    expect(comparisonText(c, 'autocorrelations')).toBe(
      ' Largest difference from the precomputed run, over the 3 autocorrelations of the nets' +
        ' it shares with yours: 0.050; your other nets are a new configuration.',
    );
  });

  it('says nothing before the reader has a run', () => {
    expect(comparisonText(compareRuns(shipped, [], how), 'test errors')).toBe('');
  });
});
