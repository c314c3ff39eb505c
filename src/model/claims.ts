/**
 * What `npm run claims` measures: every preset's networks trained on seeds 1–3 (their step-0
 * gradient profile and their final evaluation), and the depth sweep the article quotes. The
 * article imports the result (src/model/claims.json) for every number it states about our
 * labs, so a number on the page is always one this engine produced at a named configuration.
 */
import { parseConfig, type ExperimentConfig } from './config';
import { loadDataset, type DigitsLoader } from './data';
import { runExperiment, type StepRecord } from './experiment';
import { allPresets, preset, type PresetId } from './presets';
import { claimHolds, type RunOutcome } from './verdict';

/** The seeds every claim is measured on. */
export const CLAIM_SEEDS = [1, 2, 3] as const;
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

/** One network of a preset on every claim seed; arrays are indexed like CLAIM_SEEDS. */
export interface NetClaims {
  /** The network as the lab opens it (seed 1); the other seeds change only `seed`. */
  config: ExperimentConfig;
  /** At initialisation (step 0). */
  weightRatio: number[];
  forwardGrowth: number[];
  /** After the preset's steps, batch norm in inference mode. */
  trainLoss: (number | null)[];
  testAccuracy: number[];
  diverged: boolean[];
  divergedAtStep: (number | null)[];
}

export interface PresetClaims {
  nets: NetClaims[];
  /** Whether the preset's claim held, per seed. */
  holds: boolean[];
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
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Trains `config` on each claim seed and collects its NetClaims. */
async function measureNet(
  config: ExperimentConfig,
  loadDigits?: DigitsLoader,
): Promise<{ claims: NetClaims; outcomes: RunOutcome[] }> {
  const claims: NetClaims = {
    config,
    weightRatio: [],
    forwardGrowth: [],
    trainLoss: [],
    testAccuracy: [],
    diverged: [],
    divergedAtStep: [],
  };
  const outcomes: RunOutcome[] = [];
  for (const seed of CLAIM_SEEDS) {
    const r = await runExperiment({ ...config, seed }, { loadDigits });
    const dataset = await loadDataset(config.dataset, seed, loadDigits);
    claims.weightRatio.push(weightRatio(r.history[0]!));
    claims.forwardGrowth.push(forwardGrowth(r.history[0]!));
    claims.trainLoss.push(finiteOrNull(r.final.trainLoss));
    claims.testAccuracy.push(r.final.testAccuracy);
    claims.diverged.push(r.final.diverged);
    claims.divergedAtStep.push(r.final.divergedAtStep);
    outcomes.push({ ...r.final, classes: dataset.numClasses });
  }
  return { claims, outcomes };
}

/** Every preset on every claim seed. `onProgress` names what runs next. */
export async function measurePresets(
  loadDigits?: DigitsLoader,
  onProgress?: (what: string) => void,
): Promise<Record<PresetId, PresetClaims>> {
  const out = {} as Record<PresetId, PresetClaims>;
  for (const p of allPresets()) {
    const nets: NetClaims[] = [];
    const perNet: RunOutcome[][] = [];
    for (const [i, config] of p.nets.entries()) {
      onProgress?.(`${p.id} net ${'AB'[i]}`);
      const { claims, outcomes } = await measureNet(config, loadDigits);
      nets.push(claims);
      perNet.push(outcomes);
    }
    const holds = CLAIM_SEEDS.map((_, s) =>
      claimHolds(
        p.claim,
        perNet.map((o) => o[s]!),
      ),
    );
    out[p.id] = { nets, holds };
  }
  return out;
}

/** Every extra run on every claim seed. */
export async function measureExtras(
  onProgress?: (what: string) => void,
): Promise<Record<ExtraId, NetClaims>> {
  const out = {} as Record<ExtraId, NetClaims>;
  for (const id of Object.keys(EXTRA_RUNS) as ExtraId[]) {
    onProgress?.(id);
    out[id] = (await measureNet(extraConfig(id))).claims;
  }
  return out;
}

/** The configurations of the depth sweep: the exploding preset's nets at each depth. */
export function sweepConfigs(): { plain: ExperimentConfig; residual: ExperimentConfig }[] {
  const [plain, residual] = preset('exploding').nets;
  return SWEEP_BLOCKS.map((blocks) => ({
    plain: parseConfig({ ...plain, blocks }),
    residual: parseConfig({ ...residual, blocks }),
  }));
}

/** Step-0 weight ratios of the depth sweep, [depth][seed]. */
export async function measureDepthSweep(
  onProgress?: (what: string) => void,
): Promise<ClaimsData['depthSweep']> {
  const plain: number[][] = [];
  const residual: number[][] = [];
  for (const c of sweepConfigs()) {
    onProgress?.(`depth sweep, ${c.plain.blocks} blocks`);
    for (const [config, into] of [
      [c.plain, plain],
      [c.residual, residual],
    ] as const) {
      const ratios: number[] = [];
      for (const seed of CLAIM_SEEDS) {
        const r = await runExperiment({ ...config, seed }, { steps: 1 });
        ratios.push(weightRatio(r.history[0]!));
      }
      into.push(ratios);
    }
  }
  return { blocks: [...SWEEP_BLOCKS], plain, residual };
}
