// @vitest-environment node
/**
 * Autodiff against central finite differences, for every block variant:
 * skip × order × norm × activation, with ∂L/∂W per weight matrix and ∂L/∂x_l per
 * block input. float32 resolves a loss difference of about 1e-7, so each check differentiates
 * along a unit direction in which the gradient is large (the gradient's own direction, restricted
 * to one matrix or one x_l): the finite difference then estimates a norm of order 0.01–1 and
 * rounding stays far below the tolerance. One entry per matrix is checked on its own as well.
 * Width 8 rather than 4: with ReLU and zero biases, a batch row whose units are all off gives an
 * exact 0 pre-activation downstream, a kink where a central difference averages two one-sided
 * slopes (seen at width 4: half the autodiff value).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, NORMS, ORDERS, SKIPS, parseConfig, type ExperimentConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork, type Network } from './network';
import { disposeBatch, firstBatch, useCpuBackend } from '../../../tests/support/engine';
import { crossEntropy, Trainer, type Batch } from './train';

beforeAll(useCpuBackend);

const BATCH = 8;
const H = 1e-3;

interface Variant {
  skip: ExperimentConfig['skip'];
  order: ExperimentConfig['order'];
  norm: ExperimentConfig['norm'];
  activation: ExperimentConfig['activation'];
}

const variants: Variant[] = SKIPS.flatMap((skip) =>
  ORDERS.flatMap((order) =>
    NORMS.flatMap((norm) => ACTIVATIONS.map((activation) => ({ skip, order, norm, activation }))),
  ),
);

async function lossAt(net: Network, b: Batch, theta: Float32Array, probe: Float32Array) {
  const t = tf.tidy(() =>
    crossEntropy(
      net.forward(
        b.x,
        tf.tensor3d(probe, [net.config.blocks + 1, BATCH, net.config.width]),
        tf.tensor1d(theta),
      ).logits,
      b.oneHot,
    ),
  );
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
}

/** Central difference of the loss along unit direction `d` in θ (or in the probe). */
async function slope(
  net: Network,
  b: Batch,
  theta: Float32Array,
  probe: Float32Array,
  d: Float32Array,
  inProbe: boolean,
): Promise<number> {
  const shift = (base: Float32Array, s: number) => base.map((v, i) => v + s * d[i]!);
  const [tp, pp] = inProbe ? [theta, shift(probe, H)] : [shift(theta, H), probe];
  const [tm, pm] = inProbe ? [theta, shift(probe, -H)] : [shift(theta, -H), probe];
  return ((await lossAt(net, b, tp, pp)) - (await lossAt(net, b, tm, pm))) / (2 * H);
}

/** `g` restricted to [from, to), normalised to unit length. */
function unitPart(g: Float32Array, from: number, to: number): Float32Array {
  const d = new Float32Array(g.length);
  let n = 0;
  for (let i = from; i < to; i++) n += g[i]! ** 2;
  n = Math.sqrt(n);
  for (let i = from; i < to; i++) d[i] = g[i]! / n;
  return d;
}

/** Relative error below 3%, with `floor` as the smallest scale (rounding noise is ≈ 5e-5). */
function expectClose(fd: number, ad: number, what: string, floor = 2e-3) {
  const err = Math.abs(fd - ad) / Math.max(Math.abs(ad), floor);
  expect(err, `${what}: finite difference ${fd}, autodiff ${ad}`).toBeLessThan(3e-2);
}

describe.each(variants)('gradients of $skip/$order/$norm/$activation', (v) => {
  it('match finite differences for every weight matrix and every x_l', async () => {
    const init = v.activation === 'relu' ? 'he' : 'glorot';
    const config = parseConfig({
      ...v,
      init,
      blocks: 2,
      width: 8,
      seed: 3,
      branchScale: v.skip === 'identity' && v.norm === 'none' ? 0.5 : 1,
    });
    const data = makePlanarDataset('spiral', 1);
    const net = buildNetwork(config, 2, 2);
    const b = firstBatch(data, BATCH);
    const theta = (await net.packed.theta.data()) as Float32Array;
    const probe = new Float32Array((config.blocks + 1) * BATCH * config.width);
    const [gT, gP] = tf.tidy(() =>
      tf.grads((th: tf.Tensor, pr: tf.Tensor) =>
        crossEntropy(net.forward(b.x, pr, th).logits, b.oneHot),
      )([tf.tensor1d(theta), tf.tensor3d(probe, [config.blocks + 1, BATCH, config.width])]),
    );
    const gTheta = (await gT!.data()) as Float32Array;
    const gProbe = (await gP!.data()) as Float32Array;
    tf.dispose([gT!, gP!]);

    const analyticNorms: number[] = [];
    for (const k of net.kernels) {
      const from = net.packed.offsets[k.index]!;
      const to = from + k.size;
      const d = unitPart(gTheta, from, to);
      const norm = Math.hypot(...gTheta.subarray(from, to));
      analyticNorms.push(norm);
      expectClose(await slope(net, b, theta, probe, d, false), norm, `‖∂L/∂${k.name}‖`);
      // The single entry with the largest gradient.
      let best = from;
      for (let i = from; i < to; i++) if (Math.abs(gTheta[i]!) > Math.abs(gTheta[best]!)) best = i;
      const e = new Float32Array(theta.length);
      e[best] = 1;
      expectClose(
        await slope(net, b, theta, probe, e, false),
        gTheta[best]!,
        `${k.name}[${best - from}]`,
      );
    }
    const slice = BATCH * config.width;
    const signalNorms: number[] = [];
    for (let l = 0; l <= config.blocks; l++) {
      const d = unitPart(gProbe, l * slice, (l + 1) * slice);
      const norm = Math.hypot(...gProbe.subarray(l * slice, (l + 1) * slice));
      signalNorms.push(norm);
      expectClose(await slope(net, b, theta, probe, d, true), norm, `‖∂L/∂x_${l}‖`);
    }

    // The training step (its own backward pass, backprop.ts) reports these norms for the same
    // parameters and batch, to float32 rounding.
    const trainer = new Trainer(net);
    const m = await trainer.step(b);
    const rel = (a: number, e: number) => Math.abs(a - e) / Math.max(Math.abs(e), 1e-30);
    analyticNorms.forEach((n, i) => expect(rel(m.gradNorms[i]!, n)).toBeLessThan(1e-5));
    signalNorms.forEach((n, i) => expect(rel(m.signalGradNorms[i]!, n)).toBeLessThan(1e-5));
    expect(m.finite).toBe(true);
    trainer.dispose();
    net.dispose();
    disposeBatch(b);
  });
});
