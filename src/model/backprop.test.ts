// @vitest-environment node
/**
 * The hand-written backward pass against tfjs's autodiff of `network.forward`, for every block
 * variant (skip × order × norm × activation, 24 nets) and a scaled branch: the loss, ∂L/∂θ for
 * every parameter, and ∂L/∂x_l for every block input. Autodiff itself is checked against finite
 * differences in gradcheck.test.ts, so together they tie this pass to the definition.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork } from './network';
import { disposeBatch, firstBatch, useCpuBackend } from './testing';
import { compareWithAutodiff as compare, VARIANTS, variantErrors } from './testing-backprop';

beforeAll(useCpuBackend);

describe('the hand-written backward pass', () => {
  it.each(VARIANTS)('equals autodiff for $skip $order $norm $activation', async (v) => {
    const e = await variantErrors(v);
    expect(e.loss).toBeLessThan(1e-6);
    expect(e.theta).toBeLessThan(1e-5);
    expect(e.signal).toBeLessThan(1e-5);
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
