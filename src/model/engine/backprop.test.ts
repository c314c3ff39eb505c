// @vitest-environment node
/**
 * The hand-written backward pass against tfjs's autodiff of `network.forward`, for every block
 * variant (skip × order × norm × activation) and a scaled branch: the loss, ∂L/∂θ for
 * every parameter, and ∂L/∂x_l for every block input. Autodiff itself is checked against finite
 * differences in gradcheck.test.ts, so together they tie this pass to the definition.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork } from './network';
import { disposeBatch, firstBatch, useCpuBackend } from '../../../tests/support/engine';
import {
  compareWithAutodiff as compare,
  VARIANTS,
  variantErrors,
} from '../../../tests/support/backprop';

beforeAll(useCpuBackend);

describe('the hand-written backward pass', () => {
  it.each(VARIANTS)('equals autodiff for $skip $order $norm $activation', async (v) => {
    const e = await variantErrors(v);
    expect(e.loss).toBeLessThan(1e-6);
    expect(e.theta).toBeLessThan(1e-5);
    expect(e.signal).toBeLessThan(1e-5);
  });

  it.each(['pre', 'post'] as const)(
    'equals autodiff with single shortcuts cut (%s blocks, scaled branches)',
    async (order) => {
      const config = parseConfig({
        blocks: 4,
        width: 8,
        order,
        branchScale: 0.5,
        skip: ['identity', 'none', 'identity', 'none'],
        dataset: 'spiral',
      });
      const net = buildNetwork(config, 2, 2);
      const b = firstBatch(makePlanarDataset('spiral', 1), 16);
      const e = await compare(net, b);
      expect(e.loss).toBeLessThan(1e-6);
      expect(e.theta).toBeLessThan(1e-5);
      expect(e.signal).toBeLessThan(1e-5);
      disposeBatch(b);
      net.dispose();
    },
  );

  it('makes a block with its shortcut cut a plain block: x₂ = F(x₁), where the residual net adds x₁', async () => {
    const base = { blocks: 3, width: 8, dataset: 'spiral', order: 'pre' } as const;
    const residual = buildNetwork(parseConfig(base), 2, 2);
    const cut = buildNetwork(
      parseConfig({ ...base, skip: ['identity', 'none', 'identity'] }),
      2,
      2,
    );
    const b = firstBatch(makePlanarDataset('spiral', 1), 16);
    const [r1, r2, c1, c2] = await Promise.all(
      tf
        .tidy(() => {
          const r = residual.forward(b.x).xs;
          const c = cut.forward(b.x).xs;
          return [r[1]!, r[2]!, c[1]!, c[2]!];
        })
        .map(async (t) => {
          const d = await t.data();
          t.dispose();
          return d;
        }),
    );
    // Same seed, same weights: block 1 is the same residual block in both nets…
    expect(Array.from(c1!)).toEqual(Array.from(r1!));
    // …and block 2 of the cut net outputs only its branch, F(x₁) = x₂ − x₁ of the residual net.
    c2!.forEach((v, i) => expect(v).toBeCloseTo(r2![i]! - r1![i]!, 5));
    disposeBatch(b);
    residual.dispose();
    cut.dispose();
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
