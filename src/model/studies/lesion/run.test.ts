// @vitest-environment node
/**
 * The lesion study's machinery on small nets: which blocks a draw deletes, that the intact
 * error is the session's own test error, the shape of the result, progress, cancelling and
 * memory. What it shows on the article's nets is checked by its claims test.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config';
import { loadDataset } from '../../engine/data';
import { PLANAR_TEST_SIZE } from '../../engine/data/planar';
import { Session } from '../../engine/experiment';
import { keepAllBut, lesionDraw, lesionStudy, runLesionSpec } from './run';
import { lesionNets, lesionVerdicts, meanByK, type LesionRun } from './spec';
import { useCpuBackend } from '../../../../tests/support/engine';

beforeAll(useCpuBackend);

describe('lesion draws', () => {
  it('delete k distinct blocks, the same ones for the same seed, others for another draw', () => {
    const a = lesionDraw(12, 5, 0, 1);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(a.every((i) => i >= 0 && i < 12)).toBe(true);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(lesionDraw(12, 5, 0, 1)).toEqual(a);
    const others = [1, 2, 3].map((d) => lesionDraw(12, 5, d, 1).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
    expect(keepAllBut(4, [1, 3])).toEqual([true, false, true, false]);
  });
});

describe('lesionStudy', () => {
  it('measures the intact net as the session does, then every block and k random ones', async () => {
    const config = parseConfig({ dataset: 'circles', blocks: 6, width: 8, batchSize: 32 });
    const session = new Session(config, await loadDataset('circles', 1));
    for (let s = 0; s < 20; s++) await session.step();
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const r = (await lesionStudy(session, {
      draws: 3,
      onProgress: (d, t) => seen.push(`${d}/${t}`),
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    const evaluation = await session.evaluate();
    expect(r.intact).toBeCloseTo(1 - evaluation.testAccuracy, 6);
    expect(r.single).toHaveLength(6);
    expect(r.random.map((x) => [x.k, x.errors.length])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    // Each error is a share of the test set's rows: a whole number of them.
    for (const e of [...r.single, ...r.random.flatMap((x) => x.errors)]) {
      const wrong = e * PLANAR_TEST_SIZE;
      expect(wrong).toBeCloseTo(Math.round(wrong), 2);
    }
    // 1 intact + 6 single + 3 × 3 random.
    expect(seen.at(-1)).toBe('16/16');
    session.dispose();
  });

  it('stops between evaluations once cancelled, releasing its tensors', async () => {
    const config = parseConfig({ dataset: 'circles', blocks: 4, width: 8, batchSize: 32 });
    const session = new Session(config, await loadDataset('circles', 1));
    const before = tf.memory().numTensors;
    let n = 0;
    const r = await lesionStudy(session, { onProgress: () => (n += 1), cancelled: () => n >= 3 });
    expect(r).toBeNull();
    expect(n).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  });
});

describe('the lesion figure’s study', () => {
  const spec = {
    base: parseConfig({ dataset: 'circles', blocks: 4, width: 8, batchSize: 32, steps: 5 }),
    seeds: [1],
    heldOutSeeds: [2],
    draws: 2,
    kMax: 2,
  };

  it('trains and takes apart each net, seed by seed, held-out seeds last, plain first', async () => {
    expect(lesionNets(spec).map((n) => `${n.seed}:${n.arm}:${n.config.skip}`)).toEqual([
      '1:plain:none',
      '1:residual:identity',
      '2:plain:none',
      '2:residual:identity',
    ]);
    const seen: string[] = [];
    const { runs, complete } = await runLesionSpec(spec, {
      onRun: (r, done, total) => seen.push(`${done}/${total} ${r.arm}`),
    });
    expect(complete).toBe(true);
    expect(seen).toEqual(['1/4 plain', '2/4 residual', '3/4 plain', '4/4 residual']);
    expect(runs[1]!.result.random.map((x) => x.errors.length)).toEqual([2, 2]);
  });

  const run = (arm: 'plain' | 'residual', intact: number, single: number[], byK: number[]) =>
    ({
      arm,
      seed: 1,
      result: { intact, single, random: byK.map((e, i) => ({ k: i + 1, errors: [e, e] })) },
    }) satisfies LesionRun;

  it('judges a seed: the plain net breaks at one deletion, the residual net degrades gradually', () => {
    const plain = run('plain', 0.02, [0.5, 0.48, 0.9, 0.5], [0.5, 0.45]);
    const residual = run('residual', 0.01, [0.02, 0.03, 0.5, 0.01], [0.05, 0.2, 0.45]);
    expect(meanByK(residual.result)).toEqual([
      { k: 1, error: 0.05 },
      { k: 2, error: 0.2 },
      { k: 3, error: 0.45 },
    ]);
    expect(lesionVerdicts([plain, residual])).toEqual([
      {
        seed: 1,
        plainBreaks: true,
        plainStaysBroken: true,
        residualGraceful: true,
        residualFewFar: true,
        residualHalfAtChance: true,
        residualFewMatter: true,
      },
    ]);
    // A plain net that never fitted shows nothing, nor does one that recovers with two blocks
    // gone; nor a residual net that breaks at once, with every block mattering, or that is still
    // far from chance with the most blocks gone.
    const untrained = run('plain', 0.45, [0.5, 0.5, 0.5, 0.5], [0.5, 0.3]);
    const fragile = run('residual', 0.01, [0.4, 0.5, 0.5, 0.3], [0.45, 0.5, 0.3]);
    expect(lesionVerdicts([untrained, fragile])).toEqual([
      {
        seed: 1,
        plainBreaks: false,
        plainStaysBroken: false,
        residualGraceful: false,
        residualFewFar: false,
        residualHalfAtChance: false,
        residualFewMatter: false,
      },
    ]);
  });

  // Each condition of a verdict on its own: one input changed from the seed above flips exactly
  // the verdicts that rest on it (a verdict that ignored its condition would not flip).
  type Net = [intact: number, single: number[], byK: number[]];
  const good: { plain: Net; residual: Net } = {
    plain: [0.02, [0.5, 0.48, 0.9, 0.5], [0.5, 0.45]],
    residual: [0.01, [0.02, 0.03, 0.5, 0.01], [0.05, 0.2, 0.45]],
  };
  const cases: [string, Partial<typeof good>, string[]][] = [
    [
      'the plain net does not fit',
      { plain: [0.2, [0.5, 0.48, 0.9, 0.5], [0.5, 0.45]] },
      ['plainBreaks'],
    ],
    [
      'a typical deletion leaves the plain net off chance',
      { plain: [0.02, [0.1, 0.1, 0.9, 0.5], [0.5, 0.45]] },
      ['plainBreaks'],
    ],
    [
      'the plain net recovers with two blocks gone',
      { plain: [0.02, [0.5, 0.48, 0.9, 0.5], [0.5, 0.3]] },
      ['plainStaysBroken'],
    ],
    [
      'the residual net does not fit',
      { residual: [0.2, [0.02, 0.03, 0.5, 0.01], [0.05, 0.2, 0.45]] },
      ['residualGraceful', 'residualFewFar'],
    ],
    [
      'a typical deletion hurts the residual net',
      { residual: [0.01, [0.1, 0.1, 0.5, 0.01], [0.05, 0.2, 0.45]] },
      ['residualGraceful'],
    ],
    [
      'two deletions bring the residual net near chance',
      { residual: [0.01, [0.02, 0.03, 0.5, 0.01], [0.05, 0.3, 0.45]] },
      ['residualFewFar'],
    ],
    [
      'one deletion brings it there',
      { residual: [0.01, [0.02, 0.03, 0.5, 0.01], [0.3, 0.35, 0.45]] },
      ['residualGraceful', 'residualFewFar'],
    ],
    [
      'the most deletions leave it far from chance',
      { residual: [0.01, [0.02, 0.03, 0.5, 0.01], [0.05, 0.2, 0.3]] },
      ['residualHalfAtChance'],
    ],
    [
      'its error falls with more deletions',
      { residual: [0.01, [0.02, 0.03, 0.5, 0.01], [0.05, 0.2, 0.04]] },
      ['residualGraceful', 'residualHalfAtChance'],
    ],
    [
      'no block matters on its own',
      { residual: [0.01, [0.02, 0.03, 0.04, 0.01], [0.05, 0.2, 0.45]] },
      ['residualFewMatter'],
    ],
    [
      'too many blocks matter on their own',
      { residual: [0.01, [0.02, 0.2, 0.5, 0.3], [0.05, 0.2, 0.45]] },
      ['residualGraceful', 'residualFewMatter'],
    ],
  ];
  it.each(cases)('judges one condition at a time: %s', (_, change, flipped) => {
    const nets = { ...good, ...change };
    const [verdict] = lesionVerdicts([
      run('plain', ...nets.plain),
      run('residual', ...nets.residual),
    ]);
    const falseOnes = Object.entries(verdict!)
      .filter(([k, v]) => k !== 'seed' && v === false)
      .map(([k]) => k);
    expect(falseOnes.sort()).toEqual([...flipped].sort());
  });
});
