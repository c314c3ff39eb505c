// @vitest-environment node
/**
 * Loss-landscape slices: the directions are filter-normalised, the slice's centre is the trained
 * net's training loss, the curvature measures on analytic surfaces, memory and cancelling, and
 * the verdicts on made-up slices. What the figure's nets show on seeds 1–3 is tested with the
 * shipped file, in tests/shipped/landscape.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../scripts/node-backend';
import { parseConfig } from '../../engine/config';
import { loadDataset } from '../../engine/data';
import { Session } from '../../engine/experiment';
import { filterNormalisedDirection, lossSlice, runLandscapeSpec, trainToTarget } from './run';
import { LANDSCAPE_SPEC, landscapeNets, type BnStatistics, type LandscapeRun } from './spec';
import { basinMeasures, curvatureMeasures, gridCoordinate, lowestPoint } from './slice';
import { landscapeDepthVerdicts, landscapeVerdicts } from './verdicts';
import { crossEntropy } from '../../engine/train';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** A small trained session: 3 pre-activation blocks of width 8 with batch norm. */
async function trained(extra: object = {}): Promise<Session> {
  const config = parseConfig({
    dataset: 'circles',
    blocks: 3,
    width: 8,
    batchSize: 32,
    norm: 'batch',
    order: 'pre',
    ...extra,
  });
  const session = new Session(config, await loadDataset('circles', 1));
  for (let s = 0; s < 30; s++) await session.step();
  return session;
}

/** Column norms of a row-major [rows, cols] matrix. */
const columnNorms = (v: Float32Array, rows: number, cols: number) =>
  Array.from({ length: cols }, (_, k) =>
    Math.hypot(...Array.from({ length: rows }, (_, r) => v[r * cols + k]!)),
  );

describe('filterNormalisedDirection', () => {
  it('gives every output unit the norm of its trained weights, and biases and batch norm 0', async () => {
    const session = await trained({ order: 'post' });
    const { packed, kernels } = session.network;
    const theta = await packed.values();
    const d = filterNormalisedDirection(session.network, 1, 'delta');
    expect(d.shape).toEqual(packed.theta.shape);
    const all = (await d.data()) as Float32Array;
    const kernelIds = new Set(kernels.map((k) => k.index));
    expect(kernelIds.size).toBe(2 + 2 * 3);
    for (const p of packed.params) {
      const part = all.subarray(packed.offsets[p.index]!, packed.offsets[p.index]! + p.size);
      if (!kernelIds.has(p.index)) {
        expect(
          Array.from(part).every((v) => v === 0),
          p.name,
        ).toBe(true);
        continue;
      }
      const [rows, cols] = p.shape as [number, number];
      const want = columnNorms(theta[p.index]!, rows, cols);
      columnNorms(part, rows, cols).forEach((n, k) =>
        expect(n / want[k]!, `${p.name} unit ${k}`).toBeCloseTo(1, 5),
      );
    }
    // Reproducible from (seed, name); another name is another direction.
    const again = filterNormalisedDirection(session.network, 1, 'delta');
    const other = filterNormalisedDirection(session.network, 1, 'eta');
    expect(Array.from(await again.data())).toEqual(Array.from(all));
    expect(Array.from(await other.data())).not.toEqual(Array.from(all));
    tf.dispose([d, again, other]);
    session.dispose();
  });
});

/** The loss at (a, b) = (−0.5, 0.5) of the net of `session` with `stats` (or its own, when null). */
function cornerLoss(session: Session, frozen: boolean): tf.Scalar {
  const { network, dataset } = session;
  return tf.tidy(() => {
    const delta = filterNormalisedDirection(network, 1, 'delta');
    const eta = filterNormalisedDirection(network, 1, 'eta');
    const x = tf.tensor2d(dataset.trainX, [dataset.trainY.length, dataset.inputDim]);
    const labels = tf.tensor1d(dataset.trainY, 'int32');
    const oneHot = tf.cast(tf.oneHot(labels, 2), 'float32') as tf.Tensor2D;
    const theta = tf.add(network.packed.theta, tf.add(tf.mul(delta, -0.5), tf.mul(eta, 0.5)));
    // Frozen: the trained net's statistics (at θ*); recomputed: those of the point itself.
    const stats = frozen ? network.normStats(x) : network.normStats(x, theta);
    return crossEntropy(network.infer(x, stats, { theta }), oneHot);
  });
}

