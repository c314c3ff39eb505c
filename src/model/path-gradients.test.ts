// @vitest-environment node
/**
 * Gradient by path length: where it can be exact it is. For a small net the terms of all 2ⁿ
 * paths must add up, as vectors, to the true ∂L/∂x_0 (tfjs's autodiff through the whole forward
 * pass); the sampled measurement covers every length, takes every path where there are few,
 * releases its tensors and refuses nets whose paths do not add up.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork } from './network';
import { allPaths, choose, pathGradients, pathTerm } from './path-gradients';
import { useCpuBackend } from './testing';
import { crossEntropy } from './train';

beforeAll(useCpuBackend);

const data = makePlanarDataset('spiral', 2);
const rows = 16;
const x = tf.tensor2d(data.trainX.slice(0, 2 * rows), [rows, 2]);
const oneHot = tf
  .oneHot(tf.tensor1d(data.trainY.slice(0, rows), 'int32'), 2)
  .toFloat() as tf.Tensor2D;

/** ∂L/∂x_0 by tfjs's autodiff through the whole forward pass (a zero probe added to every x_l). */
function trueGradient(net: ReturnType<typeof buildNetwork>, n: number, width: number) {
  return tf.tidy(() => {
    const probe = tf.zeros([n + 1, rows, width]);
    const g = tf.grad((p: tf.Tensor) => crossEntropy(net.forward(x, p).logits, oneHot))(probe);
    return tf.squeeze(tf.slice(g, [0, 0, 0], [1, rows, width]), [0]) as tf.Tensor2D;
  });
}

describe('paths', () => {
  it('are counted and listed exactly', () => {
    expect(choose(54, 27)).toBeCloseTo(1.946939425648112e15, -2);
    expect(choose(5, 0)).toBe(1);
    expect(choose(5, 6)).toBe(0);
    const two = allPaths(5, 2);
    expect(two).toHaveLength(10);
    expect(new Set(two.map((p) => p.join())).size).toBe(10);
    expect(allPaths(3, 0)).toEqual([[]]);
  });
});

describe.each([
  { norm: 'batch' as const, branchScale: 1 },
  { norm: 'none' as const, branchScale: 0.5 },
])('the terms of all paths of a $norm net, branches ×$branchScale', ({ norm, branchScale }) => {
  it('add up to the true gradient at the first block', () => {
    const n = 4;
    const width = 6;
    const net = buildNetwork(
      parseConfig({ blocks: n, width, order: 'pre', skip: 'identity', norm, branchScale, seed: 3 }),
      2,
      2,
    );
    const truth = trueGradient(net, n, width);
    let sum = tf.zerosLike(truth);
    for (let k = 0; k <= n; k++)
      for (const path of allPaths(n, k)) {
        const { grad } = pathTerm(net, x, oneHot, path);
        const next = tf.add(sum, grad) as tf.Tensor2D;
        tf.dispose([sum, grad]);
        sum = next;
      }
    const scale = tf.max(tf.abs(truth)).dataSync()[0]!;
    const diff = tf.max(tf.abs(tf.sub(sum, truth))).dataSync()[0]!;
    expect(scale).toBeGreaterThan(0);
    expect(diff / scale).toBeLessThan(1e-4);
    tf.dispose([sum, truth]);
    net.dispose();
  });
});

describe('pathGradients', () => {
  it('measures every length, every path where there are few, and releases its tensors', async () => {
    const net = buildNetwork(parseConfig({ blocks: 6, width: 6, order: 'pre' }), 2, 2);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const r = (await pathGradients(net, x, oneHot, {
      samples: 6,
      onProgress: (d) => seen.push(d),
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(r.map((row) => row.k)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.map((row) => row.sampled)).toEqual([1, 6, 6, 6, 6, 6, 1]);
    for (const row of r) expect(row.total).toBeCloseTo(row.perPath * choose(6, row.k), 10);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    net.dispose();
  });

  it('refuses nets whose paths do not add up, and stops when cancelled', async () => {
    const post = buildNetwork(parseConfig({ blocks: 2, width: 4, order: 'post' }), 2, 2);
    await expect(pathGradients(post, x, oneHot)).rejects.toThrow(/pre-activation residual/);
    const net = buildNetwork(parseConfig({ blocks: 3, width: 4, order: 'pre' }), 2, 2);
    expect(await pathGradients(net, x, oneHot, { cancelled: () => true })).toBeNull();
  });
});
