/**
 * The decision boundary of a 2-D classifier: P(class 1) on a grid over the data's extent.
 * Batch norm uses batch statistics even at evaluation, so the grid is fed in chunks, each
 * together with the training points: the statistics then come mostly from the data the network
 * was trained on, not from the uniform grid.
 */
import * as tf from '@tensorflow/tfjs';
import type { Network } from './network';

/** The grid's extent [xmin, xmax, ymin, ymax] around row-major 2-D points, with a margin. */
export function extentOf(x: Float32Array, margin = 0.1): [number, number, number, number] {
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (let i = 0; i + 1 < x.length; i += 2) {
    xmin = Math.min(xmin, x[i]!);
    xmax = Math.max(xmax, x[i]!);
    ymin = Math.min(ymin, x[i + 1]!);
    ymax = Math.max(ymax, x[i + 1]!);
  }
  if (!Number.isFinite(xmin)) return [-1, 1, -1, 1];
  // A degenerate (single-point) extent still gets a visible range.
  const mx = xmax > xmin ? (xmax - xmin) * margin : 1;
  const my = ymax > ymin ? (ymax - ymin) * margin : 1;
  return [xmin - mx, xmax + mx, ymin - my, ymax + my];
}

/** Grid points row-major [resolution², 2]; row 0 is at ymax, column 0 at xmin (cell centres). */
export function gridPoints(
  resolution: number,
  [xmin, xmax, ymin, ymax]: [number, number, number, number],
): Float32Array {
  const out = new Float32Array(resolution * resolution * 2);
  for (let r = 0; r < resolution; r++) {
    const y = ymax - ((r + 0.5) / resolution) * (ymax - ymin);
    for (let c = 0; c < resolution; c++) {
      const i = (r * resolution + c) * 2;
      out[i] = xmin + ((c + 0.5) / resolution) * (xmax - xmin);
      out[i + 1] = y;
    }
  }
  return out;
}

/**
 * P(class 1) of `network` (2 inputs) at every grid cell: Float32Array [resolution²], row 0 =
 * top (ymax). `context` [m, 2] are points (the training set) fed with each chunk of `chunk` grid
 * cells so that batch norm sees the data's statistics; pass an empty array for networks without
 * batch norm. One readback.
 */
export async function decisionBoundary(
  network: Network,
  context: Float32Array,
  resolution: number,
  extent: [number, number, number, number],
  chunk = 256,
): Promise<Float32Array> {
  const grid = gridPoints(resolution, extent);
  const n = resolution * resolution;
  const m = context.length / 2;
  // Without context (no batch norm) the whole grid is one batch.
  const step = m > 0 ? chunk : n;
  const probs = tf.tidy(() => {
    const ctx = m > 0 ? tf.tensor2d(context, [m, 2]) : null;
    const all = tf.tensor2d(grid, [n, 2]);
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < n; start += step) {
      const size = Math.min(step, n - start);
      const rows = tf.slice(all, [start, 0], [size, 2]) as tf.Tensor2D;
      const { logits } = network.forward(ctx ? (tf.concat([rows, ctx], 0) as tf.Tensor2D) : rows);
      const p = tf.softmax(tf.slice(logits, [0, 0], [size, -1]));
      parts.push(tf.reshape(tf.slice(p, [0, 1], [size, 1]), [size]));
    }
    return tf.concat(parts);
  });
  const values = (await probs.data()) as Float32Array;
  probs.dispose();
  return values;
}
