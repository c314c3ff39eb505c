// @vitest-environment node
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionBoundary, extentOf, gridPoints } from './boundary';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { Session } from './experiment';
import { useCpuBackend } from './testing';

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
    const p = await decisionBoundary(s.network, data.trainX.subarray(0, 512), res, [-1, 1, -1, 1]);
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

describe('decision boundary without batch norm', () => {
  it('needs no context and gives the same values in one batch as in chunks', async () => {
    const config = parseConfig({ dataset: 'moons', blocks: 3, width: 8, norm: 'none' });
    const s = new Session(config, makePlanarDataset('moons', 2));
    const whole = await decisionBoundary(s.network, new Float32Array(0), 8, [-1, 1, -1, 1]);
    const chunked = await decisionBoundary(s.network, new Float32Array(0), 8, [-1, 1, -1, 1], 16);
    expect(Array.from(whole)).toEqual(Array.from(chunked));
    s.dispose();
  });
});
