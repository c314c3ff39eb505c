/**
 * A lab's state around the engine's presets (model/presets.ts): which preset it came from, the
 * networks the reader has now, and the gradient view.
 */
import type { ExperimentConfig } from '../model/engine/config';
import { preset, type PresetId } from '../model/labs/presets';
import { presetText } from '../model/labs/preset-texts';

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
  /**
   * A twin made by "Compare with…" follows A: B is A with this one setting flipped, through
   * every change to A, until the reader changes B itself (then it is unset).
   */
  link?: 'skip' | 'order';
}

/** The title shown as the lab's heading (and its region name). */
export function presetTitle(id: PresetId): string {
  return presetText(id).title;
}

/** A lab's heading with its number when the article gives one: "Lab 2. Exploding gradients…". */
export function labHeading(id: PresetId, label?: string): string {
  return label ? `${label}. ${presetTitle(id)}` : presetTitle(id);
}

/** One sentence on what the preset compares. */
export function presetSummary(id: PresetId): string {
  return presetText(id).summary;
}

/** A fresh state for preset `id`. */
export function presetState(id: PresetId): LabState {
  return { preset: id, nets: preset(id).nets.map((c) => ({ ...c })), view: 'weights' };
}
