/**
 * Loss-landscape slices (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"): the
 * training loss on the plane θ* + a·δ + b·η through a trained net's parameters θ*, along two
 * random Gaussian directions δ, η that are filter-normalised: each output unit's weights in the
 * direction are rescaled to the norm of that unit's trained weights. Why: where batch norm
 * follows a layer, scaling a unit's incoming weights leaves the net's function unchanged, so a
 * raw Gaussian step means little for large weights and much for small ones; filter
 * normalisation makes a step of 1 "as far as the weights themselves" in every unit. Biases and
 * batch-norm γ, β get direction 0, as in Li et al.'s default.
 *
 * Batch norm across the plane, two ways (LandscapeSpec.bnStatistics). Frozen, Li et al.'s
 * protocol (their code evaluates with `net.eval()`): every point normalises with the trained
 * net's population statistics over the whole training set, held fixed while the weights move, so
 * nothing undoes a step's rescaling of a layer's input; in a deep plain net the loss at the rim
 * reaches 10⁵–10¹². Recomputed: every point is another net with statistics of its own over the
 * rows evaluated, which undo most of that rescaling, so the loss levels off near chance. The
 * recomputed loss at a point is one training-mode pass over those rows as one batch (each layer
 * normalises with the statistics of its input over all of them), at half the cost of `normStats`
 * then `infer` (the test checks that the two agree).
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset, type DigitsLoader } from '../../engine/data';
import { Session } from '../../engine/experiment';
import {
  landscapeNets,
  type BnStatistics,
  type LandscapeNet,
  type LandscapeResult,
  type LandscapeRun,
  type LandscapeSpec,
  type TrainedPoint,
  type TrainingRule,
} from './spec';
import { basinMeasures, curvatureMeasures, gridCoordinate, lowestPoint } from './slice';
import type { Network, NormStats } from '../../engine/network';
import { normalArray, streamRng } from '../../engine/rng';
import { crossEntropy } from '../../engine/train';

/**
 * A random Gaussian direction laid out like θ [P], filter-normalised against the network's
 * current θ: for every dense kernel W [fanIn, fanOut], column k of the direction (the weights
 * into output unit k) is scaled to ‖W[:, k]‖; biases and batch-norm parameters are 0. Drawn in
 * JavaScript from the stream `landscape/<name>/<param>` of `seed`, so it is the same on every
 * backend and does not change when another parameter is added.
 */
export function filterNormalisedDirection(
  network: Network,
  seed: number,
  name: string,
): tf.Tensor1D {
  const { packed, kernels } = network;
  const isKernel = new Set(kernels.map((k) => k.index));
  return tf.tidy(() => {
    const trained = packed.unpack(packed.theta);
    const parts = packed.params.map((p) => {
      if (!isKernel.has(p.index)) return tf.zeros(p.shape);
      const d = tf.tensor2d(
        normalArray(streamRng(seed, `landscape/${name}/${p.name}`), p.size, 1),
        [p.shape[0]!, p.shape[1]!],
      );
      const w = trained[p.index]!;
      // Per output unit (column): ‖W[:, k]‖ / ‖d[:, k]‖. A unit whose trained weights are all 0
      // gets 0, as its norm says.
      const ratio = tf.div(tf.norm(w, 'euclidean', 0), tf.norm(d, 'euclidean', 0));
      return tf.mul(d, ratio);
    });
    return packed.pack(parts);
  });
}

/**
 * The trained net's batch-norm statistics as it is evaluated everywhere else (Session.evaluate):
 * population statistics of every layer over the whole training set at the trained θ. Kept out
 * of any tidy scope, so the caller disposes `tensors`.
 */
function trainedStatistics(session: Pick<Session, 'network' | 'dataset'>): {
  stats: NormStats;
  tensors: tf.Tensor[];
} {
  const { network, dataset } = session;
  let names: string[] = [];
  const tensors = tf.tidy(() => {
    const all = tf.tensor2d(dataset.trainX, [dataset.trainY.length, dataset.inputDim]);
    const stats = network.normStats(all);
    names = [...stats.keys()];
    return [...stats.values()].flatMap((s) => [s.mean, s.variance]);
  });
  const stats = new Map(
    names.map((name, i) => [
      name,
      { mean: tensors[2 * i] as tf.Tensor1D, variance: tensors[2 * i + 1] as tf.Tensor1D },
    ]),
  );
  return { stats, tensors };
}

