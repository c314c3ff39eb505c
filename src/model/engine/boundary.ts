/**
 * The decision boundary of a 2-D classifier: P(class 1) on a grid over the data's extent. The
 * classifier is evaluated as a trained net is used (Session.predict: batch norm with population
 * statistics), so each cell's colour depends on that cell alone and the grid can go as one batch.
 */
import * as tf from '@tensorflow/tfjs';

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
 * P(class 1) at every grid cell: Float32Array [resolution²], row 0 = top (ymax). `predict` maps
 * points [rows, 2] to logits [rows, classes] row by row (Session.predict). One readback.
 */
export async function decisionBoundary(
  predict: (x: tf.Tensor2D) => tf.Tensor2D,
  resolution: number,
  extent: [number, number, number, number],
): Promise<Float32Array> {
  const grid = gridPoints(resolution, extent);
  const n = resolution * resolution;
  const probs = tf.tidy(() => {
    const p = tf.softmax(predict(tf.tensor2d(grid, [n, 2])));
    return tf.reshape(tf.slice(p, [0, 1], [n, 1]), [n]);
  });
  const values = (await probs.data()) as Float32Array;
  probs.dispose();
  return values;
}
