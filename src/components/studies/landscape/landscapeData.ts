/**
 * Turns the shipped loss-landscape slices (public/sweeps/landscape.json, written by
 * `npm run sweep -- --landscape`) into what its figure draws: both nets' slices on one log colour
 * scale with the same contour levels, and their training and measures in words.
 */
import type {
  BnStatistics,
  LandscapeRun,
  LandscapeSpec,
} from '../../../model/studies/landscape/spec';
import { activationName, initWords } from '../../common/configWords';
import { contourLevels, formatValue, heatmapScale, type HeatmapScale } from '../../plots';
import { compareRuns, type Comparison } from '../live/liveComparison';

/**
 * Depths a live run can take that the precomputed slices do not have: at 4 blocks both nets reach
 * the target loss within a few dozen steps, so the run is among the figure's quickest.
 */
export const LIVE_ONLY_LANDSCAPE_DEPTHS = [4] as const;

/**
 * How far the reader's slices are from the precomputed ones of the same seed, depth, statistics
 * and net, relative to each loss (the losses of a plain net's slice span eight decades).
 */
export function landscapeComparison(
  shipped: readonly LandscapeRun[],
  live: readonly LandscapeRun[],
): Comparison {
  return compareRuns(shipped, live, {
    twin: (mine, theirs) =>
      mine.seed === theirs.seed &&
      mine.blocks === theirs.blocks &&
      mine.statistics === theirs.statistics &&
      mine.arm === theirs.arm,
    values: (r) => r.result.losses,
    relative: true,
  });
}

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

/**
 * The fewest and most steps the plain nets of `blocks` blocks took to reach the target loss, over
 * the seeds of `runs` (each net counted once); null without such nets.
 */
export function plainSteps(runs: readonly LandscapeRun[], blocks: number): [number, number] | null {
  const steps = runs
    .filter((r) => r.arm === 'plain' && r.blocks === blocks && r.statistics === 'frozen')
    .map((r) => r.trained.steps);
  return steps.length ? [Math.min(...steps), Math.max(...steps)] : null;
}

/** The options of the figure's statistics control. */
export const STATISTICS_LABEL: Record<BnStatistics, string> = {
  frozen: 'Frozen at the trained net (Li et al.)',
  recomputed: 'Recomputed at each point',
};

const percent = (v: number) => `${(100 * v).toFixed(0)}%`;
const num = (v: number) => formatValue(v, { zero: 'plain' });

/** How a net was trained, in words: its steps and where its training loss stopped. */
export function describeTraining(r: LandscapeRun): string {
  const t = r.trained;
  return (
    `${r.arm}: trained ${t.steps} steps to a training loss of ${t.loss.toFixed(3)} ` +
    `(accuracy ${percent(t.accuracy)})${t.reached ? '' : ', short of the target'}`
  );
}

/** One line on a slice's shape: the loss at the trained net, the basin, minima and curvature. */
export function describeSlice(r: LandscapeRun): string {
  const { centre, lowest, basin, curvature: c } = r.result;
  const where =
    lowest.a === 0 && lowest.b === 0
      ? 'the lowest point of the grid'
      : `the grid's lowest point is ${num(lowest.loss)} at a ${num(lowest.a)}, b ${num(lowest.b)}`;
  return (
    `${r.arm}: loss ${num(centre)} at the trained net (${where}); below chance on ` +
    `${percent(basin.belowChance)} of the plane, median ${num(basin.rimMedian)} on its rim; ` +
    `${c.localMinima} local minim${c.localMinima === 1 ? 'um' : 'a'} on the grid (points ` +
    `clearly below all eight neighbours); curving ` +
    `down along the ray from the centre at ${percent(c.radialNegative)} of points`
  );
}

/** The slices' configuration in words, for the caption. */
export function describeLandscape(spec: LandscapeSpec): string {
  const b = spec.base;
  return (
    `${spec.depths.join(', ')} blocks, ${b.dataset} data, width ${b.width}, batch ` +
    `${b.batchSize}, ${activationName(b.activation)} with batch norm, ${initWords(b.init)}, ` +
    `pre-activation, residual branches scaled by ${b.branchScale}, Adam at learning rate ` +
    `${b.learningRate}, each net trained until its training loss is at most ` +
    `${spec.training.targetLoss} (checked every ${spec.training.checkEvery} steps, at most ` +
    `${b.steps}); loss on the first ${spec.rows} training points, ${spec.grid} × ${spec.grid} ` +
    `grid, a and b from −${spec.span} to ${spec.span}`
  );
}
