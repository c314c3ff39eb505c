/**
 * Turns the shipped lesion study (public/sweeps/lesion.json, written by
 * `npm run sweep -- --lesion`) into what its figure draws: the test error with each single block
 * deleted, and the mean test error with k random blocks deleted, plain against residual.
 */
import { meanByK, type LesionRun, type LesionSpec } from '../../../model/studies/lesion/spec';
import type { SweepArm } from '../../../model/studies/degradation/spec';
import { activationName } from '../../common/configWords';
import { PLOT_COLORS, type CurveSeries } from '../../plots';
import { compareRuns, type Comparison } from '../live/liveComparison';

const ARM_COLOR: Record<SweepArm, string> = { plain: PLOT_COLORS.a, residual: PLOT_COLORS.b };

/**
 * The depths a reader's live study can take: the precomputed one and a few others that train in
 * a browser in reasonable time (measured: see the lesion figure's browser test).
 */
export const LIVE_LESION_DEPTHS = [8, 16, 24, 32] as const;

const runOf = (runs: readonly LesionRun[], seed: number, arm: SweepArm) =>
  runs.find((r) => r.seed === seed && r.arm === arm);

/** A series' name and style: the reader's are drawn with markers beside the precomputed ones. */
const styled = (arm: SweepArm, live: boolean) => ({
  id: live ? `${arm}-live` : arm,
  label: live ? `${arm}, your run` : arm,
  color: ARM_COLOR[arm],
  markers: live,
});

/**
 * Test error with block 1 … n deleted alone, plain and residual, on `seed`; the reader's runs
 * (`live`) are labelled as such and drawn with markers.
 */
export function singleDeletions(
  runs: readonly LesionRun[],
  seed: number,
  live = false,
): CurveSeries[] {
  return (['plain', 'residual'] as const).flatMap((arm) => {
    const r = runOf(runs, seed, arm);
    if (!r) return [];
    const s = styled(arm, live);
    return [
      {
        ...s,
        label: `${s.label} (intact: ${(100 * r.result.intact).toFixed(1)}% error)`,
        x: r.result.single.map((_, i) => i + 1),
        y: r.result.single,
      },
    ];
  });
}

/**
 * Mean test error over the draws against the number of blocks deleted (0 = intact), on `seed`;
 * `live` as in singleDeletions.
 */
export function randomDeletions(
  runs: readonly LesionRun[],
  seed: number,
  live = false,
): CurveSeries[] {
  return (['plain', 'residual'] as const).flatMap((arm) => {
    const r = runOf(runs, seed, arm);
    if (!r) return [];
    const byK = meanByK(r.result);
    return [
      {
        ...styled(arm, live),
        x: [0, ...byK.map((p) => p.k)],
        y: [r.result.intact, ...byK.map((p) => p.error)],
      },
    ];
  });
}

/**
 * The spec of a live study of `blocks` blocks: the shipped one at that depth, with as large a
 * share of the blocks deleted together at most (half of them).
 */
export function lesionSpecAt(spec: LesionSpec, blocks: number): LesionSpec {
  const kMax = Math.max(1, Math.round((spec.kMax * blocks) / spec.base.blocks));
  return { ...spec, base: { ...spec.base, blocks }, kMax };
}

/** The study's configuration in words, for the caption. */
export function describeLesion(spec: LesionSpec): string {
  const b = spec.base;
  return (
    `${b.blocks} blocks, ${b.dataset} data, width ${b.width}, batch ${b.batchSize}, ` +
    `${activationName(b.activation)} with batch norm, pre-activation, residual branches scaled by ${b.branchScale}, ` +
    `Adam at learning rate ${b.learningRate}, ${b.steps} steps; ${spec.draws} random draws for each ` +
    `number of deleted blocks`
  );
}

/**
 * How far the reader's runs (of `blocks` blocks) are from the precomputed ones of the same seed
 * and net, over every error a run holds (the intact net, each block deleted alone, each random
 * draw); a run of another depth than the precomputed one has nothing to compare with.
 */
export function lesionComparison(
  file: { spec: LesionSpec; runs: readonly LesionRun[] },
  live: readonly LesionRun[],
  blocks: number,
): Comparison {
  const shipped = blocks === file.spec.base.blocks ? file.runs : [];
  return compareRuns(shipped, live, {
    twin: (mine, theirs) => mine.seed === theirs.seed && mine.arm === theirs.arm,
    values: ({ result: r }) => [r.intact, ...r.single, ...r.random.flatMap((d) => d.errors)],
  });
}
