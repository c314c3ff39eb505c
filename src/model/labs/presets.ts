/**
 * The labs' presets: the networks each lab of the article opens with and the claim its training
 * run must show (what each lab says about them is in preset-texts.ts, so that rewording a lab
 * leaves the measured claims fresh) (measured for the article on seeds 1–6 by `npm run claims`,
 * checked by presets.test.ts and presets-train-*.test.ts, judged after every run by verdict.ts).
 * The labs, the CLI (`npm run experiment -- --preset <id>`) and the tests all read these same
 * objects.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../engine/config';

/**
 * What a preset's training run must show, judged on test accuracy after the preset's steps
 * (verdict.ts has the thresholds):
 * - `learns`: the one network learns;
 * - `fails-vs-learns`: A stays near chance, B learns;
 * - `short-vs-learns`: B learns, A ends clearly below it;
 * - `both-learn`: both learn (a difference the claim says is small);
 * - `diverges-vs-learns`: A diverges, B learns.
 */
export type ClaimKind =
  'learns' | 'fails-vs-learns' | 'short-vs-learns' | 'both-learn' | 'diverges-vs-learns';

/** A preset but for its id (the key it is listed under). */
export interface PresetSpec {
  /** Network A, and B for twin labs. Shared fields (data, seed, batches, optimizer) are equal. */
  nets: readonly ExperimentConfig[];
  claim: ClaimKind;
  /**
   * The one to three fields the claim is about: the lab shows these controls first (per network
   * for a network's own field) and keeps every other setting under "All settings".
   */
  keyFields: readonly (keyof ExperimentConfig)[];
}

export interface Preset extends PresetSpec {
  id: PresetId;
}

/** A browser-sized base: 2-D data, width 32, batch 64 (≈20–40 ms a step on wasm at 24 blocks). */
const BASE: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'circles',
  blocks: 24,
  width: 32,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 0.01,
  steps: 300,
  seed: 1,
};

const net = (extra: Partial<ExperimentConfig>): ExperimentConfig =>
  Object.freeze({ ...BASE, ...extra });

/**
 * Sigmoid without batch norm, pre-activation, branches scaled by 0.15. The scale is what the
 * residual sigmoid net needs besides the shortcut: at full scale its 24 branch outputs add up,
 * x_n grows (RMS 2.3 → 25 within 20 steps) and the sigmoid before the head saturates, so it
 * never learns (loss 0.69–0.70 on seeds 1–3). Plain nets ignore the scale.
 */
const sigmoid = {
  activation: 'sigmoid',
  init: 'glorot',
  norm: 'none',
  order: 'pre',
  branchScale: 0.15,
  steps: 400,
} as const;
/** ReLU, He, batch norm. */
const reluBn = { activation: 'relu', init: 'he', norm: 'batch' } as const;
/** ReLU, He, no normalisation, plain SGD at 0.1: a step size that full-scale branches cannot take. */
const reluSgd = {
  skip: 'identity',
  order: 'pre',
  activation: 'relu',
  init: 'he',
  norm: 'none',
  optimizer: 'sgd',
  learningRate: 0.1,
} as const;

/**
 * The labs the article places, keyed by id: the one list of presets. Their ids, their order and
 * the lookup below derive from it, so a preset cannot be listed without its networks or looked up
 * by an id that is not listed.
 */
const SPECS = {
  /** The free lab: every control, one network. */
  playground: {
    nets: [net({ blocks: 12, ...reluBn, order: 'pre' })],
    claim: 'learns',
    keyFields: ['skip', 'blocks', 'order'],
  },
  /** A deep plain sigmoid net whose gradients vanish, next to its residual cure. */
  vanishing: {
    nets: [net({ ...sigmoid, skip: 'none' }), net({ ...sigmoid, skip: 'identity' })],
    claim: 'fails-vs-learns',
    keyFields: ['skip', 'blocks'],
  },
  /** A deep plain ReLU net with batch norm whose gradients explode toward the input, vs residual. */
  exploding: {
    nets: [
      net({ ...reluBn, order: 'pre', skip: 'none' }),
      net({ ...reluBn, order: 'pre', skip: 'identity' }),
    ],
    claim: 'short-vs-learns',
    keyFields: ['skip', 'norm'],
  },
  /** Original vs pre-activation blocks with a saturating activation: only one trains. */
  'order-saturating': {
    nets: [
      net({ ...sigmoid, skip: 'identity', order: 'post' }),
      net({ ...sigmoid, skip: 'identity', order: 'pre' }),
    ],
    claim: 'fails-vs-learns',
    keyFields: ['order'],
  },
  /** A deep residual net without normalisation that diverges, and branch scaling that fixes it. */
  unnormalised: {
    nets: [net({ ...reluSgd }), net({ ...reluSgd, branchScale: 0.2 })],
    claim: 'diverges-vs-learns',
    keyFields: ['branchScale'],
  },
} satisfies Record<string, PresetSpec>;

export type PresetId = keyof typeof SPECS;

/** Every preset's id, in the order SPECS lists them (the order of the labs' CLI help and tests). */
// Object.keys types its result string[]; these are exactly SPECS's keys.
export const PRESET_IDS = Object.freeze(Object.keys(SPECS)) as readonly PresetId[];

/** True when `id` names a preset. */
export function isPresetId(id: unknown): id is PresetId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(SPECS, id);
}

const FROZEN = new Map<PresetId, Preset>();

/** The preset `id`: the same frozen object on every call. */
export function preset(id: PresetId): Preset {
  let p = FROZEN.get(id);
  if (!p) {
    p = Object.freeze({ id, ...SPECS[id] });
    FROZEN.set(id, p);
  }
  return p;
}

/** Every preset, in PRESET_IDS order. */
export function allPresets(): Preset[] {
  return PRESET_IDS.map(preset);
}
