/**
 * Turns the shipped lesion study (public/sweeps/lesion.json, written by
 * `npm run sweep -- --lesion`) into what its figure draws: the test error with each single block
 * deleted, and the mean test error with k random blocks deleted, plain against residual.
 */
import { meanByK, type LesionRun, type LesionSpec } from '../../model/lesion-spec';
import type { SweepArm } from '../../model/sweep-spec';
import { activationName } from '../lab/labels';
import { PLOT_COLORS, type CurveSeries } from '../plots';

const ARM_COLOR: Record<SweepArm, string> = { plain: PLOT_COLORS.a, residual: PLOT_COLORS.b };

const runOf = (runs: readonly LesionRun[], seed: number, arm: SweepArm) =>
  runs.find((r) => r.seed === seed && r.arm === arm);

/**
 * Test error with block 1 … n deleted alone, plain and residual, on `seed`; `live` runs are
 * labelled as the reader's and drawn dashed.
 */
export function singleDeletions(
  runs: readonly LesionRun[],
  seed: number,
  live = false,
): CurveSeries[] {
  return (['plain', 'residual'] as const).flatMap((arm) => {
    const r = runOf(runs, seed, arm);
    if (!r) return [];
    const intact = `intact: ${(100 * r.result.intact).toFixed(1)}% error`;
    return [
      {
        id: live ? `${arm}-live` : arm,
        label: live ? `${arm}, your run (${intact})` : `${arm} (${intact})`,
        color: ARM_COLOR[arm],
        dashed: live,
        x: r.result.single.map((_, i) => i + 1),
        y: r.result.single,
      },
    ];
  });
}

/**
 * Mean test error over the draws against the number of blocks deleted (0 = intact), on `seed`;
 * `live` runs as in singleDeletions.
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
        id: live ? `${arm}-live` : arm,
        label: live ? `${arm}, your run` : arm,
        color: ARM_COLOR[arm],
        dashed: live,
        x: [0, ...byK.map((p) => p.k)],
        y: [r.result.intact, ...byK.map((p) => p.error)],
      },
    ];
  });
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
