/**
 * The loss-landscape figure's experiment (Li et al. 2018): a plain and a residual net of the
 * same depth, each trained to the same target loss, then the training loss on a plane through
 * each trained θ*, L(θ* + a·δ + b·η) for (a, b) in [−span, span]², along two random
 * filter-normalised directions δ, η (landscape.ts), with batch norm's statistics frozen at the
 * trained net (Li et al.'s protocol) and recomputed at each point. What it is, what it records and how its outcome is judged live here,
 * without tfjs, so that the page can draw shipped results and the measures are unit-testable.
 * The measures of a slice are in slice.ts, the verdicts in verdicts.ts.
 */
import { parseConfig, type ExperimentConfig } from '../../engine/config';
import { SWEEP_ARMS, type SweepArm } from '../nets';
import type { BasinMeasures, CurvatureMeasures, LowestPoint } from './slice';

/**
 * Batch norm's statistics across a slice's plane. 'frozen' is Li et al.'s protocol: their code
 * evaluates every point with `net.eval()`, so each layer normalises with the trained net's
 * statistics while the weights move; ours are the trained net's population statistics over the
 * whole training set (how every trained net is evaluated here) where theirs are the running
 * averages kept in training. 'recomputed': every point is evaluated with statistics of its own
 * over the rows evaluated, as a net with those weights would be normalised.
 */
export const BN_STATISTICS = ['frozen', 'recomputed'] as const;
export type BnStatistics = (typeof BN_STATISTICS)[number];

/**
 * How long each net trains: until its loss on the whole training set (batch norm in inference
 * mode) is at most `targetLoss`, checked every `checkEvery` steps, and at most `base.steps`
 * steps. So the plain and the residual net are sliced at comparable losses, not after the same
 * number of steps (after which the residual one fits far better).
 */
export interface TrainingRule {
  targetLoss: number;
  checkEvery: number;
}

/** What the landscape figure trains and slices. */
export interface LandscapeSpec {
  /** Everything but `skip`, `blocks` and `seed`; `steps` is the most each net may take. */
  base: ExperimentConfig;
  /** Numbers of blocks (two weight layers each). */
  depths: readonly number[];
  /** The seeds the page reports; they set the verdicts' thresholds. */
  seeds: readonly number[];
  /** Seeds that set no threshold and only check them. */
  heldOutSeeds: readonly number[];
  /** Each trained net is sliced once per entry, along the same directions. */
  bnStatistics: readonly BnStatistics[];
  training: TrainingRule;
  /** Points per side of the grid; odd, so that θ* itself is the centre point. */
  grid: number;
  /** a and b run over [−span, span]. */
  span: number;
  /** The loss is measured on the first `rows` training rows (see LANDSCAPE_SPEC). */
  rows: number;
}

/**
 * The figure's nets: ReLU with batch norm, pre-activation blocks of width 32 on the circles,
 * residual branches scaled by 0.15 as in the lesion figure, at 8, 16 and 24 blocks. Measured with
 * scratch scripts on seeds 1–3 (wasm); the held-out seeds' numbers are in the shipped file.
 * - Training: Adam at 0.003, each net until its training loss is at most 0.1. At 0.01 for a fixed
 *   300 steps (the figure before) the plain nets ended at 0.05–0.23 and the residual ones at
 *   0.004–0.015, so the slices compared a half-fitted net with a fitted one. At 0.01 the deep
 *   plain nets' loss jumped about (0.02–0.34 between checks at 16 blocks) and at 24 blocks never
 *   went below 0.17 in 1000 steps; at 0.003 it falls steadily. A target of 0.05 was out of reach
 *   for one 24-block plain net in 4000 steps (seed 3: 0.057 at step 4000); 0.1 is reached by all:
 *   the residual nets at the first check (25 steps; losses 0.026–0.066), the plain nets in 50–75
 *   steps at 8 blocks, 350–475 at 16 and 1450–2525 at 24 (losses 0.055–0.100, accuracy ≥ 97.6%).
 * - Frozen statistics (Li et al.'s protocol): both slices are basins (0–3 local minima). The
 *   plain basin is far sharper: its loss is below chance on 3.2–6.6% of the plane against
 *   25.9–44.0% for the residual net, and the median loss on its rim is 2.1e3–3.8e3 at 8 blocks,
 *   2.6e5–3.4e6 at 16 and 3.3e7–5.6e8 at 24, against 4.8–6.0, 9.1–12.8 and 18.7–27.5. The
 *   residual nets stopped after 25 steps; trained for 300 steps instead (losses 0.006–0.010) the
 *   largest loss on their slices was 31–792 against 863–5290 at 25 steps (16 and 24 blocks, seeds
 *   1–2), so the comparison does not hinge on stopping them early.
 * - Recomputed statistics: the plain slices have 32–42 local minima at 8 blocks, 60–63 at 16 and
 *   58–73 at 24, the residual ones 0–4. The share of points curving down along the ray no longer
 *   separates the arms (plain 47.5–51.7%, residual 28.8–51.9%), so no verdict uses it.
 * The loss is measured on the first 256 of the 1000 training rows: a slice of 961 points over all
 * of them took 10–11 s in Node wasm, over 256 rows 4.3 s (recomputed statistics, 16 blocks), with
 * the same verdicts in the figure before. Frozen statistics are still the whole training set's.
 */