describe('lossSlice', () => {
  it('has the trained training loss at its centre, and each point’s own statistics when recomputed', async () => {
    const session = await trained();
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const r = (await lossSlice(session, {
      grid: 5,
      span: 0.5,
      statistics: 'recomputed',
      onProgress: (d, t) => seen.push(`${d}/${t}`),
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual(['5/25', '10/25', '15/25', '20/25', '25/25']);
    expect(r.losses).toHaveLength(25);
    expect(r.centre).toBe(r.losses[12]);
    const { trainLoss } = await session.evaluate();
    expect(Math.abs(r.centre - trainLoss)).toBeLessThan(1e-5);
    // A corner, as normStats at that point then infer computes it.
    const loss = cornerLoss(session, false);
    expect(r.losses[20]).toBeCloseTo((await loss.data())[0]!, 5);
    // Off the centre the plane is another net: its loss differs.
    expect(Math.abs(r.losses[20]! - r.centre)).toBeGreaterThan(1e-3);
    loss.dispose();
    session.dispose();
  });

  it('keeps the trained net’s statistics over the whole training set when frozen (the default)', async () => {
    const session = await trained();
    const before = tf.memory().numTensors;
    const r = (await lossSlice(session, { grid: 5, span: 0.5 }))!;
    expect(tf.memory().numTensors).toBe(before);
    // The centre is the trained net as Session.evaluate evaluates it.
    const { trainLoss } = await session.evaluate();
    expect(Math.abs(r.centre - trainLoss)).toBeLessThan(1e-5);
    const frozen = cornerLoss(session, true);
    const own = cornerLoss(session, false);
    const [f, o] = [(await frozen.data())[0]!, (await own.data())[0]!];
    expect(r.losses[20]).toBeCloseTo(f, 5);
    // It is not the point's own normalisation.
    expect(Math.abs(f - o)).toBeGreaterThan(1e-3);
    // On fewer rows the statistics are still the whole training set's: the centre is the
    // trained net's loss on those rows.
    const some = (await lossSlice(session, { grid: 3, span: 0.5, rows: 100 }))!;
    const { network, dataset } = session;
    const onRows = tf.tidy(() => {
      const all = tf.tensor2d(dataset.trainX, [dataset.trainY.length, dataset.inputDim]);
      const x = tf.tensor2d(dataset.trainX.subarray(0, 100 * dataset.inputDim), [100, 2]);
      const labels = tf.tensor1d(dataset.trainY.subarray(0, 100), 'int32');
      const oneHot = tf.cast(tf.oneHot(labels, 2), 'float32') as tf.Tensor2D;
      return crossEntropy(network.infer(x, network.normStats(all)), oneHot);
    });
    expect(some.centre).toBeCloseTo((await onRows.data())[0]!, 5);
    expect(some.lowest.loss).toBe(Math.min(...some.losses));
    tf.dispose([frozen, own, onRows]);
    session.dispose();
  });

  it('stops between rows once cancelled, releasing its tensors', async () => {
    const session = await trained();
    const before = tf.memory().numTensors;
    let done = 0;
    const r = await lossSlice(session, {
      grid: 7,
      onProgress: (d) => (done = d),
      cancelled: () => done >= 14,
    });
    expect(r).toBeNull();
    expect(done).toBe(14);
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  });
});

describe('trainToTarget', () => {
  const config = parseConfig({
    dataset: 'circles',
    blocks: 2,
    width: 8,
    batchSize: 32,
    norm: 'batch',
  });

  it('stops at the first check where the whole training set’s loss is at most the target', async () => {
    const session = new Session(config, await loadDataset('circles', 1));
    // The loss along the way, at every check, from a twin session.
    const twin = new Session(config, await loadDataset('circles', 1));
    const checks: number[] = [];
    for (let s = 1; s <= 60; s++) {
      await twin.step();
      if (s % 10 === 0) checks.push((await twin.evaluate()).trainLoss);
    }
    twin.dispose();
    const target = (checks[2]! + Math.max(...checks.slice(0, 2))) / 2;
    expect(checks[2]).toBeLessThan(target);
    const first = checks.findIndex((l) => l <= target);
    let steps = 0;
    const t = (await trainToTarget(session, { targetLoss: target, checkEvery: 10 }, 60, {
      onStep: (s) => (steps = s),
    }))!;
    expect(t).toMatchObject({ steps: 10 * (first + 1), reached: true });
    expect(steps).toBe(t.steps);
    expect(t.loss).toBeCloseTo(checks[first]!, 6);
    expect(t.loss).toBeCloseTo((await session.evaluate()).trainLoss, 6);
    session.dispose();
  });

  it('says so when the net runs out of steps, and stops when cancelled', async () => {
    const session = new Session(config, await loadDataset('circles', 1));
    const t = (await trainToTarget(session, { targetLoss: 0, checkEvery: 10 }, 15))!;
    expect(t).toMatchObject({ steps: 15, reached: false });
    expect(t.accuracy).toBeGreaterThan(0);
    let n = 0;
    expect(
      await trainToTarget(session, { targetLoss: 0, checkEvery: 10 }, 15, {
        onStep: () => n++,
        cancelled: () => n >= 3,
      }),
    ).toBeNull();
    expect(session.stepsDone).toBe(18);
    session.dispose();
  });
});

describe('runLandscapeSpec', () => {
  it('trains each net once and slices it with each kind of statistics, along the same plane', async () => {
    const spec = {
      ...LANDSCAPE_SPEC,
      base: parseConfig({ ...LANDSCAPE_SPEC.base, width: 8, steps: 20 }),
      depths: [2],
      seeds: [1],
      heldOutSeeds: [],
      training: { targetLoss: 0.5, checkEvery: 10 },
      grid: 3,
      rows: 64,
    };
    const before = tf.memory().numTensors;
    const { runs, complete } = await runLandscapeSpec(spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(complete).toBe(true);
    expect(runs.map((r) => `${r.blocks}:${r.seed}:${r.arm}:${r.statistics}`)).toEqual([
      '2:1:plain:frozen',
      '2:1:plain:recomputed',
      '2:1:residual:frozen',
      '2:1:residual:recomputed',
    ]);
    // One training per net: both slices record the same trained point.
    expect(runs[0]!.trained).toEqual(runs[1]!.trained);
    expect(runs[0]!.trained.steps).toBeLessThanOrEqual(20);
    for (const r of runs) expect(r.result.losses).toHaveLength(9);
  });
});

/** `f(a, b)` on a grid × grid slice of [−span, span]², row-major (rows are b). */
function surface(f: (a: number, b: number) => number, grid = 31, span = 1): number[] {
  return Array.from({ length: grid * grid }, (_, k) =>
    f(gridCoordinate(k % grid, grid, span), gridCoordinate(Math.floor(k / grid), grid, span)),
  );
}

describe('curvatureMeasures', () => {
  const measure = (f: (a: number, b: number) => number) => curvatureMeasures(surface(f), 31, 1);

  it('finds a convex bowl convex, with one minimum, whatever its tilt and stretch', () => {
    for (const f of [
      (a: number, b: number) => a * a + 2 * b * b,
      (a: number, b: number) => 0.3 + 5 * (a - 0.2) ** 2 + 0.5 * b * b + a * b,
    ]) {
      const m = measure(f);
      expect(m).toMatchObject({ radialNegative: 0, eigenNegative: 0, localMinima: 1 });
    }
    // float32-sized noise on a shallow bowl does not count as curvature.
    let seed = 1;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 1e-7;
    expect(measure((a, b) => 0.01 * (a * a + b * b) + noise()).radialNegative).toBe(0);
  });

  it('finds a saddle half non-convex along the rays, and wholly by its eigenvalues', () => {
    const m = measure((a, b) => a * a - b * b);
    // Along a ray at angle φ the curvature is 2cos 2φ: negative on half the directions (the
    // diagonals, where it is 0, count as neither).
    expect(m.radialNegative).toBeGreaterThan(0.4);
    expect(m.radialNegative).toBeLessThan(0.5);
    expect(m.eigenNegative).toBe(1);
    expect(m.localMinima).toBe(0);
    // A weak saddle, |λmin/λmax| = 0.05 < 0.1, is not counted by the eigenvalue share.
    expect(measure((a, b) => a * a - 0.05 * b * b).eigenNegative).toBe(0);
  });

  it('finds a cap wholly concave, and a saturating well concave beyond its inflection', () => {
    expect(measure((a, b) => -(a * a + b * b))).toMatchObject({
      radialNegative: 1,
      eigenNegative: 1,
      localMinima: 0,
    });
    // 1 − exp(−r²/s²) curves down along the ray beyond r = s/√2: with s = 0.5, outside the
    // circle of radius 0.354, about 1 − π·0.354²/4 = 0.90 of the square.
    const m = measure((a, b) => 1 - Math.exp(-(a * a + b * b) / 0.25));
    expect(m.radialNegative).toBeGreaterThan(0.85);
    expect(m.radialNegative).toBeLessThan(0.95);
    expect(m.localMinima).toBe(1);
  });

  it('finds a rough surface rough: dozens of minima, curvature of either sign', () => {
    // An egg crate on a bowl, steep enough to have a well at each of its 128 troughs.
    const m = measure((a, b) => a * a + b * b + 0.2 * Math.sin(25 * a) * Math.sin(25 * b));
    expect(m.localMinima).toBeGreaterThan(50);
    expect(m.radialNegative).toBeGreaterThan(0.4);
  });
});

describe('basinMeasures and lowestPoint', () => {
  it('measure the share below chance, the rim’s median and the lowest point', () => {
    // 3 × 3, row-major (rows are b): the centre 0.1, the rim 1, 2, …, 8.
    const losses = [1, 2, 3, 4, 0.1, 5, 6, 7, 8];
    expect(basinMeasures(losses, 3, 2)).toEqual({ belowChance: 1 / 9, rimMedian: 4.5 });
    // Ten classes: chance is ln 10 ≈ 2.30.
    expect(basinMeasures(losses, 3, 10).belowChance).toBeCloseTo(3 / 9, 12);
    expect(lowestPoint(losses, 3, 1)).toEqual({ loss: 0.1, a: 0, b: 0 });
    expect(lowestPoint([3, 2, 1, 4, 5, 6, 7, 8, 9], 3, 1)).toEqual({ loss: 1, a: 1, b: -1 });
  });
});

describe('the landscape figure’s nets', () => {
  it('are a plain and a residual net per depth and seed, held-out seeds after the others', () => {
    const spec = { ...LANDSCAPE_SPEC, depths: [8, 16], seeds: [1, 2], heldOutSeeds: [4] };
    expect(
      landscapeNets(spec).map((n) => `${n.blocks}:${n.seed}:${n.arm}:${n.config.skip}`),
    ).toEqual(
      [8, 16].flatMap((b) =>
        [1, 2, 4].flatMap((s) => [`${b}:${s}:plain:none`, `${b}:${s}:residual:identity`]),
      ),
    );
    expect(landscapeNets(spec)[0]!.config.blocks).toBe(8);
  });

  /** A made-up run: its basin, rim, minima and whether it reached the target. */
  const run = (
    arm: 'plain' | 'residual',
    statistics: BnStatistics,
    basin: number,
    rim: number,
    minima: number,
    { blocks = 16, reached = true } = {},
  ): LandscapeRun => ({
    arm,
    blocks,
    seed: 1,
    statistics,
    trained: { steps: 100, loss: 0.08, accuracy: 0.98, reached },
    result: {
      grid: 31,
      span: 1,
      losses: [],
      centre: 0.05,
      lowest: { loss: 0.05, a: 0, b: 0 },
      basin: { belowChance: basin, rimMedian: rim },
      curvature: { radialNegative: 0.02, eigenNegative: 0.2, localMinima: minima, scale: 1 },
    },
  });
  const seedOf = (o: { blocks?: number; reached?: boolean } = {}) => [
    run('plain', 'frozen', 0.05, 1e6, 1, o),
    run('plain', 'recomputed', 0.06, 1.1, 60, o),
    run('residual', 'frozen', 0.3, 10, 0, o),
    run('residual', 'recomputed', 0.9, 0.7, 2, o),
  ];

  it('judges a depth and seed: frozen, a sharper plain basin; recomputed, a chaotic plain slice', () => {
    const all = {
      blocks: 16,
      seed: 1,
      bothTrained: true,
      frozenPlainSharper: true,
      frozenBothBasins: true,
      recomputedPlainChaotic: true,
    };
    expect(landscapeVerdicts(seedOf())).toEqual([all]);
    expect(landscapeVerdicts(seedOf({ reached: false }))).toEqual([{ ...all, bothTrained: false }]);
    const [fp, rp, fr, rr] = seedOf();
    // A plain basin as wide as the residual one, or a rim only 50 times higher, is not sharper.
    expect(landscapeVerdicts([run('plain', 'frozen', 0.3, 1e6, 1), rp!, fr!, rr!])).toEqual([
      { ...all, frozenPlainSharper: false },
    ]);
    expect(landscapeVerdicts([run('plain', 'frozen', 0.05, 500, 1), rp!, fr!, rr!])).toEqual([
      { ...all, frozenPlainSharper: false },
    ]);
    // A rough frozen slice is no basin; a rough recomputed residual slice spoils the contrast.
    expect(landscapeVerdicts([run('plain', 'frozen', 0.05, 1e6, 9), rp!, fr!, rr!])).toEqual([
      { ...all, frozenBothBasins: false },
    ]);
    expect(landscapeVerdicts([fp!, rp!, fr!, run('residual', 'recomputed', 0.9, 0.7, 8)])).toEqual([
      { ...all, recomputedPlainChaotic: false },
    ]);
  });

  it('judges a seed across depths by how its frozen rims rise', () => {
    const at = (blocks: number, plainRim: number, residualRim: number) => [
      run('plain', 'frozen', 0.05, plainRim, 1, { blocks }),
      run('residual', 'frozen', 0.3, residualRim, 0, { blocks }),
    ];
    expect(
      landscapeDepthVerdicts([...at(8, 1e3, 5), ...at(16, 1e5, 10), ...at(24, 1e7, 20)]),
    ).toEqual([{ seed: 1, plainSteepens: true, residualSteepensLittle: true }]);
    expect(landscapeDepthVerdicts([...at(24, 1e5, 100), ...at(8, 1e3, 5)])).toEqual([
      { seed: 1, plainSteepens: false, residualSteepensLittle: false },
    ]);
  });
});
