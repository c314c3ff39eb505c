/**
 * The depth sweep behind the degradation figure: one configuration trained at several depths,
 * plain and residual, on several seeds, reporting how well each run fits its training set at the
 * end. He et al. (2015, Fig. 1 and 6) found that deeper plain networks reach a *higher* training
 * error than shallower ones, and residual ones do not; the sweep measures that on our toy task.
 *
 * The final fit is measured the way a trained net is used: batch norm in inference mode, over
 * the whole training set (Session.evaluate). The training curve kept with each run is the mean
 * batch loss over each `curveEvery` steps, to show that a deep plain net is worse from the start
 * rather than overfitting late (single batches are noisy: Adam's occasional spikes would hide it). Runs go seed by seed, shallow to deep, so that a live sweep
 * shows the whole shape of the curve after its first seed.
 *
 * This module holds what a sweep is and how its points are summarised, without tfjs, so that the
 * page's main bundle can draw shipped results; sweep.ts trains one.
 */
import { parseConfig, type ExperimentConfig } from './config';

import { SWEEP_ARMS, type SweepArm } from './study-nets';

export { SWEEP_ARMS, type SweepArm };

/** What a sweep trains: `base` at each depth, as each arm, on each seed. */
export interface SweepSpec {
  /** Everything but `blocks`, `skip` and `seed`, which each run sets. */
  base: ExperimentConfig;
  depths: readonly number[];
  seeds: readonly number[];
  /** Steps between two points of a run's training curve. */
  curveEvery: number;
}

/** One run of a sweep. */
export interface SweepRun {
  arm: SweepArm;
  blocks: number;
  seed: number;
  config: ExperimentConfig;
}

/** The outcome of one run. */
export interface SweepPoint {
  arm: SweepArm;
  blocks: number;
  seed: number;
  /** Loss and accuracy on the whole training set after the last step (inference-mode BN). */
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** True when a step's loss or gradients were not finite (the run stopped there). */
  diverged: boolean;
  divergedAtStep: number | null;
  /**
   * Mean batch loss over steps [0, curveEvery), [curveEvery, 2·curveEvery), … during training
   * (a last, shorter window included).
   */
  curve: number[];
}

/** A finished (or cancelled) sweep. */
export interface SweepResult {
  spec: SweepSpec;
  points: SweepPoint[];
  /** False when the sweep was cancelled before its last run. */
  complete: boolean;
}

/**
 * The sweep the article's degradation figure shows, and the defaults of `npm run sweep`:
 * spiral data, width 32, batch 64, ReLU with batch norm, pre-activation blocks, Adam at 0.003,
 * 400 steps. Adam rather than SGD: with SGD with momentum at 0.05, plain nets of 64 blocks do not
 * degrade, they blow up at step 1 (seed 1: the gradient reaching the first layer at
 * initialisation is about 1e11), which is the exploding lab's story, not this one's.
 */
export const DEGRADATION_SPEC: SweepSpec = {
  base: parseConfig({
    dataset: 'spiral',
    width: 32,
    batchSize: 64,
    activation: 'relu',
    norm: 'batch',
    order: 'pre',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.003,
    steps: 400,
  }),
  depths: [1, 2, 4, 8, 16, 32, 64, 100],
  seeds: [1, 2, 3],
  curveEvery: 10,
};

/** The runs of `spec` in the order they are trained: seed by seed, shallow to deep, plain first. */
export function sweepRuns(spec: SweepSpec): SweepRun[] {
  const runs: SweepRun[] = [];
  for (const seed of spec.seeds)
    for (const blocks of spec.depths)
      for (const arm of SWEEP_ARMS)
        runs.push({
          arm,
          blocks,
          seed,
          config: parseConfig({
            ...spec.base,
            blocks,
            seed,
            skip: arm === 'plain' ? 'none' : 'identity',
          }),
        });
  return runs;
}

/** The median of `values` (NaN for none); non-finite values count as +∞ (a failed run). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const v = values.map((x) => (Number.isFinite(x) ? x : Infinity)).sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Per arm and depth: the median, lowest and highest final training loss over the seeds. */
export interface SweepSummaryRow {
  arm: SweepArm;
  blocks: number;
  medianLoss: number;
  minLoss: number;
  maxLoss: number;
  medianAccuracy: number;
  seeds: number;
}

/** Summarises `points` by arm and depth, depths ascending. */
export function summariseSweep(points: readonly SweepPoint[]): SweepSummaryRow[] {
  const rows: SweepSummaryRow[] = [];
  for (const arm of SWEEP_ARMS) {
    const depths = [...new Set(points.filter((p) => p.arm === arm).map((p) => p.blocks))];
    for (const blocks of depths.sort((a, b) => a - b)) {
      const at = points.filter((p) => p.arm === arm && p.blocks === blocks);
      // A run that diverged counts with the loss of the weights it stopped at; a loss that is
      // not even finite counts as the worst.
      const loss = at.map((p) => (Number.isFinite(p.trainLoss) ? p.trainLoss : Infinity));
      rows.push({
        arm,
        blocks,
        medianLoss: median(loss),
        minLoss: Math.min(...loss),
        maxLoss: Math.max(...loss),
        medianAccuracy: median(at.map((p) => p.trainAccuracy)),
        seeds: at.length,
      });
    }
  }
  return rows;
}

/**
 * The degradation claim on a finished sweep, seed by seed: the deepest plain net ends with a
 * training loss at least `margin` above the shallowest plain one, while every residual net ends
 * below `residualBelow`.
 */
export function degradationHolds(
  points: readonly SweepPoint[],
  margin = 0.2,
  residualBelow = 0.15,
): { plainRises: boolean[]; residualLow: boolean[]; seeds: number[] } {
  const seeds = [...new Set(points.map((p) => p.seed))].sort((a, b) => a - b);
  const lossOf = (p: SweepPoint) => (Number.isFinite(p.trainLoss) ? p.trainLoss : Infinity);
  const plainRises = seeds.map((seed) => {
    const plain = points.filter((p) => p.arm === 'plain' && p.seed === seed);
    if (plain.length < 2) return false;
    const byDepth = [...plain].sort((a, b) => a.blocks - b.blocks);
    return lossOf(byDepth.at(-1)!) >= lossOf(byDepth[0]!) + margin;
  });
  const residualLow = seeds.map((seed) =>
    points
      .filter((p) => p.arm === 'residual' && p.seed === seed)
      .every((p) => lossOf(p) < residualBelow),
  );
  return { plainRises, residualLow, seeds };
}

/** A sweep as `npm run sweep` writes it (public/sweeps/*.json) and the page reads it. */
export interface SweepFile {
  /** The command that made the file, for the figure's caption. */
  command: string;
  /** Hash of the engine's source and the spec; a test compares it with the current one. */
  fingerprint: string;
  /** The tfjs backend it ran on. */
  backend: string;
  spec: SweepSpec;
  points: SweepPoint[];
}

/** The shipped file of `spec`'s sweep, as a path under public/. */
export const DEGRADATION_FILE = 'sweeps/degradation.json';
