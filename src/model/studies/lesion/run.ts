/**
 * The lesion study of Veit et al. (2016, Fig. 3 and 5): delete blocks of a trained network at
 * test time, x_{l+1} = x_l, and measure its test error. A residual net has 2ⁿ paths through its
 * blocks; deleting one block removes half of them and leaves the rest intact, so the error should
 * rise smoothly with the number of blocks deleted, as an ensemble's does when it loses members.
 * A plain net has one path, and deleting any block breaks it.
 *
 * The deleted net is evaluated the way a trained net is used: batch norm in inference mode, with
 * the population statistics of the *intact* net (what a trained net stores), so that a lesion
 * changes nothing but the blocks it deletes.
 */
import * as tf from '@tensorflow/tfjs';
import type { DigitsLoader } from '../../engine/data';
import { runExperiment, type Session } from '../../engine/experiment';
import {
  lesionNets,
  type LesionNet,
  type LesionResult,
  type LesionRun,
  type LesionSpec,
} from './spec';

export type { LesionResult };
import type { NormStats } from '../../engine/network';
import { permutation, streamRng } from '../../engine/rng';

/** Options of `lesionStudy`. */
export interface LesionOptions {
  /** Largest number of blocks deleted together; default n / 2. */
  kMax?: number;
  /** Random draws per k; default 10. */
  draws?: number;
  /** Seed of the random draws (the same seed draws the same blocks for every net of a depth). */
  seed?: number;
  /** Called after each evaluation with how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between evaluations: once true, the study stops and returns null. */
  cancelled?: () => boolean;
}

/** The blocks a draw deletes: `k` distinct indices of `n`, from the draw's own stream. */
export function lesionDraw(n: number, k: number, draw: number, seed: number): number[] {
  const order = permutation(streamRng(seed, `lesion/${n}/${k}/${draw}`), n);
  return Array.from(order.subarray(0, k)).sort((a, b) => a - b);
}

/** `keep` for a net of `n` blocks with the blocks `deleted` (0-based) taken out. */
export function keepAllBut(n: number, deleted: readonly number[]): boolean[] {
  const keep = new Array<boolean>(n).fill(true);
  for (const i of deleted) keep[i] = false;
  return keep;
}

/**
 * Runs the lesion study on the trained network of `session`: the intact net, every single
 * block deleted, then `draws` random sets of k blocks for k = 1 … kMax. Returns null if
 * cancelled. Every tensor is released before it returns.
 */
export async function lesionStudy(
  session: Session,
  opts: LesionOptions = {},
): Promise<LesionResult | null> {
  const { network, dataset } = session;
  const n = network.config.blocks;
  const kMax = Math.min(n, opts.kMax ?? Math.floor(n / 2));
  const draws = opts.draws ?? 10;
  const seed = opts.seed ?? 1;
  const total = 1 + n + kMax * draws;
  let done = 0;

  const testX = tf.tensor2d(dataset.testX, [dataset.testY.length, dataset.inputDim]);
  const testY = tf.tensor1d(dataset.testY, 'int32');
  const trainX = tf.tensor2d(dataset.trainX, [dataset.trainY.length, dataset.inputDim]);
  // The intact net's population statistics, kept for every lesion.
  let stats: NormStats = new Map();
  tf.tidy(() => {
    stats = network.normStats(trainX);
    for (const v of stats.values()) {
      tf.keep(v.mean);
      tf.keep(v.variance);
    }
  });
  const errorWith = async (keep?: boolean[]): Promise<number> => {
    const wrong = tf.tidy(() => {
      const predicted = tf.argMax(network.infer(testX, stats, { keep }), 1);
      return tf.sub(1, tf.mean(tf.cast(tf.equal(predicted, testY), 'float32')));
    });
    const [e] = await wrong.data();
    wrong.dispose();
    done += 1;
    opts.onProgress?.(done, total);
    return e!;
  };
  try {
    const intact = await errorWith();
    const single: number[] = [];
    for (let i = 0; i < n; i++) {
      if (opts.cancelled?.()) return null;
      single.push(await errorWith(keepAllBut(n, [i])));
    }
    const random: LesionResult['random'] = [];
    for (let k = 1; k <= kMax; k++) {
      const errors: number[] = [];
      for (let d = 0; d < draws; d++) {
        if (opts.cancelled?.()) return null;
        errors.push(await errorWith(keepAllBut(n, lesionDraw(n, k, d, seed))));
      }
      random.push({ k, errors });
    }
    return { intact, single, random };
  } finally {
    tf.dispose([testX, testY, trainX]);
    for (const v of stats.values()) tf.dispose([v.mean, v.variance]);
  }
}

/** Options of `runLesionSpec`. */
export interface LesionSpecOptions {
  loadDigits?: DigitsLoader;
  /** Called after each training step of each net. */
  onStep?: (net: LesionNet, step: number) => void;
  /** Called as each net's study ends, with how many are done of how many. */
  onRun?: (run: LesionRun, done: number, total: number) => void;
  cancelled?: () => boolean;
}

/**
 * Trains every net of `spec` and takes each apart (`lesionStudy`, the same draws for every net
 * of a seed); `complete` is false when cancelled.
 */
export async function runLesionSpec(
  spec: LesionSpec,
  opts: LesionSpecOptions = {},
): Promise<{ runs: LesionRun[]; complete: boolean }> {
  const nets = lesionNets(spec);
  const runs: LesionRun[] = [];
  for (const net of nets) {
    let result: LesionResult | null = null;
    let stopped = false;
    await runExperiment(net.config, {
      loadDigits: opts.loadDigits,
      onStep: (r) => opts.onStep?.(net, r.step),
      onDone: async (session) => {
        result = await lesionStudy(session, {
          draws: spec.draws,
          kMax: spec.kMax,
          seed: net.seed,
          cancelled: opts.cancelled,
        });
        stopped = result === null;
      },
    });
    if (stopped || !result || opts.cancelled?.()) return { runs, complete: false };
    const run: LesionRun = { arm: net.arm, seed: net.seed, result };
    runs.push(run);
    opts.onRun?.(run, runs.length, nets.length);
  }
  return { runs, complete: true };
}
