/**
 * What `npm run claims` measures and writes (src/model/labs/claims.json): every preset's networks
 * trained on seeds 1–3 and the held-out seeds 4–6 (their step-0 gradient profile and their final
 * evaluation), the extra runs and depth strips the article quotes, and the configurations of each.
 * The article imports the file for every number it states about our labs, so a number on the
 * page is always one this engine produced at a named configuration. measure.ts trains them.
 */
import { parseConfig, type ExperimentConfig } from '../engine/config';
import { type StepRecord } from '../engine/experiment';
import { preset, type PresetId } from './presets';

/** The seeds every claim is measured on and the article reports: they set the thresholds. */
export const CLAIM_SEEDS = [1, 2, 3] as const;
/** Seeds that set no threshold: every claim is checked on them too, with the same thresholds. */
export const HELD_OUT_SEEDS = [4, 5, 6] as const;
/** Depths of the opening figure's precomputed gradient profiles (the vanishing lab's nets). */
export const HERO_DEPTHS = [2, 4, 8, 16, 24] as const;
/** Depths of the vanishing lab's strip: plain and residual sigmoid nets trained at each. */
export const VANISHING_DEPTHS = [1, 2, 3, 4, 6, 12, 24] as const;
/** Depths of the step-0 sweep of the `exploding` preset's two networks. */
export const SWEEP_BLOCKS = [3, 6, 12, 24, 48] as const;

/** First block's first weight gradient over the last block's last: both width × width. */
export function weightRatio(r: StepRecord): number {
  return r.gradNorms[1]! / r.gradNorms[r.gradNorms.length - 2]!;
}

/** RMS of x_n over RMS of x_0: how much the forward signal grows through the blocks. */
export function forwardGrowth(r: StepRecord): number {
  return r.activationNorms.at(-1)! / r.activationNorms[0]!;
}

/** One network on a list of seeds; every array is indexed like that list. */
export interface SeedRuns {
  /** At initialisation (step 0). */
  weightRatio: number[];
  forwardGrowth: number[];
  /** After the preset's steps, on the whole training set, batch norm in inference mode. */
  trainLoss: (number | null)[];
  testAccuracy: number[];
  diverged: boolean[];
  divergedAtStep: (number | null)[];
}

/** What a network measures at initialisation: the step-0 row of its history. */
export interface Step0 {
  loss: number;
  accuracy: number;
  gradNorms: number[];
  signalGradNorms: number[];
  activationNorms: number[];
}

/** One network of a preset: on the claim seeds (the arrays) and on the held-out seeds. */
export interface NetClaims extends SeedRuns {
  /** The network as the lab opens it (seed 1); the other seeds change only `seed`. */
  config: ExperimentConfig;
  /** The same measurements on HELD_OUT_SEEDS. */
  heldOut: SeedRuns;
  /** Step 0 on seed 1, the run the lab opens with: drawn before the lab's worker is ready. */
  step0: Step0;
}

export interface PresetClaims {
  nets: NetClaims[];
  /** Whether the preset's claim held, per claim seed. */
  holds: boolean[];
  /** Whether it held, per held-out seed (thresholds unchanged). */
  heldOutHolds: boolean[];
}

/** A net trained at each depth: [depth][seed] over CLAIM_SEEDS then HELD_OUT_SEEDS. */
export interface DepthRuns {
  trainLoss: (number | null)[][];
  testAccuracy: number[][];
}

/**
 * Runs the article quotes besides the presets, each a preset's network with one field changed
 * (the reader can make each in the lab): what happens without the branch scale, and plain nets
 * with batch norm that do train.
 */
export const EXTRA_RUNS = {
  /** The vanishing lab's residual net B with its branches at full scale. */
  'vanishing-B-full-scale': { from: ['vanishing', 1], change: { branchScale: 1 } },
  /** The vanishing lab's plain sigmoid net A with batch norm. */
  'vanishing-A-batch-norm': { from: ['vanishing', 0], change: { norm: 'batch' } },
  /** The exploding lab's plain ReLU + batch-norm net A at 12 blocks. */
  'exploding-A-12-blocks': { from: ['exploding', 0], change: { blocks: 12 } },
  /** The exploding lab's residual net B with the original block order, beside B itself. */
  'exploding-B-original-order': { from: ['exploding', 1], change: { order: 'post' } },
} as const satisfies Record<
  string,
  { from: readonly [PresetId, number]; change: Partial<ExperimentConfig> }
>;

export type ExtraId = keyof typeof EXTRA_RUNS;

/** The configuration of extra run `id` (seed 1; the claims run every claim seed). */
export function extraConfig(id: ExtraId): ExperimentConfig {
  const { from, change } = EXTRA_RUNS[id];
  return parseConfig({ ...preset(from[0]).nets[from[1]], ...change });
}

/** The whole file `npm run claims` writes. */
export interface ClaimsData {
  /** How to make it again. */
  command: string;
  /** Hash of the code and configurations it was made from (scripts/claims-fingerprint.ts). */
  fingerprint: string;
  seeds: number[];
  presets: Record<PresetId, PresetClaims>;
  /** The extra runs (EXTRA_RUNS), trained like the presets. */
  extras: Record<ExtraId, NetClaims>;
  /** The `exploding` preset's plain (A) and residual (B) nets at each depth, step 0 only. */
  depthSweep: { blocks: number[]; plain: number[][]; residual: number[][] };
  /** The seeds that set no threshold (HELD_OUT_SEEDS). */
  heldOutSeeds: number[];
  /**
   * The opening figure: the vanishing lab's nets at each of HERO_DEPTHS, seed 1, ‖∂L/∂W‖ of every
   * weight layer at step 0, with every shortcut (`identity`) and with none (`none`).
   */
  hero: { depths: number[]; identity: number[][]; none: number[][] };
  /** The vanishing lab's plain (A) and residual (B) nets trained at each of VANISHING_DEPTHS. */
  vanishingDepths: { blocks: number[]; seeds: number[]; plain: DepthRuns; residual: DepthRuns };
}

/** The configurations of the depth sweep: the exploding preset's nets at each depth. */
export function sweepConfigs(): { plain: ExperimentConfig; residual: ExperimentConfig }[] {
  const [plain, residual] = preset('exploding').nets;
  return SWEEP_BLOCKS.map((blocks) => ({
    plain: parseConfig({ ...plain, blocks }),
    residual: parseConfig({ ...residual, blocks }),
  }));
}

/** The opening figure's nets: the vanishing lab's, with and without shortcuts, at `blocks`. */
export function heroConfig(skip: 'identity' | 'none', blocks: number): ExperimentConfig {
  return parseConfig({ ...preset('vanishing').nets[1], skip, blocks });
}

/** The configurations of the vanishing lab's depth strip. */
export function vanishingDepthConfigs(): { plain: ExperimentConfig; residual: ExperimentConfig }[] {
  const [plain, residual] = preset('vanishing').nets;
  return VANISHING_DEPTHS.map((blocks) => ({
    plain: parseConfig({ ...plain, blocks }),
    residual: parseConfig({ ...residual, blocks }),
  }));
}
