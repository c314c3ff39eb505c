/**
 * Turns the shipped path-length study (public/sweeps/paths.json, written by
 * `npm run sweep -- --paths`) into what its figure draws: how the paths of a net are spread over
 * lengths, how the gradient is spread over them at initialisation and after training, and the
 * gradient one path of each length carries.
 */
import {
  decayPerBlock,
  effectiveLengths,
  gradientShares,
  pathShareBetween,
  pathShares,
  type PathsRun,
  type PathsSpec,
} from '../../model/paths-spec';
import { activationName } from '../lab/labels';
import { PLOT_COLORS, type CurveSeries } from '../plots';

const PHASES = [
  { key: 'init', label: 'gradient at initialisation', color: PLOT_COLORS.a },
  { key: 'trained', label: 'gradient after training', color: PLOT_COLORS.b },
] as const;

/** The share of paths of each length (0 … n) and, for `run`, the share of gradient magnitude. */
export function shareSeries(n: number, run: PathsRun | undefined, live = false): CurveSeries[] {
  const x = Array.from({ length: n + 1 }, (_, k) => k);
  const paths: CurveSeries[] = live
    ? []
    : [{ id: 'paths', label: 'paths', color: PLOT_COLORS.reference, x, y: pathShares(n) }];
  if (!run) return paths;
  return [
    ...paths,
    ...PHASES.map((p) => ({
      id: live ? `${p.key}-live` : p.key,
      label: live ? `${p.label}, your run` : p.label,
      color: p.color,
      dashed: live,
      x,
      y: gradientShares(run[p.key]),
    })),
  ];
}

/** The mean gradient one path of each length carries, at initialisation and after training. */
export function perPathSeries(run: PathsRun | undefined, live = false): CurveSeries[] {
  if (!run) return [];
  return PHASES.map((p) => ({
    id: live ? `${p.key}-live` : p.key,
    label: live ? `${p.label}, your run` : p.label,
    color: p.color,
    dashed: live,
    x: run[p.key].map((r) => r.k),
    // Exact zeros (products that underflow float32) are marked on the log axis by CurvePlot.
    y: run[p.key].map((r) => r.perPath),
  }));
}

const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;

/** One sentence on what `run` shows, with its figures, for a net of `n` blocks. */
export function describePathsRun(run: PathsRun, n: number): string {
  const at = (rows: PathsRun['init']) => {
    const e = effectiveLengths(rows);
    return `paths of ${e.from} to ${e.to} blocks (${pct(pathShareBetween(n, e.from, e.to))} of all paths)`;
  };
  return (
    `Seed ${run.seed}: 90% of the gradient magnitude comes from ${at(run.init)} at ` +
    `initialisation and from ${at(run.trained)} after training. Each further block on a path ` +
    `multiplies its gradient by about ${decayPerBlock(run.init).toFixed(2)} at initialisation ` +
    `and ${decayPerBlock(run.trained).toFixed(2)} after training.`
  );
}

/** The study's configuration in words, for the caption. */
export function describePaths(spec: PathsSpec): string {
  const b = spec.base;
  return (
    `the residual net of the lesion figure: ${b.blocks} pre-activation blocks, ${b.dataset} data, ` +
    `width ${b.width}, ${activationName(b.activation)} with batch norm, branches scaled by ${b.branchScale}, ` +
    `Adam at learning rate ${b.learningRate}, ${b.steps} steps; measured on the first training ` +
    `batch (${b.batchSize} points), ${spec.samples} paths sampled per length (every path where ` +
    `there are fewer)`
  );
}