/** Options of `lossSlice`. */
export interface SliceOptions {
  /** Points per side (odd); default 31. */
  grid?: number;
  /** a, b in [−span, span]; default 1. */
  span?: number;
  /** Seed of the two directions; default 1. */
  seed?: number;
  /**
   * Batch norm's statistics across the plane; default 'frozen' (Li et al.'s protocol): the
   * trained net's population statistics over the whole training set, held fixed. 'recomputed':
   * each point's own statistics over the rows evaluated.
   */
  statistics?: BnStatistics;
  /**
   * The loss is measured on the first `rows` training rows; default all. A fair sample: the
   * planar sets draw every point independently (labels alternate), digits are shuffled.
   */
  rows?: number;
  /** Called after each row of the grid with how many points are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between grid rows: once true, the slice stops and returns null. */
  cancelled?: () => boolean;
}

/**
 * The training loss of `session`'s net on the plane θ* + a·δ + b·η (δ, η from
 * `filterNormalisedDirection`, named `delta` and `eta`), with batch norm's statistics frozen or
 * recomputed (`opts.statistics`), and the slice's basin, lowest point and non-convexity.
 * Cost: grid² passes over the rows, about 4.5 ms each for 16 blocks of width 32 and 256 rows
 * in Node wasm. θ is left as it was. Returns null if cancelled. Every tensor is released
 * before it returns.
 */
export async function lossSlice(
  session: Pick<Session, 'network' | 'dataset'>,
  opts: SliceOptions = {},
): Promise<LandscapeResult | null> {
  const { network, dataset } = session;
  const grid = opts.grid ?? 31;
  const span = opts.span ?? 1;
  const seed = opts.seed ?? 1;
  if (grid < 3 || grid % 2 !== 1) throw new Error(`grid must be odd and ≥ 3, not ${grid}`);
  const rows = Math.min(opts.rows ?? Infinity, dataset.trainY.length);
  const x = tf.tensor2d(dataset.trainX.subarray(0, rows * dataset.inputDim), [
    rows,
    dataset.inputDim,
  ]);
  const oneHot = tf.tidy(() => {
    const labels = tf.tensor1d(dataset.trainY.subarray(0, rows), 'int32');
    return tf.cast(tf.oneHot(labels, dataset.numClasses), 'float32') as tf.Tensor2D;
  });
  const frozen = (opts.statistics ?? 'frozen') === 'frozen' ? trainedStatistics(session) : null;
  const delta = filterNormalisedDirection(network, seed, 'delta');
  const eta = filterNormalisedDirection(network, seed, 'eta');
  const theta = network.packed.theta;
  const losses: number[] = [];
  try {
    for (let i = 0; i < grid; i++) {
      if (opts.cancelled?.()) return null;
      const b = gridCoordinate(i, grid, span);
      // One pass per point. A batched pass of a whole grid row (activations [K, rows, width],
      // batched products) measured slower on wasm, whose broadcasting ops are slow.
      const row = tf.tidy(() => {
        const base = tf.add(theta, tf.mul(eta, b));
        // One tidy per point: a pass leaves hundreds of intermediate tensors.
        const values = Array.from({ length: grid }, (_, j) =>
          tf.tidy(() => {
            const point = tf.add(base, tf.mul(delta, gridCoordinate(j, grid, span)));
            const logits = frozen
              ? network.infer(x, frozen.stats, { theta: point })
              : // Training-mode batch norm over all rows = inference with this point's statistics.
                network.forward(x, undefined, point, false).logits;
            return crossEntropy(logits, oneHot);
          }),
        );
        return tf.stack(values);
      });
      losses.push(...(await row.data()));
      row.dispose();
      opts.onProgress?.((i + 1) * grid, grid * grid);
    }
  } finally {
    tf.dispose([x, oneHot, delta, eta, ...(frozen?.tensors ?? [])]);
  }
  const mid = (grid - 1) / 2;
  return {
    grid,
    span,
    losses,
    centre: losses[mid * grid + mid]!,
    lowest: lowestPoint(losses, grid, span),
    basin: basinMeasures(losses, grid, dataset.numClasses),
    curvature: curvatureMeasures(losses, grid, span),
  };
}

