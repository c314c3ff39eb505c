/**
 * The path-length figure's study (paths-spec.ts): trains each seed's residual net at each branch
 * scale and measures the gradient carried by paths of each length (path-gradients.ts) on the
 * first training batch, before the first step and after the last.
 */
import * as tf from '@tensorflow/tfjs';
import type { DigitsLoader } from '../../engine/data';
import { takeRows } from '../../engine/data/dataset';
import { runExperiment, type Session } from '../../engine/experiment';
import { pathGradients, type PathGradientOptions, type PathGradients } from './gradients';
import { pathsConfig, pathsSeeds, type PathsRun, type PathsSpec } from './spec';

/**
 * Gradient by path length on the first `batchSize` rows of the training set of `session`, at
 * its current weights. Null if cancelled.
 */
export async function pathsOnFirstRows(
  session: Session,
  opts?: PathGradientOptions,
): Promise<PathGradients | null> {
  const { dataset, config, network } = session;
  const rows = Math.min(config.batchSize, dataset.trainY.length);
  const idx = Array.from({ length: rows }, (_, i) => i);
  const x = tf.tensor2d(takeRows(dataset.trainX, dataset.inputDim, idx), [rows, dataset.inputDim]);
  const oneHot = tf.tidy(
    () =>
      tf
        .oneHot(tf.tensor1d(dataset.trainY.slice(0, rows), 'int32'), dataset.numClasses)
        .toFloat() as tf.Tensor2D,
  );
  try {
    return await pathGradients(network, x, oneHot, opts);
  } finally {
    tf.dispose([x, oneHot]);
  }
}

/** What `runPathsSpec` is doing: measuring at init, training (with the step), or measuring after. */
export type PathsPhase =
  | { phase: 'init' | 'trained'; done: number; total: number }
  | { phase: 'training'; step: number; steps: number };

/** Which net of a study: its seed and branch scale. */
export interface PathsNet {
  seed: number;
  branchScale: number;
}

/** Options of `runPathsSpec`. */
export interface PathsSpecOptions {
  loadDigits?: DigitsLoader;
  /** Progress within the net `net`. */
  onProgress?: (net: PathsNet, p: PathsPhase) => void;
  /** Called as each net ends, with how many are done of how many. */
  onRun?: (run: PathsRun, done: number, total: number) => void;
  cancelled?: () => boolean;
}

/**
 * Runs the study of `spec` net by net (every seed, reported then held out, at every branch
 * scale); `complete` is false when cancelled.
 */
export async function runPathsSpec(
  spec: PathsSpec,
  opts: PathsSpecOptions = {},
): Promise<{ runs: PathsRun[]; complete: boolean }> {
  const runs: PathsRun[] = [];
  const nets = pathsSeeds(spec).flatMap((seed) =>
    spec.branchScales.map((branchScale) => ({ seed, branchScale })),
  );
  for (const net of nets) {
    const config = pathsConfig(spec, net.seed, net.branchScale);
    const measure = (session: Session, phase: 'init' | 'trained') =>
      pathsOnFirstRows(session, {
        samples: spec.samples,
        seed: net.seed,
        cancelled: opts.cancelled,
        onProgress: (done, total) => opts.onProgress?.(net, { phase, done, total }),
      });
    let init: PathGradients | null = null;
    let trained: PathGradients | null = null;
    const result = await runExperiment(config, {
      loadDigits: opts.loadDigits,
      onReady: async (session) => {
        init = await measure(session, 'init');
      },
      onStep: (r) =>
        opts.onProgress?.(net, { phase: 'training', step: r.step + 1, steps: config.steps }),
      onDone: async (session) => {
        if (init) trained = await measure(session, 'trained');
      },
    });
    if (!init || !trained || opts.cancelled?.()) return { runs, complete: false };
    const run: PathsRun = { ...net, init, trained, testError: 1 - result.final.testAccuracy };
    runs.push(run);
    opts.onRun?.(run, runs.length, nets.length);
  }
  return { runs, complete: true };
}
