/**
 * What `npm run claims` measures: every preset's networks trained on seeds 1–3 (their step-0
 * gradient profile and their final evaluation), and the depth sweep the article quotes. The
 * article imports the result (src/model/labs/claims.json) for every number it states about our
 * labs, so a number on the page is always one this engine produced at a named configuration.
 */
import { parseConfig, type ExperimentConfig } from '../engine/config';
import { loadDataset, type DigitsLoader } from '../engine/data';
import { runExperiment, type StepRecord } from '../engine/experiment';
import { allPresets, preset, type PresetId } from './presets';
import { claimHolds, type RunOutcome } from './verdict';

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

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

function emptyRuns(): SeedRuns {
  return {
    weightRatio: [],
    forwardGrowth: [],
    trainLoss: [],
    testAccuracy: [],
    diverged: [],
    divergedAtStep: [],
  };
}

/** Trains `config` on each of `seeds`; returns its runs, outcomes and the first seed's step 0. */
async function measureSeeds(
  config: ExperimentConfig,
  seeds: readonly number[],
  loadDigits?: DigitsLoader,
): Promise<{ runs: SeedRuns; outcomes: RunOutcome[]; step0: Step0 }> {
  const runs = emptyRuns();
  const outcomes: RunOutcome[] = [];
  let step0: Step0 | null = null;
  for (const seed of seeds) {
    const r = await runExperiment({ ...config, seed }, { loadDigits });
    const dataset = await loadDataset(config.dataset, seed, loadDigits);
    const first = r.history[0]!;
    step0 ??= {
      loss: first.loss,
      accuracy: first.accuracy,
      gradNorms: Array.from(first.gradNorms),
      signalGradNorms: Array.from(first.signalGradNorms),
      activationNorms: Array.from(first.activationNorms),
    };
    runs.weightRatio.push(weightRatio(first));
    runs.forwardGrowth.push(forwardGrowth(first));
    runs.trainLoss.push(finiteOrNull(r.final.trainLoss));
    runs.testAccuracy.push(r.final.testAccuracy);
    runs.diverged.push(r.final.diverged);
    runs.divergedAtStep.push(r.final.divergedAtStep);
    outcomes.push({ ...r.final, classes: dataset.numClasses });
  }
  return { runs, outcomes, step0: step0! };
}

/** Trains `config` on the claim seeds and the held-out seeds and collects its NetClaims. */
async function measureNet(
  config: ExperimentConfig,
  loadDigits?: DigitsLoader,
  heldOut = true,
): Promise<{ claims: NetClaims; outcomes: RunOutcome[]; heldOutOutcomes: RunOutcome[] }> {
  const claimed = await measureSeeds(config, CLAIM_SEEDS, loadDigits);
  const other = heldOut
    ? await measureSeeds(config, HELD_OUT_SEEDS, loadDigits)
    : { runs: emptyRuns(), outcomes: [] };
  return {
    claims: { config, ...claimed.runs, heldOut: other.runs, step0: claimed.step0 },
    outcomes: claimed.outcomes,
    heldOutOutcomes: other.outcomes,
  };
}

/** Every preset on every claim seed and held-out seed. `onProgress` names what runs next. */
export async function measurePresets(
  loadDigits?: DigitsLoader,
  onProgress?: (what: string) => void,
): Promise<Record<PresetId, PresetClaims>> {
  const out = {} as Record<PresetId, PresetClaims>;
  for (const p of allPresets()) {
    const nets: NetClaims[] = [];
    const perNet: RunOutcome[][] = [];
    const perNetHeldOut: RunOutcome[][] = [];
    for (const [i, config] of p.nets.entries()) {
      onProgress?.(`${p.id} net ${'AB'[i]}`);
      const { claims, outcomes, heldOutOutcomes } = await measureNet(config, loadDigits);
      nets.push(claims);
      perNet.push(outcomes);
      perNetHeldOut.push(heldOutOutcomes);
    }
    const judge = (outcomes: RunOutcome[][], seeds: readonly number[]) =>
      seeds.map((_, s) =>
        claimHolds(
          p.claim,
          outcomes.map((o) => o[s]!),
        ),
      );
    out[p.id] = {
      nets,
      holds: judge(perNet, CLAIM_SEEDS),
      heldOutHolds: judge(perNetHeldOut, HELD_OUT_SEEDS),
    };
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
    // Extras are reported, not judged: no threshold rests on them, so no held-out seeds.
    out[id] = (await measureNet(extraConfig(id), undefined, false)).claims;
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

/** The opening figure's nets: the vanishing lab's, with and without shortcuts, at `blocks`. */
export function heroConfig(skip: 'identity' | 'none', blocks: number): ExperimentConfig {
  return parseConfig({ ...preset('vanishing').nets[1], skip, blocks });
}

/** The opening figure's precomputed profiles: step 0 of each hero net, seed 1. */
export async function measureHero(
  onProgress?: (what: string) => void,
): Promise<ClaimsData['hero']> {
  const profiles = { identity: [] as number[][], none: [] as number[][] };
  for (const blocks of HERO_DEPTHS) {
    onProgress?.(`opening figure, ${blocks} blocks`);
    for (const skip of ['identity', 'none'] as const) {
      const r = await runExperiment(heroConfig(skip, blocks), { steps: 1 });
      profiles[skip].push(Array.from(r.history[0]!.gradNorms));
    }
  }
  return { depths: [...HERO_DEPTHS], ...profiles };
}

/** The configurations of the vanishing lab's depth strip. */
export function vanishingDepthConfigs(): { plain: ExperimentConfig; residual: ExperimentConfig }[] {
  const [plain, residual] = preset('vanishing').nets;
  return VANISHING_DEPTHS.map((blocks) => ({
    plain: parseConfig({ ...plain, blocks }),
    residual: parseConfig({ ...residual, blocks }),
  }));
}

/** The vanishing lab's nets trained at each depth on every claim and held-out seed. */
export async function measureVanishingDepths(
  onProgress?: (what: string) => void,
): Promise<ClaimsData['vanishingDepths']> {
  const seeds = [...CLAIM_SEEDS, ...HELD_OUT_SEEDS];
  const arms = {
    plain: { trainLoss: [], testAccuracy: [] } as DepthRuns,
    residual: { trainLoss: [], testAccuracy: [] } as DepthRuns,
  };
  for (const c of vanishingDepthConfigs()) {
    onProgress?.(`vanishing depths, ${c.plain.blocks} blocks`);
    for (const arm of ['plain', 'residual'] as const) {
      const { runs } = await measureSeeds(c[arm], seeds);
      arms[arm].trainLoss.push(runs.trainLoss);
      arms[arm].testAccuracy.push(runs.testAccuracy);
    }
  }
  return { blocks: [...VANISHING_DEPTHS], seeds, ...arms };
}
