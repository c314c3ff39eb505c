/**
 * How the loss-landscape study's outcome is judged: the thresholds, set on seeds 1–3 and
 * checked unchanged on the held-out seeds, and the verdicts for each depth and seed.
 */
import type { SweepArm } from '../nets';
import type { BnStatistics, LandscapeMeasure } from './spec';

/**
 * The verdicts' thresholds, set on seeds 1–3 (measured values in LANDSCAPE_SPEC's comment) and
 * checked unchanged on the held-out seeds.
 * With frozen statistics (Li et al.'s protocol), a sharper plain basin: the loss stays below
 * chance on at most PLAIN_BASIN of the plain net's plane and on at least RESIDUAL_BASIN of the
 * residual net's, and the plain slice's rim is at least RIM_RATIO times higher.
 */
export const PLAIN_BASIN = 0.1;
export const RESIDUAL_BASIN = 0.2;
export const RIM_RATIO = 100;
/** A basin, not a chaotic slice: at most this many local minima (grid and sampling leave a few). */
export const SMOOTH_MINIMA = 5;
/** A chaotic slice: at least this many local minima. */
export const CHAOTIC_MINIMA = 20;
/**
 * With frozen statistics, from the shallowest depth to the deepest, the plain slice's rim rises
 * at least PLAIN_STEEPENING-fold, the residual one's at most RESIDUAL_STEEPENING-fold.
 */
export const PLAIN_STEEPENING = 1000;
export const RESIDUAL_STEEPENING = 10;

/** What one depth and seed show. */
export interface LandscapeVerdict {
  blocks: number;
  seed: number;
  /** Both nets reached the training rule's target loss. */
  bothTrained: boolean;
  /** Frozen statistics: the plain basin is far narrower and its rim far higher than the residual's. */
  frozenPlainSharper: boolean;
  /** Frozen statistics: both slices are basins, with at most SMOOTH_MINIMA local minima. */
  frozenBothBasins: boolean;
  /** Recomputed statistics: the plain slice is chaotic, the residual one a basin. */
  recomputedPlainChaotic: boolean;
}

/** What one seed shows across depths (frozen statistics). */
export interface LandscapeDepthVerdict {
  seed: number;
  /** The plain rim rises at least PLAIN_STEEPENING-fold from the shallowest depth to the deepest. */
  plainSteepens: boolean;
  /** The residual rim rises at most RESIDUAL_STEEPENING-fold over the same depths. */
  residualSteepensLittle: boolean;
}

/** The run (or measure) of `arm` at `blocks` blocks, seed `seed`, with `statistics`. */
export const landscapeOf = <R extends LandscapeMeasure>(
  runs: readonly R[],
  seed: number,
  blocks: number,
  statistics: BnStatistics,
  arm: SweepArm,
) =>
  runs.find(
    (r) => r.seed === seed && r.blocks === blocks && r.statistics === statistics && r.arm === arm,
  );

/** Judges each depth and seed of `runs` (in the order they first appear). */
export function landscapeVerdicts(runs: readonly LandscapeMeasure[]): LandscapeVerdict[] {
  const keys = [...new Set(runs.map((r) => `${r.blocks}:${r.seed}`))];
  return keys.map((key) => {
    const [blocks, seed] = key.split(':').map(Number) as [number, number];
    const of = (statistics: BnStatistics, arm: SweepArm) =>
      landscapeOf(runs, seed, blocks, statistics, arm);
    const [fp, fr] = [of('frozen', 'plain'), of('frozen', 'residual')];
    const [rp, rr] = [of('recomputed', 'plain'), of('recomputed', 'residual')];
    const any = [fp, fr, rp, rr].filter((r) => r !== undefined);
    const bothTrained =
      any.some((r) => r.arm === 'plain') &&
      any.some((r) => r.arm === 'residual') &&
      any.every((r) => r.trained.reached);
    const frozenPlainSharper =
      !!fp &&
      !!fr &&
      fp.result.basin.belowChance <= PLAIN_BASIN &&
      fr.result.basin.belowChance >= RESIDUAL_BASIN &&
      fp.result.basin.rimMedian >= RIM_RATIO * fr.result.basin.rimMedian;
    const frozenBothBasins =
      !!fp &&
      !!fr &&
      fp.result.curvature.localMinima <= SMOOTH_MINIMA &&
      fr.result.curvature.localMinima <= SMOOTH_MINIMA;
    const recomputedPlainChaotic =
      !!rp &&
      !!rr &&
      rp.result.curvature.localMinima >= CHAOTIC_MINIMA &&
      rr.result.curvature.localMinima <= SMOOTH_MINIMA;
    return {
      blocks,
      seed,
      bothTrained,
      frozenPlainSharper,
      frozenBothBasins,
      recomputedPlainChaotic,
    };
  });
}

/** Judges each seed of `runs` across its depths, with frozen statistics. */
export function landscapeDepthVerdicts(runs: readonly LandscapeMeasure[]): LandscapeDepthVerdict[] {
  const frozen = runs.filter((r) => r.statistics === 'frozen');
  const seeds = [...new Set(frozen.map((r) => r.seed))];
  return seeds.map((seed) => {
    const rise = (arm: SweepArm) => {
      const mine = frozen.filter((r) => r.seed === seed && r.arm === arm);
      if (mine.length < 2) return NaN;
      const by = [...mine].sort((a, b) => a.blocks - b.blocks);
      return by.at(-1)!.result.basin.rimMedian / by[0]!.result.basin.rimMedian;
    };
    return {
      seed,
      plainSteepens: rise('plain') >= PLAIN_STEEPENING,
      residualSteepensLittle: rise('residual') <= RESIDUAL_STEEPENING,
    };
  });
}
