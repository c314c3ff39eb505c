// @vitest-environment node
/**
 * The hand-written backward pass of a branch against tfjs's autodiff of `Network.branch`, for
 * every activation, with and without batch norm, and with a scaled branch; and its memory.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { branchJacobians } from './branch-jacobian';
import { ACTIVATIONS, parseConfig } from '../../engine/config';
import { buildNetwork } from '../../engine/network';
import { normalArray, streamRng } from '../../engine/rng';
import { useCpuBackend } from '../../../../tests/support/engine';

beforeAll(useCpuBackend);

const rows = 12;
const width = 6;

describe('branch Jacobians', () => {
  for (const activation of ACTIVATIONS)
    for (const norm of ['batch', 'none'] as const)
      it(`agree with autodiff of the branch: ${activation}, norm ${norm}, branch scale 0.3`, () => {
        const config = parseConfig({
          blocks: 3,
          width,
          activation,
          norm,
          order: 'pre',
          branchScale: 0.3,
          seed: 5,
        });
        const net = buildNetwork(config, 2, 2);
        const rng = streamRng(7, 'branch-jacobian-test');
        const x = tf.tensor2d(normalArray(rng, rows * 2, 1), [rows, 2]);
        const g = tf.tensor2d(normalArray(rng, rows * width, 1), [rows, width]);
        const { xs } = net.forward(x);
        const before = tf.memory().numTensors;
        const jac = branchJacobians(net, xs);
        for (let l = 0; l < 3; l++) {
          const mine = jac.vjp(l, g);
          const want = tf.tidy(() =>
            tf.grad((v: tf.Tensor) => tf.sum(tf.mul(net.branch(l, v as tf.Tensor2D), g)))(xs[l]!),
          );
          const err = tf.tidy(() => tf.max(tf.abs(tf.sub(mine, want))).dataSync()[0]!);
          const size = tf.tidy(() => tf.max(tf.abs(want)).dataSync()[0]!);
          expect(err, `block ${l}`).toBeLessThanOrEqual(1e-5 * Math.max(1, size));
          tf.dispose([mine, want]);
        }
        jac.dispose();
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([x, g, ...xs]);
        net.dispose();
      });

  it('refuse nets whose branches are not pre-activation residual ones', () => {
    const net = buildNetwork(parseConfig({ blocks: 1, width, order: 'post' }), 2, 2);
    expect(() => branchJacobians(net, [])).toThrow(/pre-activation residual nets only/);
    net.dispose();
  });
});
