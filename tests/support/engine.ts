/**
 * Helpers shared by the engine's tests (not used by the app): the cpu backend and small batches.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../src/model/engine/data';
import { takeRows } from '../../src/model/engine/data/dataset';
import type { Batch } from '../../src/model/engine/train';

/** Runs the tests on tfjs's `cpu` backend, quietly. */
export async function useCpuBackend(): Promise<void> {
  tf.enableProdMode();
  if (!(await tf.setBackend('cpu'))) throw new Error('cpu backend unavailable');
  await tf.ready();
}

/** The first `n` training examples of `d` as a batch on the device. */
export function firstBatch(d: Dataset, n: number): Batch {
  const rows = Array.from({ length: n }, (_, i) => i);
  return tf.tidy(() => {
    const labels = tf.tensor1d(
      Int32Array.from(rows, (r) => d.trainY[r]!),
      'int32',
    );
    return {
      x: tf.tensor2d(takeRows(d.trainX, d.inputDim, rows), [n, d.inputDim]),
      labels,
      oneHot: tf.cast(tf.oneHot(labels, d.numClasses), 'float32') as tf.Tensor2D,
    };
  });
}

/** Disposes a batch. */
export function disposeBatch(b: Batch): void {
  tf.dispose([b.x, b.labels, b.oneHot]);
}
