/**
 * Turns the shipped loss-landscape slices (public/sweeps/landscape.json, written by
 * `npm run sweep -- --landscape`) into what its figure draws: both nets' slices on one log colour
 * scale with the same contour levels, and their measures in words.
 */
import type { LandscapeRun, LandscapeSpec } from '../../model/landscape-spec';
import type { SweepArm } from '../../model/sweep-spec';
import { activationName, initWords } from '../lab/labels';
import { contourLevels, heatmapScale, type HeatmapScale } from '../plots';

/** The colour scale and contour levels shared by `runs`' slices: the range of all their losses. */
export function sharedScale(runs: readonly LandscapeRun[]): {
  scale: HeatmapScale;
  levels: number[];
} {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of runs)
    for (const v of r.result.losses)
      if (v > 0 && v < Infinity) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  if (!(lo < hi)) [lo, hi] = [1e-3, 1];
  const all = runs.flatMap((r) => r.result.losses);
  const domain: [number, number] = [lo, hi];
  return { scale: heatmapScale(all, domain), levels: contourLevels(domain, 12) };
}

/** The run of `arm` on `seed`. */
export const landscapeOf = (runs: readonly LandscapeRun[], seed: number, arm: SweepArm) =>
  runs.find((r) => r.seed === seed && r.arm === arm);

/** One line on a slice's shape: its centre loss and the two measures the verdicts use. */
export function describeSlice(r: LandscapeRun): string {
  const c = r.result.curvature;
  return (
    `${r.arm}: loss ${r.result.centre.toFixed(3)} at the trained net, ${c.localMinima} local ` +
    `minima on the grid, curving down along the ray from the centre at ` +
    `${(100 * c.radialNegative).toFixed(0)}% of points`
  );
}

/** The slices' configuration in words, for the caption. */
export function describeLandscape(spec: LandscapeSpec): string {
  const b = spec.base;
  return (
    `${b.blocks} blocks, ${b.dataset} data, width ${b.width}, batch ${b.batchSize}, ` +
    `${activationName(b.activation)} with batch norm, ${initWords(b.init)}, pre-activation, residual branches ` +
    `scaled by ${b.branchScale}, Adam at learning rate ${b.learningRate}, ${b.steps} steps; ` +
    `loss on the first ${spec.rows} training points, ${spec.grid} × ${spec.grid} grid, a and b ` +
    `from −${spec.span} to ${spec.span}`
  );
}
