/**
 * Shattered gradients (Balduzzi et al. 2017), measured: the derivative of a network's output
 * along a straight line through the input plane, at initialisation, at many evenly spaced points.
 * Its autocorrelation function says how alike the gradients of inputs k points apart are (near 1:
 * smooth; near 0: white noise). shattered-spec.ts says what is measured and judges it.
 *
 * Every point is computed on its own. With batch norm in training mode the line's points would
 * be one batch, each output depending on every other point through the batch statistics, and
 * the "gradient at a point" would not be a property of the function at that point. So batch norm
 * runs in inference mode (`Network.infer`) with population statistics taken over the line's own
 * points (`Network.normStats`: the values equal a training-mode pass over the line) and held
 * fixed while differentiating. The line is then the net's whole input distribution, as a data set
 * is for a trained net. Without batch norm this is the plain forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { buildNetwork, type Network } from '../../engine/network';
import {
  autocorrelation,
  linePoints,
  shatteredNets,
  type PlanePoint,
  type ShatteredNet,
  type ShatteredRun,
  type ShatteredSpec,
} from './spec';

/** The scalar output differentiated: logit 0 − logit 1 per row. logits [rows, classes] → [rows]. */
export function scalarOutput(logits: tf.Tensor2D): tf.Tensor1D {
  const [rows, classes] = logits.shape;
  if (classes < 2) throw new Error(`need 2+ classes for logit 0 − logit 1, not ${classes}`);
  const first = tf.slice(logits, [0, 0], [rows, 1]);
  const second = tf.slice(logits, [0, 1], [rows, 1]);
  return tf.reshape(tf.sub(first, second), [rows]);
}

/**
 * The output (`scalarOutput`) of `network` at `points` evenly spaced points from `from` to `to`
 * (ends included), each moved `shift` along the line's unit direction; batch norm with the
 * population statistics of the unmoved line, the function `lineGradient` differentiates (so that
 * finite differences of this match it). → [points] numbers.
 */
export function lineOutput(
  network: Network,
  from: PlanePoint,
  to: PlanePoint,
  points: number,
  shift = 0,
): number[] {
  const u = unitDirection(network, from, to);
  const out = tf.tidy(() => {
    const x = tf.tensor2d(linePoints(from, to, points));
    const moved = tf.add(x, tf.tensor2d([[shift * u[0], shift * u[1]]])) as tf.Tensor2D;
    return scalarOutput(network.infer(moved, network.normStats(x)));
  });
  const values = Array.from(out.dataSync());
  out.dispose();
  return values;
}

/**
 * The derivative of the output along the line, d/ds f(from + s·u) with u the unit vector from
 * `from` to `to`, at `points` evenly spaced points: ∇ₓf [points, 2] by tfjs autodiff, dotted
 * with u. → [points] numbers. Every tensor is released.
 */
export function lineGradient(
  network: Network,
  from: PlanePoint,
  to: PlanePoint,
  points: number,
): number[] {
  const u = unitDirection(network, from, to);
  const along = tf.tidy(() => {
    const x = tf.tensor2d(linePoints(from, to, points));
    // Fixed before differentiating: a constant of the function, not a path for the gradient.
    const stats = network.normStats(x);
    // Rows are independent, so ∂(Σ_rows f)/∂x_row = ∂f(x_row)/∂x_row: one backward pass.
    const gradX = tf.grad((xi: tf.Tensor) =>
      tf.sum(scalarOutput(network.infer(xi as tf.Tensor2D, stats))),
    )(x) as tf.Tensor2D;
    return tf.reshape(tf.matMul(gradX, tf.tensor2d([[u[0]], [u[1]]])), [points]);
  });
  const values = Array.from(along.dataSync());
  along.dispose();
  return values;
}

/** The unit vector from `from` to `to`, after checking that the net's input is the plane. */
function unitDirection(network: Network, from: PlanePoint, to: PlanePoint): [number, number] {
  if (network.inputDim !== 2)
    throw new Error(`the line lies in a plane: inputDim 2, not ${network.inputDim}`);
  const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
  if (!(length > 0)) throw new Error('the line needs two distinct ends');
  return [(to[0] - from[0]) / length, (to[1] - from[1]) / length];
}

/**
 * Builds one net of the experiment at initialisation (2 inputs, 2 classes), measures its
 * gradient along the spec's line and releases it. Keeps the sequence when `keepGradient`: by
 * default at the spec's trace depths on its reported seeds.
 */
export function shatteredRun(
  net: ShatteredNet,
  spec: ShatteredSpec,
  keepGradient = spec.traceDepths.includes(net.depth) && spec.seeds.includes(net.seed),
): ShatteredRun {
  const network = buildNetwork(net.config, 2, 2);
  try {
    const gradient = lineGradient(network, spec.line.from, spec.line.to, spec.points);
    const run: ShatteredRun = {
      arm: net.arm,
      branchScale: net.branchScale,
      depth: net.depth,
      seed: net.seed,
      acf: autocorrelation(gradient, spec.maxLag),
    };
    if (keepGradient) run.gradient = gradient;
    return run;
  } finally {
    network.dispose();
  }
}

/** Options of `runShatteredSpec`. */
export interface ShatteredOptions {
  /** Called after each net with how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between nets: once true, the run stops and returns null. */
  cancelled?: () => boolean;
}

/**
 * Measures every net of `spec` (`shatteredNets`: seed by seed, plain then residual scale by
 * scale, shallow to deep). Returns null if cancelled. Every tensor is released.
 */
export async function runShatteredSpec(
  spec: ShatteredSpec,
  opts: ShatteredOptions = {},
): Promise<ShatteredRun[] | null> {
  const nets = shatteredNets(spec);
  const runs: ShatteredRun[] = [];
  for (const net of nets) {
    if (opts.cancelled?.()) return null;
    runs.push(shatteredRun(net, spec));
    opts.onProgress?.(runs.length, nets.length);
    // Let the page (or the worker's message loop) breathe between nets.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return runs;
}
