/**
 * The configurations behind each lab preset (ids in components/lab/presets.ts). Each preset is one
 * network or a twin pair that differs in exactly the fields the article's claim is about. Numbers
 * in the comments are first/last weight-gradient ratios at initialisation measured on our engine.
 */
import { DEFAULT_CONFIG, type ExperimentConfig } from '../model/config';
import type { PresetId } from '../components/lab/presets';

/** Fields the twins always share: same data, seed, batches and optimizer, for a fair comparison. */
export const SHARED_FIELDS = [
  'dataset',
  'seed',
  'batchSize',
  'width',
  'optimizer',
  'learningRate',
  'steps',
] as const satisfies readonly (keyof ExperimentConfig)[];
/** Fields each network of a twin pair sets on its own. */
export const NET_FIELDS = [
  'skip',
  'blocks',
  'order',
  'norm',
  'activation',
  'init',
  'branchScale',
] as const satisfies readonly (keyof ExperimentConfig)[];

export type SharedField = (typeof SHARED_FIELDS)[number];
export type NetField = (typeof NET_FIELDS)[number];

/** What a lab shows: the preset it came from, one or two networks and the gradient view. */
export interface LabState {
  preset: PresetId;
  /** Network A, and network B when twins run. Shared fields are equal in both. */
  nets: ExperimentConfig[];
  /** Weight gradients ‖∂L/∂W‖ or signal gradients ‖∂L/∂x_l‖. */
  view: 'weights' | 'signal';
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

const net = (extra: Partial<ExperimentConfig>): ExperimentConfig => ({ ...BASE, ...extra });

/** Plain sigmoid net (ratio ≈1e-30) vs residual pre-activation sigmoid (≈0.25). */
const sigmoid = { activation: 'sigmoid', init: 'glorot', norm: 'none', order: 'pre' } as const;
/** ReLU, He, batch norm. */
const reluBn = { activation: 'relu', init: 'he', norm: 'batch' } as const;

const PRESETS: Record<PresetId, { title: string; nets: ExperimentConfig[]; summary: string }> = {
  playground: {
    title: 'Playground',
    summary: 'One network and every control. Switch on a twin to compare two networks.',
    nets: [net({ blocks: 12, ...reluBn, order: 'pre' })],
  },
  vanishing: {
    title: 'Vanishing gradients and their cure',
    summary:
      'A plain sigmoid network (A) and the same network with skip connections (B), 24 blocks each.',
    nets: [net({ ...sigmoid, skip: 'none' }), net({ ...sigmoid, skip: 'identity' })],
  },
  exploding: {
    title: 'Exploding gradients with batch norm',
    summary:
      'A plain ReLU network with batch norm (A) and the same network with skip connections (B).',
    nets: [
      net({ ...reluBn, order: 'pre', skip: 'none' }),
      net({ ...reluBn, order: 'pre', skip: 'identity' }),
    ],
  },
  'order-saturating': {
    title: 'Block order with a saturating activation',
    summary:
      'Residual sigmoid networks without batch norm: original blocks (A) vs pre-activation blocks (B).',
    nets: [
      net({ ...sigmoid, skip: 'identity', order: 'post' }),
      net({ ...sigmoid, skip: 'identity', order: 'pre' }),
    ],
  },
  'order-relu-bn': {
    title: 'Block order with ReLU and batch norm',
    summary: 'Residual ReLU networks with batch norm: original blocks (A) vs pre-activation (B).',
    nets: [
      net({ ...reluBn, skip: 'identity', order: 'post' }),
      net({ ...reluBn, skip: 'identity', order: 'pre' }),
    ],
  },
  unnormalised: {
    title: 'A deep residual network without normalisation',
    summary:
      'Residual ReLU networks without batch norm, SGD at learning rate 0.1: branches at full scale (A) vs scaled by 0.2 (B).',
    nets: [
      net({
        skip: 'identity',
        order: 'pre',
        activation: 'relu',
        init: 'he',
        norm: 'none',
        optimizer: 'sgd',
        learningRate: 0.1,
      }),
      net({
        skip: 'identity',
        order: 'pre',
        activation: 'relu',
        init: 'he',
        norm: 'none',
        optimizer: 'sgd',
        learningRate: 0.1,
        branchScale: 0.2,
      }),
    ],
  },
};

/** The title shown as the lab's heading (and its region name). */
export function presetTitle(id: PresetId): string {
  return PRESETS[id].title;
}

/** One sentence on what the preset compares. */
export function presetSummary(id: PresetId): string {
  return PRESETS[id].summary;
}

/** A fresh state for preset `id`. */
export function presetState(id: PresetId): LabState {
  return { preset: id, nets: PRESETS[id].nets.map((c) => ({ ...c })), view: 'weights' };
}
