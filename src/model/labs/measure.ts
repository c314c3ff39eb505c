/**
 * Trains what claims.ts describes, on wasm or cpu, seed by seed (`npm run claims` calls these in
 * turn and writes claims.json). Each function reports what it starts next through `onProgress`,
 * because the whole file takes about an hour on this machine.
 */
import { type ExperimentConfig } from '../engine/config';
import { loadDataset, type DigitsLoader } from '../engine/data';
import { runExperiment } from '../engine/experiment';
import {
  CLAIM_SEEDS,
  EXTRA_RUNS,
  extraConfig,
  forwardGrowth,
  HELD_OUT_SEEDS,
  HERO_DEPTHS,
  heroConfig,
  SWEEP_BLOCKS,
  sweepConfigs,
  VANISHING_DEPTHS,
  vanishingDepthConfigs,
  weightRatio,
  type ClaimsData,
  type DepthRuns,
  type ExtraId,
  type NetClaims,
  type PresetClaims,
  type SeedRuns,
  type Step0,
} from './claims';
import { allPresets, type PresetId } from './presets';
import { claimHolds, type RunOutcome } from './verdict';

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
