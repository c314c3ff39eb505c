/**
 * The thousand-layer comparison: residual nets of 500 blocks (1,002 weight layers with the stem
 * and head), original (post-activation, He et al. 2015) against pre-activation blocks (He et al.
 * 2016), trained side by side on the same data, seed and batches. He et al. (2016) trained a
 * 1001-layer original ResNet on CIFAR-10 to a worse result than its pre-activation twin and put
 * it down to the ReLU after each addition, which sits on the shortcut of the original block.
 *
 * This module holds what the comparison is, what it records and how its outcome is judged,
 * without tfjs, so that the page's main bundle can draw shipped results; deep.ts trains it.
 */
import { parseConfig, type ExperimentConfig, type Order } from './config';

/** The optimizers the comparison is run under: the paper's SGD with momentum, and Adam. */
export type DeepOptimizer = 'momentum' | 'adam';
export const DEEP_OPTIMIZERS: readonly DeepOptimizer[] = ['momentum', 'adam'];
/** The block orders compared, original first. */
export const DEEP_ORDERS: readonly Order[] = ['post', 'pre'];

/**
 * A learning rate per optimizer. SGD with momentum 0.9 at 0.05 is the setting the gap shows
 * under; Adam at 0.003 is the degradation sweep's rate.
 */
export const DEEP_LEARNING_RATE: Record<DeepOptimizer, number> = { momentum: 0.05, adam: 0.003 };

/** What a comparison trains: `base` as each order, under each optimizer, on each seed. */
export interface DeepSpec {
  /** Everything but `order`, `optimizer`, `learningRate` and `seed`; `steps` is the run length. */
  base: ExperimentConfig;
  optimizers: readonly DeepOptimizer[];
  seeds: readonly number[];
}

/** One pair of runs: both orders under one optimizer on one seed, trained in lockstep. */
export interface DeepPair {
  optimizer: DeepOptimizer;
  seed: number;
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
export interface DeepTrace {
  optimizer: DeepOptimizer;
  order: Order;
  seed: number;
  /** The batch loss of every step, measured before its update (null once not finite). */
  loss: (number | null)[];
  /**
   * ‖∂L/∂x_l‖ for l = 0 … n (length blocks + 1) at step 0, and at the last finite step
   * (null where not finite).
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
 * steps, seeds 1–3, both optimizers. Under SGD with momentum the outcome is settled within
 * the first 100 steps; under Adam the original net needs about 100 steps to start fitting on
 * the seeds where it does, so the runs take 150 to show it.
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
  seeds: [1, 2, 3],
};

/** Where the shipped comparison lives, relative to the app's base URL (and under public/). */
export const THOUSAND_LAYERS_FILE = 'sweeps/thousand-layers.json';

/** The config of one run of `spec`. */
export function deepConfig(
  spec: DeepSpec,
  optimizer: DeepOptimizer,
  seed: number,
  order: Order,
): ExperimentConfig {
  return parseConfig({
    ...spec.base,
    optimizer,
    learningRate: DEEP_LEARNING_RATE[optimizer],
    seed,
    order,
  });
}

/** The pairs of `spec` in the order they are trained: optimizer by optimizer, seed by seed. */
export function deepPairs(spec: DeepSpec): DeepPair[] {
  return spec.optimizers.flatMap((optimizer) =>
    spec.seeds.map((seed) => ({
      optimizer,
      seed,
      configs: DEEP_ORDERS.map((order) => deepConfig(spec, optimizer, seed, order)),
    })),
  );
}

/** The pair of `spec` for `optimizer` and `seed` (a live run trains just one). */
export function deepPair(spec: DeepSpec, optimizer: DeepOptimizer, seed: number): DeepPair {
  return deepPairs({ ...spec, optimizers: [optimizer], seeds: [seed] })[0]!;
}

/** A run whose final training loss is below this fits the spiral (chance is ln 2 ≈ 0.69). */
export const DEEP_FITS = 0.1;
/** A run whose final training loss is above this has not learned the spiral. */
export const DEEP_STUCK = 0.4;

/** The trace of `order` under `optimizer` on `seed`, if `traces` has it. */
export function findTrace(
  traces: readonly DeepTrace[],
  optimizer: DeepOptimizer,
  seed: number,
  order: Order,
): DeepTrace | undefined {
  return traces.find((t) => t.optimizer === optimizer && t.seed === seed && t.order === order);
}

/** How a pair ended: the pre-activation net fits and the original does not, both fit, or else. */
export type DeepOutcome = 'only-pre' | 'both' | 'other';

/** Judges one pair by its final training losses (a diverged run counts as not fitting). */
export function deepOutcome(post: DeepTrace, pre: DeepTrace): DeepOutcome {
  const loss = (t: DeepTrace) => (t.final.diverged ? Infinity : t.final.trainLoss);
  const fits = (t: DeepTrace) => loss(t) < DEEP_FITS;
  if (fits(post) && fits(pre)) return 'both';
  if (fits(pre) && loss(post) > DEEP_STUCK) return 'only-pre';
  return 'other';
}

/** The outcome of every seed of `spec` under `optimizer` (undefined where a trace is missing). */
export function deepOutcomes(
  file: Pick<DeepFile, 'spec' | 'traces'>,
  optimizer: DeepOptimizer,
): (DeepOutcome | undefined)[] {
  return file.spec.seeds.map((seed) => {
    const post = findTrace(file.traces, optimizer, seed, 'post');
    const pre = findTrace(file.traces, optimizer, seed, 'pre');
    return post && pre ? deepOutcome(post, pre) : undefined;
  });
}

/** The first step at which a trace's batch loss is below `level`, or null. */
export function firstStepBelow(trace: DeepTrace, level: number): number | null {
  const i = trace.loss.findIndex((l) => l !== null && l < level);
  return i < 0 ? null : i;
}
