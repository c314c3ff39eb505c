// @vitest-environment node
/**
 * The hand-written backward pass against tfjs's autodiff of `network.forward`, for every block
 * variant (skip × order × norm × activation, 24 nets) and a scaled branch: the loss, ∂L/∂θ for
 * every parameter, and ∂L/∂x_l for every block input. Autodiff itself is checked against finite
 * differences in gradcheck.test.ts, so together they tie this pass to the definition.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainingPass } from './backprop';
import { ACTIVATIONS, NORMS, ORDERS, SKIPS, parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork, type Network } from './network';
import { disposeBatch, firstBatch, useCpuBackend } from './testing';
import { crossEntropy, type Batch } from './train';

beforeAll(useCpuBackend);

/** Largest |a − b| relative to the largest |b| (both flattened). */
function relError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / Math.max(scale, 1e-30);
}

async function compare(net: Network, b: Batch) {
  const n = net.config.blocks;
  const probe = tf.zeros([n + 1, b.x.shape[0], net.config.width]);
  const reference = tf.tidy(() => {
    const loss = crossEntropy(net.forward(b.x).logits, b.oneHot);
    const [gTheta, gProbe] = tf.grads((th: tf.Tensor, pr: tf.Tensor) =>
      crossEntropy(net.forward(b.x, pr, th).logits, b.oneHot),
    )([net.packed.theta, probe]);
    return [loss, gTheta!, gProbe!];
  });
  const mine = tf.tidy(() => {
    const p = trainingPass(net, b.x, b.oneHot);
    return [p.loss, p.grad, tf.stack(p.signalGrads)];
  });
  const [refLoss, refTheta, refSignal] = await Promise.all(reference.map((t) => t.data()));
  const [loss, theta, signal] = await Promise.all(mine.map((t) => t.data()));
  tf.dispose([...reference, ...mine, probe]);
  return {
    loss: Math.abs(loss![0]! - refLoss![0]!),
    theta: relError(theta as Float32Array, refTheta as Float32Array),
    signal: relError(signal as Float32Array, refSignal as Float32Array),
  };
}

describe('the hand-written backward pass', () => {
  const variants = SKIPS.flatMap((skip) =>
    ORDERS.flatMap((order) =>
      NORMS.flatMap((norm) => ACTIVATIONS.map((activation) => ({ skip, order, norm, activation }))),
    ),
  );
  it.each(variants)('equals autodiff for $skip $order $norm $activation', async (v) => {
    const config = parseConfig({ ...v, blocks: 3, width: 8, seed: 3, dataset: 'spiral' });
    const net = buildNetwork(config, 2, 2);
    const b = firstBatch(makePlanarDataset('spiral', 1), 16);
    const e = await compare(net, b);
    expect(e.loss).toBeLessThan(1e-6);
    expect(e.theta).toBeLessThan(1e-5);
    expect(e.signal).toBeLessThan(1e-5);
    disposeBatch(b);
    net.dispose();
  });

  it('equals autodiff with a scaled branch on a deeper net, without leaking tensors', async () => {
    const config = parseConfig({
      blocks: 12,
      width: 16,
      branchScale: 0.3,
      norm: 'none',
      dataset: 'spiral',
    });
    const net = buildNetwork(config, 2, 2);
    const b = firstBatch(makePlanarDataset('spiral', 1), 32);
    const before = tf.memory().numTensors;
    const e = await compare(net, b);
    expect(tf.memory().numTensors).toBe(before);
    expect(e.theta).toBeLessThan(1e-5);
    expect(e.signal).toBeLessThan(1e-5);
    disposeBatch(b);
    net.dispose();
  });
});
