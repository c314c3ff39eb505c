// @vitest-environment node
/**
 * Gradient by path length is exact. For a net of 4 blocks the terms of all 2ⁿ paths, listed one
 * by one, add up to the true ∂L/∂x_0 (tfjs's autodiff through the whole forward pass), and the
 * dynamic programme's G_k equals the sum of the terms of length k; for every block variant the
 * study supports, Σ_k G_k equals autodiff's ∂L/∂x_0 within 1e-4 relative. The measurement
 * covers every length, samples single paths as it says, releases its tensors and refuses nets
 * whose paths do not add up.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, parseConfig } from '../../engine/config';
import { makePlanarDataset } from '../../engine/data/planar';
import { buildNetwork, type Network } from '../../engine/network';
import {
  allPaths,
  autodiffInputGradient,
  choose,
  lengthGradients,
  pathGradients,
  pathGradientSteps,
  pathTerm,
} from './gradients';
import { useCpuBackend } from '../../../../tests/support/engine';

beforeAll(useCpuBackend);

const data = makePlanarDataset('spiral', 2);
const rows = 16;
const x = tf.tensor2d(data.trainX.slice(0, 2 * rows), [rows, 2]);
const oneHot = tf
  .oneHot(tf.tensor1d(data.trainY.slice(0, rows), 'int32'), 2)
  .toFloat() as tf.Tensor2D;

/** max |a − b| / max |b|, and max |b| (which must not be 0 for the ratio to mean anything). */
function relativeMiss(a: tf.Tensor, b: tf.Tensor): { miss: number; size: number } {
  return tf.tidy(() => {
    const size = tf.max(tf.abs(b)).dataSync()[0]!;
    return { miss: tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]! / size, size };
  });
}

const residual = (over: Record<string, unknown>): Network =>
  buildNetwork(parseConfig({ width: 6, order: 'pre', skip: 'identity', ...over }), 2, 2);

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
  { norm: 'batch' as const, branchScale: 0.15 },
])('the 16 paths of a 4-block $norm net, branches ×$branchScale', ({ norm, branchScale }) => {
  it('add up to the true gradient, and length by length to the exact G_k', async () => {
    const n = 4;
    const net = residual({ blocks: n, norm, branchScale, activation: 'sigmoid', seed: 3 });
    const truth = autodiffInputGradient(net, x, oneHot);
    const G = (await lengthGradients(net, x, oneHot))!;
    expect(G).toHaveLength(n + 1);
    let all = tf.zerosLike(truth);
    for (let k = 0; k <= n; k++) {
      // Brute force: every path of length k, one by one.
      let sum = tf.zerosLike(truth);
      for (const path of allPaths(n, k)) {
        const { grad } = pathTerm(net, x, oneHot, path);
        const next = tf.add(sum, grad) as tf.Tensor2D;
        tf.dispose([sum, grad]);
        sum = next;
      }
      const { miss, size } = relativeMiss(G[k]!, sum);
      expect(size, `k ${k}`).toBeGreaterThan(0);
      expect(miss, `k ${k}`).toBeLessThan(1e-5);
      const next = tf.add(all, sum) as tf.Tensor2D;
      tf.dispose([all, sum]);
      all = next;
    }
    const { miss, size } = relativeMiss(all, truth);
    expect(size).toBeGreaterThan(0);
    expect(miss).toBeLessThan(1e-4);
    tf.dispose([all, truth, ...G]);
    net.dispose();
  });
});

describe('the exact gradients of the lengths', () => {
  const variants = ACTIVATIONS.flatMap((activation) =>
    (['batch', 'none'] as const).map((norm) => ({ activation, norm })),
  );
  it.each(variants)(
    'add up to autodiff’s ∂L/∂x_0 within 1e-4: 12 blocks, $activation, norm $norm',
    async ({ activation, norm }) => {
      for (const branchScale of [1, 0.15]) {
        const net = residual({ blocks: 12, activation, norm, branchScale, init: 'glorot' });
        const before = tf.memory().numTensors;
        const truth = autodiffInputGradient(net, x, oneHot);
        const G = (await lengthGradients(net, x, oneHot))!;
        const sum = tf.addN(G);
        const { miss, size } = relativeMiss(sum, truth);
        expect(size, `branch scale ${branchScale}`).toBeGreaterThan(0);
        expect(miss, `branch scale ${branchScale}`).toBeLessThan(1e-4);
        // Not a trivial sum: more than one length carries gradient.
        const norms = G.map((g) => tf.tidy(() => tf.norm(g).dataSync()[0]!));
        expect(norms.filter((v) => v > 1e-3 * Math.max(...norms)).length).toBeGreaterThan(1);
        tf.dispose([sum, truth, ...G]);
        expect(tf.memory().numTensors).toBe(before);
        net.dispose();
      }
    },
  );
});

describe('pathGradients', () => {
  it('measures every length exactly and samples single paths, and releases its tensors', async () => {
    const n = 6;
    const net = residual({ blocks: n, activation: 'tanh', seed: 2 });
    const before = tf.memory().numTensors;
    const seen: [number, number][] = [];
    const m = (await pathGradients(net, x, oneHot, {
      samples: 6,
      onProgress: (d, t) => seen.push([d, t]),
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(m.rows.map((r) => r.k)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(m.rows.map((r) => r.sampled)).toEqual([1, 6, 6, 6, 6, 6, 1]);
    // The lengths' gradients add up to autodiff's, so their parts along it add up to 1.
    expect(m.sumError).toBeLessThan(1e-5);
    expect(m.rows.reduce((s, r) => s + r.along, 0)).toBeCloseTo(1, 5);
    const truth = autodiffInputGradient(net, x, oneHot);
    expect(m.gradientNorm).toBeCloseTo(tf.norm(truth).dataSync()[0]!, 6);
    truth.dispose();
    // Lengths 0 and n have one path each: its term is the whole G_k, so the two measures agree.
    for (const k of [0, n]) expect(m.rows[k]!.perPath).toBeCloseTo(m.rows[k]!.norm, 6);
    // The triangle inequality: C(n, k) single paths add up to no more than their norms.
    for (const r of m.rows.slice(1, -1))
      expect(r.norm).toBeLessThanOrEqual(choose(n, r.k) * r.perPath * 1.0001 + 1e-12);
    expect(seen.map(([d]) => d)).toEqual(Array.from({ length: 2 * n + 1 }, (_, i) => i + 1));
    expect(seen.every(([, t]) => t === pathGradientSteps(n))).toBe(true);
    net.dispose();
  });

  it('refuses nets whose paths do not add up, and stops when cancelled', async () => {
    const post = buildNetwork(parseConfig({ blocks: 2, width: 4, order: 'post' }), 2, 2);
    await expect(pathGradients(post, x, oneHot)).rejects.toThrow(/pre-activation residual/);
    const plain = buildNetwork(parseConfig({ blocks: 2, width: 4, skip: 'none' }), 2, 2);
    await expect(lengthGradients(plain, x, oneHot)).rejects.toThrow(/pre-activation residual/);
    const net = residual({ blocks: 3 });
    await expect(pathGradients(net, x, oneHot, { samples: 0 })).rejects.toThrow(/samples is 0/);
    const before = tf.memory().numTensors;
    expect(await pathGradients(net, x, oneHot, { cancelled: () => true })).toBeNull();
    let calls = 0;
    expect(await lengthGradients(net, x, oneHot, { cancelled: () => ++calls > 2 })).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    for (const n of [post, plain, net]) n.dispose();
  });
});
