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

/**
 * How far the reader's runs are from the precomputed ones of the same seed and net: the largest
 * difference over every error the figure's runs hold (the intact net, each block deleted alone,
 * each random draw), and how many errors were compared. Null when none of the reader's runs has
 * a precomputed twin. Runs are deterministic, so at the precomputed settings this is rounding:
 * it is what "every claim is one the reader can reproduce" means for this figure.
 */
export function largestDifference(
  shipped: readonly LesionRun[],
  live: readonly LesionRun[],
): { value: number; count: number } | null {
  let value = 0;
  let count = 0;
  for (const mine of live) {
    const theirs = runOf(shipped, mine.seed, mine.arm);
    if (!theirs) continue;
    const a = [
      mine.result.intact,
      ...mine.result.single,
      ...mine.result.random.flatMap((r) => r.errors),
    ];
    const b = [
      theirs.result.intact,
      ...theirs.result.single,
      ...theirs.result.random.flatMap((r) => r.errors),
    ];
    if (a.length !== b.length) continue;
    a.forEach((x, i) => (value = Math.max(value, Math.abs(x - b[i]!))));
    count += a.length;
  }
  return count ? { value, count } : null;
}

/** `largestDifference` in words, for the live panel once a run is done. */
export function differenceText(d: { value: number; count: number } | null): string {
  if (!d) return '';
  const v = d.value === 0 ? '0' : d.value.toPrecision(2);
  return ` Largest difference from the precomputed run, over its ${d.count} test errors: ${v}.`;
}
