// @vitest-environment node
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, NORMS, ORDERS, parseConfig } from './config';
import { makePlanarDataset } from './data/planar';
import { buildNetwork } from './network';
import { initStd } from './params';
import { disposeBatch, firstBatch, useCpuBackend } from '../../../tests/support/engine';

beforeAll(useCpuBackend);

describe('buildNetwork', () => {
  it('names parameters as the export contract says, in order', () => {
    const net = buildNetwork(parseConfig({ blocks: 2, width: 4, order: 'pre' }), 2, 2);
    expect(net.packed.params.map((p) => p.name)).toEqual([
      'stem/kernel',
      'stem/bias',
      'block1/bn1/gamma',
      'block1/bn1/beta',
      'block1/dense1/kernel',
      'block1/bn2/gamma',
      'block1/bn2/beta',
      'block1/dense2/kernel',
      'block1/dense2/bias',
      'block2/bn1/gamma',
      'block2/bn1/beta',
      'block2/dense1/kernel',
      'block2/bn2/gamma',
      'block2/bn2/beta',
      'block2/dense2/kernel',
      'block2/dense2/bias',
      'final/bn/gamma',
      'final/bn/beta',
      'head/kernel',
      'head/bias',
    ]);
    expect(net.layers.map((l) => l.name)).toEqual([
      'stem/kernel',
      'block1/dense1/kernel',
      'block1/dense2/kernel',
      'block2/dense1/kernel',
      'block2/dense2/kernel',
      'head/kernel',
    ]);
    net.dispose();
  });

  it('gives dense layers a bias only where no batch norm follows', () => {
    const names = (c: object) => {
      const net = buildNetwork(parseConfig({ blocks: 1, width: 4, ...c }), 2, 2);
      const n = net.packed.params.map((p) => p.name);
      net.dispose();
      return n;
    };
    expect(names({ order: 'post', norm: 'batch' }).filter((n) => n.endsWith('bias'))).toEqual([
      'head/bias',
    ]);
    expect(names({ order: 'post', norm: 'none' }).filter((n) => n.endsWith('bias'))).toEqual([
      'stem/bias',
      'block1/dense1/bias',
      'block1/dense2/bias',
      'head/bias',
    ]);
    expect(names({ order: 'post', norm: 'none' }).some((n) => n.includes('bn'))).toBe(false);
  });

  it('unpacks θ into tensors holding each parameter’s initial values', async () => {
    const net = buildNetwork(parseConfig({ blocks: 3, width: 8, init: 'glorot' }), 2, 2);
    const values = await net.packed.values();
    const tensors = net.packed.unpack(net.packed.theta);
    for (const p of net.packed.params) {
      expect(tensors[p.index]!.shape).toEqual(p.shape);
      expect(await tensors[p.index]!.data()).toEqual(values[p.index]);
    }
    tf.dispose(tensors);
    net.dispose();
  });

  it('draws kernels with the scheme’s spread, γ = 1, β = 0 and zero biases', async () => {
    for (const init of ['he', 'glorot', 'small'] as const) {
      const net = buildNetwork(parseConfig({ blocks: 2, width: 128, init }), 2, 2);
      const values = await net.packed.values();
      for (const p of net.packed.params) {
        const v = values[p.index]!;
        if (p.name.endsWith('gamma')) expect(v.every((x) => x === 1)).toBe(true);
        if (p.name.endsWith('beta') || p.name.endsWith('bias')) {
          expect(v.every((x) => x === 0)).toBe(true);
        }
        if (p.name.startsWith('block1/dense1/kernel')) {
          const sd = Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
          expect(sd / initStd(init, 128, 128)).toBeCloseTo(1, 1);
        }
      }
      net.dispose();
    }
    expect(initStd('he', 32, 32)).toBeCloseTo(0.25);
    expect(initStd('glorot', 32, 32)).toBeCloseTo(0.1768, 3);
    expect(initStd('small', 32, 32)).toBe(0.01);
  });

  it('draws the same weights for the same seed, other weights for another', async () => {
    const a = buildNetwork(parseConfig({ blocks: 2, seed: 5 }), 2, 2);
    const b = buildNetwork(parseConfig({ blocks: 2, seed: 5 }), 2, 2);
    const c = buildNetwork(parseConfig({ blocks: 2, seed: 6 }), 2, 2);
    expect(await a.packed.theta.data()).toEqual(await b.packed.theta.data());
    expect(await a.packed.theta.data()).not.toEqual(await c.packed.theta.data());
    [a, b, c].forEach((n) => n.dispose());
  });

  // Why residual blocks can always fall back to a shallower net: with the last weight layer
  // of a branch at zero, the block passes its input through unchanged, bit for bit.
  const identityCases = [
    ...NORMS.flatMap((norm) =>
      ACTIVATIONS.map((activation) => ({ order: 'pre', norm, activation })),
    ),
    // post: the activation after the addition keeps x_l as it is only when act(x_l) = x_l,
    // which holds for ReLU because x_l is itself a ReLU output.
    ...NORMS.map((norm) => ({ order: 'post', norm, activation: 'relu' })),
  ];
  it.each(identityCases)(
    'a $order/$norm/$activation block with zero output weights is the identity',
    async (c) => {
      const config = parseConfig({ ...c, blocks: 3, width: 6, skip: 'identity' });
      const net = buildNetwork(config, 2, 2);
      const theta = await net.packed.theta.data();
      const zeroed = Float32Array.from(theta);
      for (const p of net.packed.params) {
        if (p.name.startsWith('block2/dense2/')) {
          zeroed.fill(0, net.packed.offsets[p.index]!, net.packed.offsets[p.index]! + p.size);
        }
      }
      const batch = firstBatch(makePlanarDataset('moons', 1), 16);
      const { xs } = net.forward(batch.x, undefined, tf.tensor1d(zeroed));
      expect(await xs[2]!.data()).toEqual(await xs[1]!.data());
      // …and a block with its weights in place is not.
      const full = net.forward(batch.x);
      expect(await full.xs[2]!.data()).not.toEqual(await full.xs[1]!.data());
      disposeBatch(batch);
      net.dispose();
    },
  );

  it.each(ORDERS)('%s order: plain blocks drop the shortcut', async (order) => {
    const batch = firstBatch(makePlanarDataset('xor', 1), 16);
    const res = buildNetwork(parseConfig({ blocks: 2, width: 6, order }), 2, 2);
    const plain = buildNetwork(parseConfig({ blocks: 2, width: 6, order, skip: 'none' }), 2, 2);
    // Same seed and names: identical weights, so x_0 agrees and x_1 differs by the shortcut.
    const r = res.forward(batch.x);
    const p = plain.forward(batch.x);
    expect(await r.xs[0]!.data()).toEqual(await p.xs[0]!.data());
    if (order === 'pre') {
      const diff = await tf.sub(r.xs[1]!, p.xs[1]!).data();
      const x0 = await r.xs[0]!.data();
      diff.forEach((d, i) => expect(d).toBeCloseTo(x0[i]!, 5));
    } else {
      expect(await r.xs[1]!.data()).not.toEqual(await p.xs[1]!.data());
    }
    disposeBatch(batch);
    res.dispose();
    plain.dispose();
  });
});
