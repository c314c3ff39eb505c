/**
 * The thousand-layer comparison: residual nets of 500 blocks (1,002 weight layers with the stem
 * and head), original (post-activation, He et al. 2015) against pre-activation blocks (He et al.
 * 2016), trained side by side on the same data, seed and batches, over a range of learning
 * rates. He et al. (2016) trained a 1001-layer original ResNet on CIFAR-10 to a worse result than
 * its pre-activation twin and put it down to the ReLU after each addition, which sits on the
 * shortcut of the original block. Whether a toy net of that depth trains at all turns on the
 * step size, so the comparison is a learning-rate axis, not one rate.
 *
 * This module holds what the comparison is, what it records and how its outcome is judged,
 * without tfjs, so that the page's main bundle can draw shipped results; deep.ts trains it.
 */
import { parseConfig, type ExperimentConfig, type Order } from '../../engine/config';

/** The optimizers the comparison is run under: the paper's SGD with momentum, and Adam. */
export type DeepOptimizer = 'momentum' | 'adam';
export const DEEP_OPTIMIZERS: readonly DeepOptimizer[] = ['momentum', 'adam'];
/** The block orders compared, original first. */
export const DEEP_ORDERS: readonly Order[] = ['post', 'pre'];

/** What a comparison trains: `base` as each order, under each optimizer at each of its rates. */
export interface DeepSpec {
  /** Everything but `order`, `optimizer`, `learningRate` and `seed`; `steps` is the run length. */
  base: ExperimentConfig;
  optimizers: readonly DeepOptimizer[];
  /** The learning rates of each optimizer, ascending: an axis for SGD with momentum. */
  learningRates: Readonly<Record<DeepOptimizer, readonly number[]>>;
  /** The seeds the page reports, which set the verdicts' thresholds. */
  seeds: readonly number[];
  /** Seeds that set nothing and only check the verdicts; trained like the others. */
  heldOutSeeds: readonly number[];
}

/** Which run: an optimizer at one of its rates, on one seed. */
export interface DeepRun {
  optimizer: DeepOptimizer;
  learningRate: number;
  seed: number;
}

/** One pair of runs: both orders of one run, trained in lockstep. */
export interface DeepPair extends DeepRun {
  /** The original (post) and the pre-activation config, in DEEP_ORDERS order. */
  configs: ExperimentConfig[];
}

/** Final fit of a run: the whole training and test sets, batch norm in inference mode. */
export interface DeepFinal {
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  diverged: boolean;
  divergedAtStep: number | null;
}

/** What one run of a pair records. */
export interface DeepTrace extends DeepRun {
  order: Order;
  /** The batch loss of every step, measured before its update (null once not finite). */
  loss: (number | null)[];
  /**
   * ‖∂L/∂x_l‖ at the block inputs `profileBlocks(blocks)` (every block up to 100 blocks, every
   * fifth at 500), at step 0 and at the last finite step (null where not finite).
   */
  signalStart: (number | null)[];
  signalEnd: (number | null)[];
  final: DeepFinal;
}

/** A finished comparison, as `npm run sweep -- --thousand-layers` writes it. */
export interface DeepFile {
  command: string;
  /** Hash of the engine's source and the spec (scripts/claims-fingerprint.ts). */
  fingerprint: string;
  backend: string;
  spec: DeepSpec;
  traces: DeepTrace[];
}

/**
 * The comparison the article shows and the defaults of `npm run sweep -- --thousand-layers`:
 * spiral data, width 32, batch 128, ReLU with batch norm, He initialisation, 500 blocks, 150
 * steps; SGD with momentum 0.9 at five rates from 0.003 to 0.1, Adam at 0.003 (the degradation
 * sweep's rate); seeds 1–3, and 4–6 held out. Under SGD with momentum a run's fate is settled
 * within the first 100 steps; under Adam the original net needs about 100 steps to start
 * fitting, so the runs take 150 to show it.
 */
export const THOUSAND_LAYERS_SPEC: DeepSpec = {
  base: parseConfig({
    dataset: 'spiral',
    blocks: 500,
    width: 32,
    batchSize: 128,
    skip: 'identity',
    norm: 'batch',
    activation: 'relu',
    init: 'he',
    steps: 150,
  }),
  optimizers: DEEP_OPTIMIZERS,
  learningRates: { momentum: [0.003, 0.01, 0.02, 0.05, 0.1], adam: [0.003] },
  seeds: [1, 2, 3],
  heldOutSeeds: [4, 5, 6],
};

/** Where the shipped comparison lives, relative to the app's base URL (and under public/). */
export const THOUSAND_LAYERS_FILE = 'sweeps/thousand-layers.json';

/** The seeds a comparison trains: the reported ones, then the held-out ones. */
export const allSeeds = (spec: DeepSpec): number[] => [...spec.seeds, ...spec.heldOutSeeds];

/** The config of one run of `spec` as `order`. */
export function deepConfig(spec: DeepSpec, run: DeepRun, order: Order): ExperimentConfig {
  return parseConfig({
    ...spec.base,
    optimizer: run.optimizer,
    learningRate: run.learningRate,
    seed: run.seed,
    order,
  });
}

