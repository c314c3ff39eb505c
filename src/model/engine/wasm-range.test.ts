// @vitest-environment node
/** copyRange, the engine's own wasm kernel (wasm-range.ts). */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node-backend';
import { copyRange } from './wasm-range';

afterAll(async () => {
  await useNodeBackend('cpu');
});

describe('copyRange', () => {
  it('copies a range of any tensor read flat, leaves no tensor behind, and checks its range', async () => {
    await useNodeBackend('wasm');
    const x = tf.tensor3d(
      Float32Array.from({ length: 24 }, (_, i) => i * 1.5),
      [2, 3, 4],
    );
    const before = tf.memory().numTensors;
    const part = copyRange(x, 5, 7);
    expect(part.shape).toEqual([7]);
    expect(Array.from(await part.data())).toEqual([5, 6, 7, 8, 9, 10, 11].map((i) => i * 1.5));
    const whole = copyRange(x, 0, 24);
    expect(Array.from(await whole.data())).toEqual(Array.from(await x.data()));
    const empty = copyRange(x, 24, 0);
    const shaped = copyRange(x, 12, 12, [3, 4]);
    expect(shaped.shape).toEqual([3, 4]);
    expect(Array.from(await shaped.data())).toEqual(Array.from(await x.data()).slice(12));
    shaped.dispose();
    expect(() => copyRange(x, 0, 12, [5, 2])).toThrow(/does not hold 12 values/);
    expect(empty.shape).toEqual([0]);
    expect(() => copyRange(x, 20, 5)).toThrow(/outside a tensor of 24 values/);
    expect(() => copyRange(x, -1, 2)).toThrow(/bad range/);
    expect(() => copyRange(x, 0.5, 2)).toThrow(/bad range/);
    expect(tf.memory().numTensors).toBe(before + 3);
    // Copies, not views: they outlive x.
    x.dispose();
    expect(Array.from(await part.data())).toEqual([5, 6, 7, 8, 9, 10, 11].map((i) => i * 1.5));
    tf.dispose([part, whole, empty]);
    expect(tf.memory().numTensors).toBe(before - 1);
  });

  it('refuses to run on another backend, where tf.slice does the job', async () => {
    await useNodeBackend('cpu');
    const x = tf.ones([4]);
    expect(() => copyRange(x, 0, 2)).toThrow(/wasm backend only/);
    x.dispose();
  });
});
