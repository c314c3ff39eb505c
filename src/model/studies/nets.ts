/**
 * What several studies share, kept apart from each study's own spec: a shipped result's
 * fingerprint covers the engine files its computation imports (scripts/claims-fingerprint.ts),
 * so a study that imported another study's spec would go stale whenever that other study changed.
 */
import { parseConfig } from '../engine/config';

/** Plain (no skip connections) or residual (identity skips). */
export type SweepArm = 'plain' | 'residual';
export const SWEEP_ARMS: readonly SweepArm[] = ['plain', 'residual'];

/**
 * The nets the lesion and path-length figures take apart, everything but `skip` and `seed`: 24
 * pre-activation sigmoid blocks with batch norm, branches scaled by 0.15, Adam on the circles. The
 * two figures look at one network from two sides: which blocks it can lose, and which paths
 * train it.
 */
export const ANALYSED_NET = parseConfig({
  dataset: 'circles',
  blocks: 24,
  width: 32,
  batchSize: 64,
  activation: 'sigmoid',
  init: 'glorot',
  norm: 'batch',
  order: 'pre',
  branchScale: 0.15,
  optimizer: 'adam',
  learningRate: 0.01,
  steps: 300,
});
