// @vitest-environment node
/**
 * The network's parts for analyses: one block's branch, the top, lesions (a deleted block passes
 * its input on) and inference at other parameters. Each is checked against the whole forward
 * pass it must agree with, for every order, with and without skips and batch norm.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork } from './network';
import { useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

const data = makePlanarDataset('spiral', 1);
const x = tf.tensor2d(data.trainX.slice(0, 2 * 64), [64, 2]);

const maxDiff = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

const variants = (['post', 'pre'] as const).flatMap((order) =>
  (['identity', 'none'] as const).flatMap((skip) =>
    (['batch', 'none'] as const).map((norm) => ({ order, skip, norm })),
  ),
);

describe.each(variants)('the parts of a $order $skip $norm net', (v) => {
  const net = buildNetwork(parseConfig({ ...v, blocks: 4, width: 8, branchScale: 0.5 }), 2, 2);

  it('rebuild the forward pass: x_{l+1} from x_l and the branch, the logits from x_n', () => {
    tf.tidy(() => {
      const { xs, logits } = net.forward(x);
      for (let l = 0; l < 4; l++) {
        const f = net.branch(l, xs[l]!);
        let next = v.skip === 'identity' ? tf.add(xs[l]!, f) : f;
        if (v.order === 'post') next = tf.relu(next);
        expect(maxDiff(next, xs[l + 1]!)).toBeLessThan(1e-5);
      }
      expect(maxDiff(net.top(xs[4]!), logits)).toBeLessThan(1e-5);
    });
  });

  it('delete a block at test time, and infer at other parameters', () => {
    tf.tidy(() => {
      const stats = net.normStats(x);
      const whole = net.infer(x, stats);
      expect(maxDiff(net.infer(x, stats, { keep: [true, true, true, true] }), whole)).toBe(0);
      expect(maxDiff(net.infer(x, stats, { theta: net.packed.theta }), whole)).toBe(0);
      // Deleting every block leaves the stem and the top.
      const none = net.infer(x, stats, { keep: [false, false, false, false] });
      expect(maxDiff(none, whole)).toBeGreaterThan(1e-4);
      // Doubling θ changes the output (and normStats at that θ is what infer then needs).
      const doubled = tf.mul(net.packed.theta, 2);
      const other = net.infer(x, net.normStats(x, doubled), { theta: doubled });
      expect(maxDiff(other, whole)).toBeGreaterThan(1e-4);
    });
  });
});

describe('deleting blocks', () => {
  it('gives exactly the net without those blocks when it has no batch norm', () => {
    const config = parseConfig({ blocks: 3, width: 8, norm: 'none', order: 'pre', seed: 4 });
    const net = buildNetwork(config, 2, 2);
    tf.tidy(() => {
      const stats = net.normStats(x);
      const { xs } = net.forward(x);
      // Block 2 deleted: x_2 = x_1, then block 3 on it.
      const x3 = tf.add(xs[1]!, net.branch(2, xs[1]!)) as tf.Tensor2D;
      const lesioned = net.infer(x, stats, { keep: [true, false, true] });
      expect(maxDiff(lesioned, net.top(x3))).toBeLessThan(1e-5);
    });
  });

  it('refuses a block that is not there', () => {
    const net = buildNetwork(parseConfig({ blocks: 2, width: 4 }), 2, 2);
    expect(() => net.branch(2, x)).toThrow(/no block 2 in a net of 2 blocks/);
  });
});
