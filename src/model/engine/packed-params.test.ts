// @vitest-environment node
/**
 * θ and its parameters on both Node backends: `cpu` splits θ with tfjs's ops, `wasm` copies each
 * parameter's range (wasm-range.ts). The stem and head kernels, of other shapes than the W×W
 * block kernels, sit in θ's last region.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useNodeBackend } from '../../../scripts/node-backend';
import type { PackedParams } from './packed-params';
import { ParamStore, type DenseParams } from './params';

const W = 3;

function build(): { packed: PackedParams; kernels: DenseParams[] } {
  const store = new ParamStore(7, 'he', W);
  const stem = store.dense('stem', 2, W, true);
  const blocks = [0, 1].flatMap((b) => [
    store.dense(`block${b}/dense1`, W, W, false),
    store.dense(`block${b}/dense2`, W, W, true),
  ]);
  store.batchNorm('final/bn', W);
  const head = store.dense('head', W, 5, true);
  return { packed: store.build(), kernels: [stem, ...blocks, head] };
}

/** Frobenius norm of `v` in float64, scaled like rowNorms so tiny entries do not underflow. */
function norm(v: ArrayLike<number>): number {
  const s = Math.max(...Array.from(v, Math.abs));
  return s === 0 ? 0 : s * Math.sqrt(Array.from(v).reduce((a, x) => a + (x / s) ** 2, 0));
}

afterAll(async () => {
  await useNodeBackend('cpu');
});

describe.each(NODE_BACKENDS)('θ on %s', (backend) => {
  it('lays the parameters end to end, and unpacks and packs back to θ', async () => {
    await useNodeBackend(backend);
    const { packed } = build();
    const theta = (await packed.theta.data()) as Float32Array;
    // 4 block kernels of 3 × 3, 5 vectors of 3 (3 biases, γ, β), stem 2 × 3, head 3 × 5 + 5.
    expect(theta.length).toBe(36 + 15 + 6 + 15 + 5);
    const values = await packed.values();
    const byOffset = [...packed.params].sort(
      (a, b) => packed.offsets[a.index]! - packed.offsets[b.index]!,
    );
    let at = 0;
    for (const p of byOffset) {
      expect(packed.offsets[p.index]).toBe(at);
      at += p.size;
    }
    expect(byOffset.slice(0, 4).every((p) => p.name.startsWith('block'))).toBe(true);

    const before = tf.memory().numTensors;
    const unpacked = tf.tidy(() => packed.unpack(packed.theta));
    const viaTraining = tf.tidy(() => packed.trainingViews(packed.theta).params);
    for (const [i, t] of unpacked.entries()) {
      expect(t.shape).toEqual(packed.params[i]!.shape);
      expect(Array.from(await t.data())).toEqual(Array.from(values[i]!));
      expect(Array.from(await viaTraining[i]!.data())).toEqual(Array.from(values[i]!));
    }
    const repacked = tf.tidy(() => packed.pack(unpacked));
    expect(Array.from(await repacked.data())).toEqual(Array.from(theta));
    tf.dispose([...unpacked, ...viaTraining, repacked]);
    expect(tf.memory().numTensors).toBe(before);
    packed.dispose();
  });

  it('measures each kernel of a gradient laid out like θ, down to entries of 1e-30', async () => {
    await useNodeBackend(backend);
    const { packed, kernels } = build();
    // A gradient with distinct entries everywhere, the first block kernel's near 1e-30
    // (their squares underflow float32), and the head kernel's large.
    const grads = packed.params.map((p, i) => {
      const scale = p.name === 'block0/dense1/kernel' ? 1e-30 : p.name === 'head/kernel' ? 1e4 : 1;
      return Float32Array.from({ length: p.size }, (_, j) => scale * Math.sin(7 * i + j + 1));
    });
    const indices = kernels.map((k) => k.kernel.index).reverse();
    const got = tf.tidy(() => {
      const flat = packed.pack(packed.params.map((p, i) => tf.tensor(grads[i]!, p.shape)));
      return packed.norms(flat, indices);
    });
    const measured = await got.data();
    got.dispose();
    indices.forEach((p, k) => {
      const want = norm(grads[p]!);
      expect(Math.abs(measured[k]! - want) / want).toBeLessThan(1e-5);
    });
    expect(measured[indices.length - 2]).toBeLessThan(1e-29);
    expect(() =>
      tf.tidy(() => packed.norms(packed.theta, [packed.params.find((p) => p.size === W)!.index])),
    ).toThrow(/not a kernel/);
    packed.dispose();
  });
});