/** The pair of `spec` for `run` (a live run trains just one). */
export function deepPair(spec: DeepSpec, run: DeepRun): DeepPair {
  const { optimizer, learningRate, seed } = run;
  return {
    optimizer,
    learningRate,
    seed,
    configs: DEEP_ORDERS.map((order) => deepConfig(spec, run, order)),
  };
}

/**
 * The pairs of `spec` in the order they are trained: seed by seed (the reported seeds, then the
 * held-out ones), and for each seed optimizer by optimizer and rate by rate. A long run thus
 * completes the whole learning-rate axis of the reported seeds first.
 */
export function deepPairs(spec: DeepSpec): DeepPair[] {
  return allSeeds(spec).flatMap((seed) =>
    spec.optimizers.flatMap((optimizer) =>
      spec.learningRates[optimizer].map((learningRate) =>
        deepPair(spec, { optimizer, learningRate, seed }),
      ),
    ),
  );
}

/**
 * The block inputs x_l whose gradient a trace records, input first and x_n last: every one up
 * to 100 blocks, else evenly spaced, at most 101 (at 500 blocks every fifth). A profile of all
 * 501 would make the shipped file five times larger for a plot that cannot show them apart.
 */
export function profileBlocks(blocks: number): number[] {
  const stride = Math.max(1, Math.ceil(blocks / 100));
  const at: number[] = [];
  for (let l = 0; l < blocks; l += stride) at.push(l);
  at.push(blocks);
  return at;
}

/** A run whose final training loss is below this fits the spiral (chance is ln 2 ≈ 0.69). */
export const DEEP_FITS = 0.1;
/** A run whose final training loss is above this has not learned the spiral. */
export const DEEP_STUCK = 0.4;

const sameRun = (t: DeepRun, run: DeepRun) =>
  t.optimizer === run.optimizer && t.learningRate === run.learningRate && t.seed === run.seed;

/** The trace of `order` in `run`, if `traces` has it. */
export function findTrace(
  traces: readonly DeepTrace[],
  run: DeepRun,
  order: Order,
): DeepTrace | undefined {
  return traces.find((t) => sameRun(t, run) && t.order === order);
}

/** A run's final training loss, Infinity if it diverged. */
export const finalLoss = (t: DeepTrace): number =>
  t.final.diverged ? Infinity : t.final.trainLoss;
/** Whether a run fits the spiral: final training loss below DEEP_FITS. */
export const fits = (t: DeepTrace): boolean => finalLoss(t) < DEEP_FITS;
/** Whether a run has not learned the spiral: final training loss above DEEP_STUCK. */
export const stuck = (t: DeepTrace): boolean => finalLoss(t) > DEEP_STUCK;

/**
 * How a pair ended: both nets fit, only one fits (the other stuck), neither learned (both
 * stuck), or something in between.
 */
export type DeepOutcome = 'both' | 'only-pre' | 'only-post' | 'neither' | 'other';

/** Judges one pair by its final training losses (a diverged run counts as not fitting). */
export function deepOutcome(post: DeepTrace, pre: DeepTrace): DeepOutcome {
  if (fits(post) && fits(pre)) return 'both';
  if (fits(pre) && stuck(post)) return 'only-pre';
  if (fits(post) && stuck(pre)) return 'only-post';
  if (stuck(post) && stuck(pre)) return 'neither';
  return 'other';
}

/** The outcome of `run` (undefined where a trace is missing). */
export function runOutcome(traces: readonly DeepTrace[], run: DeepRun): DeepOutcome | undefined {
  const post = findTrace(traces, run, 'post');
  const pre = findTrace(traces, run, 'pre');
  return post && pre ? deepOutcome(post, pre) : undefined;
}

/** The outcome on each of `seeds` (the spec's reported seeds unless given) of a rate. */
export function deepOutcomes(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  optimizer: DeepOptimizer,
  learningRate: number,
  seeds: readonly number[] = file.spec.seeds,
): (DeepOutcome | undefined)[] {
  return seeds.map((seed) => runOutcome(file.traces, { optimizer, learningRate, seed }));
}

/**
 * The learning rates of `optimizer` at which `order` fits the spiral on every one of `seeds`:
 * the range in which that block order trains.
 */
export function fittingRates(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  optimizer: DeepOptimizer,
  order: Order,
  seeds: readonly number[] = file.spec.seeds,
): number[] {
  return file.spec.learningRates[optimizer].filter((learningRate) =>
    seeds.every((seed) => {
      const t = findTrace(file.traces, { optimizer, learningRate, seed }, order);
      return t !== undefined && fits(t);
    }),
  );
}

/** The first step at which a trace's batch loss is below `level`, or null. */
export function firstStepBelow(trace: DeepTrace, level: number): number | null {
  const i = trace.loss.findIndex((l) => l !== null && l < level);
  return i < 0 ? null : i;
}
