/**
 * The depth sweep behind the degradation figure: one configuration trained at several depths,
 * plain and residual, under two optimizers, on several seeds, reporting how well each run fits
 * its training set at the end. He et al. (2015, Fig. 1 and 6) found that deeper plain networks
 * reach a *higher* training error than shallower ones, and residual ones do not; the sweep
 * measures that on our toy task.
 *
 * The final fit is measured the way a trained net is used: batch norm in inference mode, over
 * the whole training set (Session.evaluate). The training curve kept with each run is the mean
 * batch loss over each `curveEvery` steps, to show that a deep plain net is worse from the start
 * rather than overfitting late (single batches are noisy: Adam's occasional spikes would hide
 * it). Runs go seed by seed, shallow to deep, so that a live sweep shows the whole shape of the
 * curve after its first seed.
 *
 * The page reports seeds 1–3, and the verdicts' thresholds were set on them; seeds 4–6 are run
 * too and only check the verdicts (tests/shipped/degradation.test.ts).
 *
 * This module holds what a sweep is and how its points are summarised, without tfjs, so that
 * the page's main bundle can draw shipped results; verdicts.ts judges them and run.ts trains one.
 */
import { parseConfig, type ExperimentConfig, type OptimizerName } from '../../engine/config';
import { SWEEP_ARMS, type SweepArm } from '../nets';

export { SWEEP_ARMS, type SweepArm };

/** An optimizer of a sweep and the learning rate it trains with. */
export interface SweepOptimizer {
  optimizer: OptimizerName;
  learningRate: number;
}

/** What a sweep trains: `base` at each depth, as each arm, under each optimizer, on each seed. */
export interface SweepSpec {
  /**
   * Everything but `blocks`, `skip`, `seed`, `optimizer` and `learningRate`, which each run sets
   * (its own `optimizer` and `learningRate` are the first optimizer's).
   */
  base: ExperimentConfig;
  depths: readonly number[];
  /** The seeds the page reports; the verdicts' thresholds were set on them. */
  seeds: readonly number[];
  /** Seeds that set no threshold and only check the verdicts (run after `seeds`). */
  heldOutSeeds: readonly number[];
  optimizers: readonly SweepOptimizer[];
  /** Steps between two points of a run's training curve. */
  curveEvery: number;
}

/** One run of a sweep. */
export interface SweepRun {
  arm: SweepArm;
  blocks: number;
  seed: number;
  optimizer: OptimizerName;
  config: ExperimentConfig;
}

/** The outcome of one run. */
export interface SweepPoint {
  arm: SweepArm;
  blocks: number;
  seed: number;
  optimizer: OptimizerName;
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
 * spiral data, width 32, batch 64, ReLU with batch norm, pre-activation blocks, 400 steps, under
 * two optimizers. Batch norm makes a deep plain net's gradient grow toward the input: at
 * initialisation its first layer's gradient is about 1e5 at 32 blocks, 1e11 at 64 and 1e18 at 100
 * (seed 1). Adam scales each weight's step by that weight's own gradients, so those gradients do
 * not make huge steps; SGD with momentum 0.9 takes them as they come. Its rate was chosen on
 * seed 1 among 0.1, 0.03, 0.01, 0.003, 0.001 and 1e-4: 0.01 is the largest at which the plain
 * nets up to 64 blocks get past step 1, and the smallest at which every residual net fits in 400
 * steps. The plain net of 64 blocks diverges at step 1 at 0.03 and above (so at 0.05, the
 * thousand-layer figure's rate), at step 3 at 0.01, at step 14 at 0.003, and not at all at 0.001;
 * the residual net of one block ends at a training loss of 0.035 at 0.01 and 0.31 at 0.003. No
 * rate saves the plain net of 100 blocks: at every rate tried, down to 1e-7, its first update
 * overflows float32 and it diverges at step 1.
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
  heldOutSeeds: [4, 5, 6],
  optimizers: [
    { optimizer: 'adam', learningRate: 0.003 },
    { optimizer: 'momentum', learningRate: 0.01 },
  ],
  curveEvery: 10,
};

/** Every seed a sweep trains: the reported seeds, then the held-out ones. */
export const allSeeds = (spec: Pick<SweepSpec, 'seeds' | 'heldOutSeeds'>): number[] => [
  ...spec.seeds,
  ...spec.heldOutSeeds,
];

/**
 * The runs of `spec` in the order they are trained: optimizer by optimizer, then seed by seed
 * (reported seeds first), shallow to deep, plain first.
 */
export function sweepRuns(spec: SweepSpec): SweepRun[] {
  const runs: SweepRun[] = [];
  for (const { optimizer, learningRate } of spec.optimizers)
    for (const seed of allSeeds(spec))
      for (const blocks of spec.depths)
        for (const arm of SWEEP_ARMS)
          runs.push({
            arm,
            blocks,
            seed,
            optimizer,
            config: parseConfig({
              ...spec.base,
              blocks,
              seed,
              optimizer,
              learningRate,
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

/** A run's final training loss, a loss that is not even finite counting as the worst. */
export const lossOf = (p: SweepPoint) => (Number.isFinite(p.trainLoss) ? p.trainLoss : Infinity);

/**
 * Summarises `points` (of one optimizer) by arm and depth, depths ascending. A run that diverged
 * counts with the loss of the weights it stopped at.
 */
export function summariseSweep(points: readonly SweepPoint[]): SweepSummaryRow[] {
  const rows: SweepSummaryRow[] = [];
  for (const arm of SWEEP_ARMS) {
    const depths = [...new Set(points.filter((p) => p.arm === arm).map((p) => p.blocks))];
    for (const blocks of depths.sort((a, b) => a - b)) {
      const at = points.filter((p) => p.arm === arm && p.blocks === blocks);
      const loss = at.map(lossOf);
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

/** The points of `optimizer` on `seeds`. */
export function pointsOf(
  points: readonly SweepPoint[],
  optimizer: OptimizerName,
  seeds: readonly number[],
): SweepPoint[] {
  return points.filter((p) => p.optimizer === optimizer && seeds.includes(p.seed));
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
