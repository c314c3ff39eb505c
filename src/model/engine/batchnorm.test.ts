// @vitest-environment node
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNorm } from './batchnorm';
import { BN_EPSILON } from './constants';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

describe('batchNorm', () => {
  it('normalises each column to mean 0 and variance 1 before γ and β', async () => {
    const x = tf.randomNormal([64, 5], 3, 2, 'float32', 1) as tf.Tensor2D;
    const y = batchNorm(x, tf.ones([5]), tf.zeros([5]));
    const { mean, variance } = tf.moments(y, 0);
    for (const m of await mean.data()) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const v of await variance.data()) expect(v).toBeCloseTo(1, 3);
  });

  it('has the gradient of tfjs’s own batchNorm over batch moments, in x, γ and β', async () => {
    const x = tf.randomNormal([8, 4], 0, 1, 'float32', 1);
    const gamma = tf.randomNormal([4], 1, 0.3, 'float32', 2);
    const beta = tf.randomNormal([4], 0, 0.3, 'float32', 3);
    const w = tf.randomNormal([8, 4], 0, 1, 'float32', 4);
    const ours = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(batchNorm(a as tf.Tensor2D, g, b), w));
    const reference = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, 0);
      return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, b, g, BN_EPSILON), w));
    };
    expect((await ours(x, gamma, beta).data())[0]).toBeCloseTo(
      (await reference(x, gamma, beta).data())[0]!,
      5,
    );
    const g1 = tf.grads(ours)([x, gamma, beta]);
    const g2 = tf.grads(reference)([x, gamma, beta]);
    for (let i = 0; i < 3; i++) {
      const a = await g1[i]!.data();
      const b = await g2[i]!.data();
      a.forEach((v, j) => expect(v).toBeCloseTo(b[j]!, 5));
    }
  });
});
