// @vitest-environment node
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionBoundary, extentOf, gridPoints } from './boundary';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { Session } from './experiment';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

describe('decision boundary', () => {
  it('lays the grid out with row 0 at ymax', () => {
    const g = gridPoints(2, [0, 2, 0, 2]);
    expect(Array.from(g)).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
    expect(extentOf(new Float32Array([-1, -1, 1, 1]), 0)).toEqual([-1, 1, -1, 1]);
  });

  it('returns probabilities that separate the classes after training, without leaks', async () => {
    const config = parseConfig({
      dataset: 'xor',
      blocks: 2,
      width: 16,
      batchSize: 64,
      norm: 'batch',
    });
    const data = makePlanarDataset('xor', 1);
    const s = new Session(config, data);
    for (let i = 0; i < 150; i++) await s.step();
    const before = tf.memory().numTensors;
    const res = 20;
    const p = await decisionBoundary((x) => s.predict(x), res, [-1, 1, -1, 1]);
    expect(tf.memory().numTensors).toBe(before);
    expect(p).toHaveLength(res * res);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    // xor: label 1 where x and y have opposite signs. Top-left (x<0, y>0) vs top-right.
    const at = (r: number, c: number) => p[r * res + c]!;
    expect(at(2, 2)).toBeGreaterThan(0.5);
    expect(at(2, 17)).toBeLessThan(0.5);
    expect(at(17, 17)).toBeGreaterThan(0.5);
    s.dispose();
  });
});

describe('decision boundary of a batch-norm net', () => {
  it("puts the trained net's test points on their side (inference-mode batch norm)", async () => {
    const config = parseConfig({ dataset: 'circles', blocks: 4, width: 16, batchSize: 64 });
    const data = makePlanarDataset('circles', 1);
    const s = new Session(config, data);
    for (let i = 0; i < 200; i++) await s.step();
    const { testAccuracy } = await s.evaluate();
    expect(testAccuracy).toBeGreaterThan(0.97);
    // Read the boundary at the test points themselves: a grid of one cell per point would be
    // costly, so evaluate P(class 1) through the same predict the grid uses.
    const extent = extentOf(data.trainX);
    const res = 64;
    const grid = await decisionBoundary((x) => s.predict(x), res, extent);
    const [xmin, xmax, ymin, ymax] = extent;
    let agree = 0;
    const n = data.testY.length;
    for (let i = 0; i < n; i++) {
      const c = Math.min(res - 1, Math.floor(((data.testX[2 * i]! - xmin) / (xmax - xmin)) * res));
      const r = Math.min(
        res - 1,
        Math.floor(((ymax - data.testX[2 * i + 1]!) / (ymax - ymin)) * res),
      );
      if (grid[r * res + c]! > 0.5 === (data.testY[i] === 1)) agree++;
    }
    // Cells are coarser than the data, so points on the boundary may land in the wrong cell.
    expect(agree / n).toBeGreaterThan(testAccuracy - 0.03);
    s.dispose();
  });
});
