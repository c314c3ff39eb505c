/**
 * The comparison behind backprop.test.ts (cpu) and backprop-wasm.test.ts (wasm): the engine's
 * hand-written backward pass against tfjs's autodiff of `network.forward`, on one batch.
 */
import * as tf from '@tensorflow/tfjs';
import { trainingPass } from '../../src/model/engine/backprop';
import { ACTIVATIONS, NORMS, ORDERS, SKIPS, parseConfig } from '../../src/model/engine/config';
import { makePlanarDataset } from '../../src/model/engine/data/planar';
import { disposeBatch, firstBatch } from './engine';
import { buildNetwork, type Network } from '../../src/model/engine/network';
import { crossEntropy, type Batch } from '../../src/model/engine/train';

/** Every block variant: skip × order × norm × activation. */
export const VARIANTS = SKIPS.flatMap((skip) =>
  ORDERS.flatMap((order) =>
    NORMS.flatMap((norm) => ACTIVATIONS.map((activation) => ({ skip, order, norm, activation }))),
  ),
);

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

/**
 * |loss − autodiff loss|, and the relative errors of ∂L/∂θ and of ∂L/∂x_l (all blocks) against
 * autodiff's, for `net` on batch `b`.
 */
export async function compareWithAutodiff(net: Network, b: Batch) {
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

/** The errors of one variant: a 3-block, width-8 net on 16 spiral points. */
export async function variantErrors(
  v: (typeof VARIANTS)[number],
): Promise<{ loss: number; theta: number; signal: number }> {
  const config = parseConfig({ ...v, blocks: 3, width: 8, seed: 3, dataset: 'spiral' });
  const net = buildNetwork(config, 2, 2);
  const b = firstBatch(makePlanarDataset('spiral', 1), 16);
  try {
    return await compareWithAutodiff(net, b);
  } finally {
    disposeBatch(b);
    net.dispose();
  }
}