/**
 * Trains `session` by `rule`: until its loss on the whole training set (batch norm in inference
 * mode, Session.evaluate) is at most `rule.targetLoss`, checked every `rule.checkEvery` steps and
 * after the last, for at most `maxSteps` steps or until a step goes non-finite. Returns where it
 * stopped, or null if cancelled (checked between steps).
 */
export async function trainToTarget(
  session: Session,
  rule: TrainingRule,
  maxSteps: number,
  opts: { onStep?: (step: number) => void; cancelled?: () => boolean } = {},
): Promise<TrainedPoint | null> {
  for (let step = 1; step <= maxSteps; step++) {
    if (opts.cancelled?.()) return null;
    await session.step();
    opts.onStep?.(step);
    const last = step === maxSteps || session.divergedAtStep !== null;
    if (step % rule.checkEvery !== 0 && !last) continue;
    const { trainLoss, trainAccuracy } = await session.evaluate();
    const reached = session.divergedAtStep === null && trainLoss <= rule.targetLoss;
    if (reached || last)
      return { steps: session.stepsDone, loss: trainLoss, accuracy: trainAccuracy, reached };
  }
  // maxSteps < 1: the net as built.
  const { trainLoss, trainAccuracy } = await session.evaluate();
  return { steps: 0, loss: trainLoss, accuracy: trainAccuracy, reached: false };
}

/** Options of `runLandscapeSpec`. */
export interface LandscapeSpecOptions {
  loadDigits?: DigitsLoader;
  /** Called after each training step of each net. */
  onStep?: (net: LandscapeNet, step: number) => void;
  /** Called as each slice progresses (points done of the slice's total). */
  onSlice?: (net: LandscapeNet, statistics: BnStatistics, done: number, total: number) => void;
  /** Called as each slice ends, with how many slices are done of how many. */
  onRun?: (run: LandscapeRun, done: number, total: number) => void;
  cancelled?: () => boolean;
}

/**
 * Trains every net of `spec` (`trainToTarget`) and slices each once per entry of
 * `spec.bnStatistics` (`lossSlice`, directions seeded by the net's seed, so the same plane);
 * `complete` is false when cancelled.
 */
export async function runLandscapeSpec(
  spec: LandscapeSpec,
  opts: LandscapeSpecOptions = {},
): Promise<{ runs: LandscapeRun[]; complete: boolean }> {
  const nets = landscapeNets(spec);
  const total = nets.length * spec.bnStatistics.length;
  const runs: LandscapeRun[] = [];
  for (const net of nets) {
    const dataset = await loadDataset(net.config.dataset, net.config.seed, opts.loadDigits);
    const session = new Session(net.config, dataset);
    try {
      const trained = await trainToTarget(session, spec.training, net.config.steps, {
        onStep: (step) => opts.onStep?.(net, step),
        cancelled: opts.cancelled,
      });
      if (!trained) return { runs, complete: false };
      for (const statistics of spec.bnStatistics) {
        const result = await lossSlice(session, {
          grid: spec.grid,
          span: spec.span,
          seed: net.seed,
          rows: spec.rows,
          statistics,
          onProgress: (d, t) => opts.onSlice?.(net, statistics, d, t),
          cancelled: opts.cancelled,
        });
        if (!result || opts.cancelled?.()) return { runs, complete: false };
        const { arm, blocks, seed } = net;
        const run: LandscapeRun = { arm, blocks, seed, statistics, trained, result };
        runs.push(run);
        opts.onRun?.(run, runs.length, total);
      }
    } finally {
      session.dispose();
    }
  }
  return { runs, complete: true };
}