export const LANDSCAPE_SPEC: LandscapeSpec = {
  base: parseConfig({
    dataset: 'circles',
    width: 32,
    batchSize: 64,
    activation: 'relu',
    init: 'he',
    norm: 'batch',
    order: 'pre',
    branchScale: 0.15,
    optimizer: 'adam',
    learningRate: 0.003,
    steps: 4000,
  }),
  depths: [8, 16, 24],
  seeds: [1, 2, 3],
  heldOutSeeds: [4, 5, 6],
  bnStatistics: ['frozen', 'recomputed'],
  training: { targetLoss: 0.1, checkEvery: 25 },
  grid: 31,
  span: 1,
  rows: 256,
};

/** Where the shipped landscape study lives, relative to the app's base URL (and under public/). */
export const LANDSCAPE_FILE = 'sweeps/landscape.json';

/** One slice: the losses on the grid and what they show. */
export interface LandscapeResult {
  grid: number;
  span: number;
  /**
   * L(θ* + a·δ + b·η), grid × grid, row-major: row i has b = −span + i·h, column j has
   * a = −span + j·h, h = 2·span / (grid − 1).
   */
  losses: number[];
  /** The loss at θ* (the centre point). */
  centre: number;
  /** The lowest point of the grid (θ* when the trained net sits at the slice's minimum). */
  lowest: LowestPoint;
  basin: BasinMeasures;
  curvature: CurvatureMeasures;
}

/** One net of the study: its arm, depth, seed and config. */
export interface LandscapeNet {
  arm: SweepArm;
  blocks: number;
  seed: number;
  config: ExperimentConfig;
}

/** Where training stopped (TrainingRule): the loss and accuracy on the whole training set. */
export interface TrainedPoint {
  steps: number;
  loss: number;
  accuracy: number;
  /** The loss reached the rule's target (false: the net ran out of steps or diverged). */
  reached: boolean;
}

/** A trained net's slice with one kind of batch-norm statistics. */
export interface LandscapeRun {
  arm: SweepArm;
  blocks: number;
  seed: number;
  statistics: BnStatistics;
  trained: TrainedPoint;
  result: LandscapeResult;
}

/**
 * A slice's numbers without its losses: what the verdicts judge and the article's text states,
 * small enough for the page to import (the file's `measures`).
 */
export interface LandscapeMeasure extends Omit<LandscapeRun, 'result'> {
  result: Omit<LandscapeResult, 'losses'>;
}

/** The measures of `runs`, in their order. */
export function landscapeMeasures(runs: readonly LandscapeRun[]): LandscapeMeasure[] {
  return runs.map(({ result, ...run }) => {
    const { grid, span, centre, lowest, basin, curvature } = result;
    return { ...run, result: { grid, span, centre, lowest, basin, curvature } };
  });
}

/** A finished study, as written to LANDSCAPE_FILE. */
export interface LandscapeFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: LandscapeSpec;
  /** landscapeMeasures(runs). */
  measures: LandscapeMeasure[];
  runs: LandscapeRun[];
}

/** Every seed `spec` runs: the reported ones, then the held-out ones. */
export const allSeeds = (spec: LandscapeSpec): number[] => [...spec.seeds, ...spec.heldOutSeeds];

/** The nets of `spec`, depth by depth, then seed by seed (held-out seeds last), plain first. */
export function landscapeNets(spec: LandscapeSpec): LandscapeNet[] {
  return spec.depths.flatMap((blocks) =>
    allSeeds(spec).flatMap((seed) =>
      SWEEP_ARMS.map((arm) => ({
        arm,
        blocks,
        seed,
        config: parseConfig({
          ...spec.base,
          blocks,
          seed,
          skip: arm === 'plain' ? 'none' : 'identity',
        }),
      })),
    ),
  );
}
