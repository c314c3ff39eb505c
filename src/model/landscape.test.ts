// @vitest-environment node
/**
 * Loss-landscape slices: the directions are filter-normalised, the slice's centre is the trained
 * net's training loss, the curvature measures on analytic surfaces, memory and cancelling, and
 * the verdicts on made-up slices. What the figure's nets show on seeds 1–3 is tested with the
 * shipped file, in scripts/landscape.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../scripts/node-backend';
import { parseConfig } from './config';
import { loadDataset } from './data';
import { Session } from './experiment';
import { filterNormalisedDirection, lossSlice } from './landscape';
import {
  curvatureMeasures,
  gridCoordinate,
  LANDSCAPE_SPEC,
  landscapeNets,
  landscapeVerdicts,
  type LandscapeRun,
} from './landscape-spec';
import { crossEntropy } from './train';

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

describe('lossSlice', () => {
  it('has the trained training loss at its centre, and each point’s own statistics', async () => {
    const session = await trained();
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const r = (await lossSlice(session, {
      grid: 5,
      span: 0.5,
      onProgress: (d, t) => seen.push(`${d}/${t}`),
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual(['5/25', '10/25', '15/25', '20/25', '25/25']);
    expect(r.losses).toHaveLength(25);
    expect(r.centre).toBe(r.losses[12]);
    const { trainLoss } = await session.evaluate();
    expect(Math.abs(r.centre - trainLoss)).toBeLessThan(1e-5);

    // A corner, (a, b) = (−0.5, 0.5), as normStats then infer at that point computes it.
    const { network, dataset } = session;
    const delta = filterNormalisedDirection(network, 1, 'delta');
    const eta = filterNormalisedDirection(network, 1, 'eta');
    const loss = tf.tidy(() => {
      const x = tf.tensor2d(dataset.trainX, [dataset.trainY.length, dataset.inputDim]);
      const labels = tf.tensor1d(dataset.trainY, 'int32');
      const oneHot = tf.cast(tf.oneHot(labels, 2), 'float32') as tf.Tensor2D;
      const theta = tf.add(network.packed.theta, tf.add(tf.mul(delta, -0.5), tf.mul(eta, 0.5)));
      const stats = network.normStats(x, theta);
      return crossEntropy(network.infer(x, stats, { theta }), oneHot);
    });
    expect(r.losses[20]).toBeCloseTo((await loss.data())[0]!, 5);
    // Off the centre the plane is another net: its loss differs.
    expect(Math.abs(r.losses[20]! - r.centre)).toBeGreaterThan(1e-3);
    tf.dispose([delta, eta, loss]);
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

describe('the landscape figure’s nets', () => {
  it('are a plain and a residual net per seed, plain first', () => {
    expect(landscapeNets(LANDSCAPE_SPEC).map((n) => `${n.seed}:${n.arm}:${n.config.skip}`)).toEqual(
      [1, 2, 3].flatMap((s) => [`${s}:plain:none`, `${s}:residual:identity`]),
    );
  });

  it('judges a seed: the plain slice is chaotic, the residual one a smooth basin', () => {
    const run = (arm: 'plain' | 'residual', radial: number, minima: number, centre = 0.05) =>
      ({
        arm,
        seed: 1,
        result: {
          grid: 31,
          span: 1,
          losses: [],
          centre,
          curvature: { radialNegative: radial, eigenNegative: 0, localMinima: minima, scale: 1 },
        },
      }) satisfies LandscapeRun;
    expect(landscapeVerdicts([run('plain', 0.47, 50), run('residual', 0.25, 2)])).toEqual([
      { seed: 1, plainChaotic: true, residualSmooth: true },
    ]);
    // A plain net that never trained shows nothing; nor does a rough residual slice.
    expect(landscapeVerdicts([run('plain', 0.49, 80, 0.69), run('residual', 0.45, 2)])).toEqual([
      { seed: 1, plainChaotic: false, residualSmooth: false },
    ]);
    expect(landscapeVerdicts([run('plain', 0.47, 50), run('residual', 0.2, 12)])).toEqual([
      { seed: 1, plainChaotic: true, residualSmooth: false },
    ]);
  });
});
