/**
 * Turns the shipped path-length study (public/sweeps/paths.json, written by
 * `npm run sweep -- --paths`) into what its figure draws: how the paths of a net are spread over
 * lengths, how the exact gradient is spread over them at initialisation and after training, and
 * the gradient one (sampled) path of each length carries.
 */
import {
  decayPerBlock,
  gradientShares,
  lengthCancellation,
  meanLength,
  pathCancellation,
  pathShareBetween,
  pathShares,
  shareUpTo,
  shortLength,
  type PathGradients,
  type PathsRun,
  type PathsSpec,
} from '../../../model/studies/paths/spec';
import { activationName } from '../../common/configWords';
import { PLOT_COLORS, type CurveSeries } from '../../plots';
import { compareRuns, type Comparison } from '../live/liveComparison';

/**
 * The depths a reader's live measurement can take besides the precomputed one (the lesion
 * figure's nets, whose depths it shares): each measured in Chromium here (the figure's browser
 * test runs the smallest).
 */
export const LIVE_PATHS_DEPTHS = [8, 16, 24, 32] as const;

const PHASES = [
  { key: 'init', label: 'gradient at initialisation', color: PLOT_COLORS.a },
  { key: 'trained', label: 'gradient after training', color: PLOT_COLORS.b },
] as const;

/**
 * The series of `run` at both phases, `y` picked from each measurement; a run of the reader's
 * (`live`) is labelled as such and drawn with markers.
 */
function phaseSeries(
  run: PathsRun | undefined,
  live: boolean,
  y: (m: PathGradients) => number[],
): CurveSeries[] {
  if (!run) return [];
  return PHASES.map((p) => ({
    id: live ? `${p.key}-live` : p.key,
    label: live ? `${p.label}, your run` : p.label,
    color: p.color,
    markers: live,
    x: run[p.key].rows.map((r) => r.k),
    y: y(run[p.key]),
  }));
}

/** The share of each length k = 0 … n among the 2ⁿ paths of a net of `n` blocks. */
const pathsSeries = (n: number, id: string, label: string, markers: boolean): CurveSeries => ({
  id,
  label,
  color: PLOT_COLORS.reference,
  markers,
  x: Array.from({ length: n + 1 }, (_, k) => k),
  y: pathShares(n),
});

/**
 * The share of paths of each length (0 … n) and, for `run`, each length's share of the gradient.
 * A run of the reader's at another depth (`liveBlocks`, not `n`) brings its own share of paths.
 */
export function shareSeries(
  n: number,
  run: PathsRun | undefined,
  live = false,
  liveBlocks = n,
): CurveSeries[] {
  const paths = !live
    ? [pathsSeries(n, 'paths', 'paths', false)]
    : run && liveBlocks !== n
      ? [pathsSeries(liveBlocks, 'paths-live', 'paths, your run', true)]
      : [];
  return [...paths, ...phaseSeries(run, live, gradientShares)];
}

/** The mean gradient one sampled path of each length carries, at initialisation and after training. */
export function perPathSeries(run: PathsRun | undefined, live = false): CurveSeries[] {
  // Exact zeros (products that underflow float32) are marked on the log axis by CurvePlot.
  return phaseSeries(run, live, (m) => m.rows.map((r) => r.perPath));
}

/**
 * How far the reader's measurement (of a net of `blocks` blocks) is from the precomputed one of
 * the same seed and branch scale, over each length's share of the gradient at initialisation and
 * after training; a net of another depth or scale has nothing to compare with.
 */
export function pathsComparison(
  file: { spec: PathsSpec; runs: readonly PathsRun[] },
  run: PathsRun,
  blocks: number,
): Comparison {
  const shipped = blocks === file.spec.base.blocks ? file.runs : [];
  return compareRuns(shipped, [run], {
    twin: (mine, theirs) => mine.seed === theirs.seed && mine.branchScale === theirs.branchScale,
    values: (r) => [...gradientShares(r.init), ...gradientShares(r.trained)],
  });
}

/** The spec of a live measurement of the net of `blocks` blocks at branch scale `scale`. */
export function pathsSpecAt(spec: PathsSpec, blocks: number, scale: number): PathsSpec {
  return { ...spec, base: { ...spec.base, blocks }, branchScales: [scale] };
}

const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;
/** A cancellation factor: one decimal below 10, whole numbers with thousands separated above. */
const times = (v: number) =>
  v < 10 ? v.toFixed(1) : String(Math.round(v)).replace(/\B(?=(\d{3})+$)/g, ',');

/** What `run`, a net of `n` blocks, shows, with its figures. */
export function describePathsRun(run: PathsRun, n: number): string {
  const short = shortLength(n);
  const { init, trained } = run;
  return (
    `Seed ${run.seed}, branch scale ${run.branchScale}: paths of at most ${short} blocks ` +
    `(${pct(pathShareBetween(n, 0, short))} of all paths) carry ` +
    `${pct(shareUpTo(init, short))} of the lengths' summed gradient sizes at initialisation and ` +
    `${pct(shareUpTo(trained, short))} after training; weighted by gradient, the mean path is ` +
    `${meanLength(init).toFixed(1)} blocks long before training and ` +
    `${meanLength(trained).toFixed(1)} after. Added as magnitudes, the lengths' exact gradients ` +
    `come to ${times(lengthCancellation(init))} times the gradient at initialisation and ` +
    `${times(lengthCancellation(trained))} times after training, the sampled single paths' to ` +
    `${times(pathCancellation(init))} and ${times(pathCancellation(trained))} times. One more ` +
    `block multiplies a path's gradient by about ${decayPerBlock(init).toFixed(2)} at ` +
    `initialisation and ${decayPerBlock(trained).toFixed(2)} after training.`
  );
}

/** The study's configuration in words, for the caption. */
export function describePaths(spec: PathsSpec): string {
  const b = spec.base;
  return (
    `the residual net of the lesion figure: ${b.blocks} pre-activation blocks, ${b.dataset} data, ` +
    `width ${b.width}, ${activationName(b.activation)} with batch norm, branches scaled by ` +
    `${spec.branchScales.join(' or ')}, Adam at learning rate ${b.learningRate}, ${b.steps} steps; ` +
    `measured on the first training batch (${b.batchSize} points): the gradient of each length ` +
    `exactly, single paths from ${spec.samples} sampled per length (every path where there are fewer)`
  );
}
