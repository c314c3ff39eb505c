/**
 * The path-length figure's experiment: how much gradient the paths of each length carry to the
 * first block of a residual net, at initialisation and after training (path-gradients.ts,
 * Veit et al. 2016, Fig. 6). What it measures, what it records and how its outcome is judged live
 * here, without tfjs, so that the page can draw shipped results.
 *
 * The nets are the residual nets of the lesion figure (ANALYSED_NET in study-nets.ts): 24
 * pre-activation sigmoid blocks with batch norm, branches scaled by 0.15, trained on the circles
 * data. The two figures then look at one network from two sides: which blocks it can lose, and
 * which paths train it. The same nets with unscaled branches (branch scale 1) show how much of
 * the result belongs to the scale, which shrinks every branch and so favours short paths.
 *
 * The gradient of each length is exact (the sum of all its paths' terms, path-gradients.ts), so
 * every share and verdict here is computed without sampling; only Veit et al.'s per-path measure,
 * the norm of one path's term, comes from sampled paths, and `pathCancellation` with it.
 */
import { parseConfig, type ExperimentConfig } from '../../engine/config';
import { ANALYSED_NET } from '../nets';

/** What the path-length figure measures. */
export interface PathsSpec {
  /** A pre-activation residual net; everything but `seed` and `branchScale`. */
  base: ExperimentConfig;
  /** The branch scales the nets are built with; the first is the one the figure opens with. */
  branchScales: readonly number[];
  /** The seeds the page reports, which set the verdicts' thresholds. */
  seeds: readonly number[];
  /** Seeds that set nothing and only check the verdicts; measured like the others. */
  heldOutSeeds: readonly number[];
  /** The gradient of each path length is computed exactly (not sampled). */
  exact: true;
  /** Paths sampled per length for the per-path measure (every path where a length has fewer). */
  samples: number;
}

export const PATHS_SPEC: PathsSpec = {
  base: parseConfig({ ...ANALYSED_NET, skip: 'identity' }),
  branchScales: [ANALYSED_NET.branchScale, 1],
  seeds: [1, 2, 3],
  heldOutSeeds: [4, 5, 6],
  exact: true,
  samples: 16,
};

/** Where the shipped measurements live, relative to the app's base URL (and under public/). */
export const PATHS_FILE = 'sweeps/paths.json';

/** The numbers the article states about them (pathsNumbers), relative to the repository. */
export const PATHS_NUMBERS_FILE = 'src/content/pathsNumbers.json';

/** What one measurement records for one path length k = 0 … n. */
export interface PathLengthRow {
  k: number;
  /**
   * ‖G_k‖ over the batch: the norm of the exact gradient that all C(n, k) paths of length k
   * deliver to x_0 together (their terms added as vectors).
   */
  norm: number;
  /**
   * ⟨G_k, ∂L/∂x_0⟩ / ‖∂L/∂x_0‖²: the part of the gradient, along its own direction, that paths of
   * length k deliver. The parts of all lengths add up to 1 exactly; a part can be negative.
   */
  along: number;
  /** Mean norm of one path's term over the sampled paths of length k (Veit et al.'s measure). */
  perPath: number;
  /** Paths sampled (all of them when C(n, k) is at most `samples`). */
  sampled: number;
}

/** Gradient by path length on one batch (path-gradients.ts). */
export interface PathGradients {
  /** One row per length k = 0 … n. */
  rows: PathLengthRow[];
  /** ‖∂L/∂x_0‖ over the batch, by autodiff through the whole forward pass. */
  gradientNorm: number;
  /** ‖Σ_k G_k − ∂L/∂x_0‖ / ‖∂L/∂x_0‖: rounding only, as the lengths' gradients add up to it. */
  sumError: number;
}

/** One net's measurements: on the first training batch, before the first step and after the last. */
export interface PathsRun {
  seed: number;
  branchScale: number;
  init: PathGradients;
  trained: PathGradients;
  /** Test error of the trained net, batch norm in inference mode. */
  testError: number;
}

/** A finished study, as `npm run sweep -- --paths` writes it. */
export interface PathsFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: PathsSpec;
  /** Every seed (reported, then held out) at every branch scale. */
  runs: PathsRun[];
}

/** The seeds a study measures: those the page reports, then the held-out ones. */
export function pathsSeeds(spec: PathsSpec): number[] {
  return [...spec.seeds, ...spec.heldOutSeeds];
}

/** The config of `spec` for `seed` at branch scale `branchScale`. */
export function pathsConfig(spec: PathsSpec, seed: number, branchScale: number): ExperimentConfig {
  return parseConfig({ ...spec.base, seed, branchScale });
}

/** Binomial coefficient C(n, k) as a float (exact up to 2^53). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
  return c;
}

/** Share of the 2ⁿ paths that pass through exactly k blocks, for k = 0 … n. */
export function pathShares(n: number): number[] {
  return Array.from({ length: n + 1 }, (_, k) => choose(n, k) / 2 ** n);
}

/**
 * Share of each length in Σ_j ‖G_j‖, the exact gradients of the lengths added as magnitudes.
 * The G_k point in different directions and partly cancel (lengthCancellation), so these are
 * shares of a sum of magnitudes, not a split of ‖∂L/∂x_0‖; `along` is that split.
 */
export function gradientShares(m: PathGradients): number[] {
  const sum = m.rows.reduce((s, r) => s + r.norm, 0);
  return m.rows.map((r) => (sum > 0 ? r.norm / sum : 0));
}

/** The length whose paths deliver the largest gradient together (largest ‖G_k‖). */
export function peakLength(m: PathGradients): number {
  return m.rows.reduce((best, r) => (r.norm > best.norm ? r : best), m.rows[0]!).k;
}

/** Σ_k k · share_k: the mean path length, weighted by the share of each length's gradient. */
export function meanLength(m: PathGradients): number {
  return gradientShares(m).reduce((s, share, k) => s + k * share, 0);
}

/**
 * Σ_k ‖G_k‖ / ‖∂L/∂x_0‖ (exact): how much the lengths' gradients cancel when they add up. The
 * terms of single paths cancel at least as much (the triangle inequality), usually far more.
 */
export function lengthCancellation(m: PathGradients): number {
  return m.rows.reduce((s, r) => s + r.norm, 0) / m.gradientNorm;
}

/**
 * Σ_k C(n, k) · perPath_k / ‖∂L/∂x_0‖: the single paths' terms added as magnitudes (Veit et al.'s
 * total, estimated from the sampled paths) against the gradient they add up to as vectors.
 */
export function pathCancellation(m: PathGradients): number {
  const n = m.rows.length - 1;
  return m.rows.reduce((s, r) => s + choose(n, r.k) * r.perPath, 0) / m.gradientNorm;
}

/**
 * The shortest run of consecutive lengths [from, to] that carries at least `share` of Σ_k ‖G_k‖:
 * grown from the peak, one length at a time, toward the larger neighbour.
 */
export function effectiveLengths(
  m: PathGradients,
  share = 0.9,
): { from: number; to: number; share: number } {
  const s = gradientShares(m);
  let lo = peakLength(m);
  let hi = lo;
  let got = s[lo]!;
  while (got < share && (lo > 0 || hi < s.length - 1)) {
    const left = lo > 0 ? s[lo - 1]! : -1;
    const right = hi < s.length - 1 ? s[hi + 1]! : -1;
    if (left >= right) got += s[--lo]!;
    else got += s[++hi]!;
  }
  return { from: lo, to: hi, share: got };
}

/** Share of all 2ⁿ paths whose length lies in [from, to]. */
export function pathShareBetween(n: number, from: number, to: number): number {
  return pathShares(n)
    .slice(from, to + 1)
    .reduce((a, b) => a + b, 0);
}

/**
 * The factor by which one more block on a path multiplies its gradient, on average: e to the
 * slope of a least-squares line through ln(perPath) against k, over the lengths with a non-zero
 * measurement.
 */
export function decayPerBlock(m: PathGradients): number {
  const pts = m.rows.filter((r) => r.perPath > 0).map((r) => [r.k, Math.log(r.perPath)] as const);
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return Math.exp(sxy / sxx);
}

/** Share of Σ_k ‖G_k‖ delivered by the paths of at most `maxLength` blocks. */
export function shareUpTo(m: PathGradients, maxLength: number): number {
  return gradientShares(m)
    .slice(0, maxLength + 1)
    .reduce((a, b) => a + b, 0);
}

/**
 * The verdicts' thresholds, set on the seeds the page reports (PathsSpec.seeds) and checked
 * unchanged on the held-out ones.
 */
export const PATHS_THRESHOLDS = {
  /** Short paths pass through at most this fraction of the blocks. */
  shortFraction: 0.25,
  /** After training, short paths deliver more than this share of Σ_k ‖G_k‖. */
  trainedShortShare: 0.8,
  /** At initialisation one more block multiplies one path's gradient by less than this. */
  decayFactor: 0.7,
  /** At initialisation the single paths' terms add up, as magnitudes, to more than this many
   * times ‖∂L/∂x_0‖ (pathCancellation)… */
  initPathCancellation: 500,
  /** …and the lengths' exact gradients to more than this many times (lengthCancellation). */
  initLengthCancellation: 2,
  /** After training the lengths' exact gradients add up to less than this many times… */
  trainedLengthCancellation: 2,
  /** …and the single paths' terms to less than this many times. */
  trainedPathCancellation: 10,
} as const;

/** The longest path that counts as short in a net of `n` blocks. */
export function shortLength(n: number): number {
  return Math.floor(PATHS_THRESHOLDS.shortFraction * n);
}

/** What one net (a seed at a branch scale) shows. */
export interface PathsVerdict {
  seed: number;
  branchScale: number;
  /**
   * At initialisation the gradient comes from shorter paths than most: weighted by ‖G_k‖, the
   * mean path length is under n/2, the length of the typical path.
   */
  initShorter: boolean;
  /** After training, the paths of at most n/4 blocks deliver most of the gradient. */
  trainedShort: boolean;
  /** Training moves the gradient to shorter paths: a shorter mean length, more from short paths. */
  trainingShortens: boolean;
  /** One path's gradient falls with its length, and faster after training (sampled paths). */
  decays: boolean;
  /** At initialisation the paths' terms cancel: as magnitudes they add up to far more than ∂L/∂x_0. */
  initCancels: boolean;
  /** After training they hardly do. */
  trainedAdds: boolean;
}

/** Judges each run of nets of `n` blocks by PATHS_THRESHOLDS. */
export function pathsVerdicts(runs: readonly PathsRun[], n: number): PathsVerdict[] {
  const t = PATHS_THRESHOLDS;
  const short = shortLength(n);
  return runs.map(({ seed, branchScale, init, trained }) => ({
    seed,
    branchScale,
    initShorter: meanLength(init) < n / 2,
    trainedShort: shareUpTo(trained, short) > t.trainedShortShare,
    trainingShortens:
      meanLength(trained) < meanLength(init) && shareUpTo(trained, short) > shareUpTo(init, short),
    decays: decayPerBlock(init) < t.decayFactor && decayPerBlock(trained) < decayPerBlock(init),
    initCancels:
      pathCancellation(init) > t.initPathCancellation &&
      lengthCancellation(init) > t.initLengthCancellation,
    trainedAdds:
      pathCancellation(trained) < t.trainedPathCancellation &&
      lengthCancellation(trained) < t.trainedLengthCancellation,
  }));
}

/** What one seed shows across branch scales. */
export interface PathsScaleVerdict {
  seed: number;
  /**
   * The smaller branch scale favours short paths: at the smallest scale the paths of at most n/4
   * blocks deliver a larger share than at the largest, before training and after.
   */
  smallScaleFavoursShort: boolean;
}

/** Compares each seed's nets at the smallest and the largest branch scale of its runs. */
export function pathsScaleVerdicts(runs: readonly PathsRun[], n: number): PathsScaleVerdict[] {
  const short = shortLength(n);
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const mine = runs.filter((r) => r.seed === seed);
    const lo = mine.reduce((a, r) => (r.branchScale < a.branchScale ? r : a));
    const hi = mine.reduce((a, r) => (r.branchScale > a.branchScale ? r : a));
    return {
      seed,
      smallScaleFavoursShort:
        lo.branchScale < hi.branchScale &&
        (['init', 'trained'] as const).every(
          (p) => shareUpTo(lo[p], short) > shareUpTo(hi[p], short),
        ),
    };
  });
}

/** The smallest and the largest of some values (over seeds). */
export type Range = readonly [number, number];

function range(values: readonly number[]): Range {
  return [Math.min(...values), Math.max(...values)];
}

/** A measure at initialisation and after training, each as a range over seeds. */
export interface PhaseRanges {
  init: Range;
  trained: Range;
}

/** What the article states about the nets of one branch scale, over the seeds it reports. */
export interface PathsScaleNumbers {
  branchScale: number;
  /** shareUpTo(·, n/4). */
  shortShare: PhaseRanges;
  meanLength: PhaseRanges;
  decayPerBlock: PhaseRanges;
  lengthCancellation: PhaseRanges;
  pathCancellation: PhaseRanges;
}

/**
 * The numbers the article states about the shipped study (src/content/pathsNumbers.json, written
 * by `npm run sweep -- --paths` beside the shipped file, so that the page's text need not load the
 * whole file; the study's test checks that the two agree).
 */
export interface PathsNumbers {
  /** The shipped file's fingerprint. */
  fingerprint: string;
  blocks: number;
  seeds: readonly number[];
  heldOutSeeds: readonly number[];
  samples: number;
  /** shortLength(blocks), and the share of all 2ⁿ paths that are that short. */
  shortLength: number;
  shortPathShare: number;
  /** The largest sumError of any measurement of any seed. */
  largestSumError: number;
  scales: PathsScaleNumbers[];
}

/** The numbers the article states, from a shipped study: ranges over the reported seeds. */
export function pathsNumbers(file: PathsFile): PathsNumbers {
  const n = file.spec.base.blocks;
  const short = shortLength(n);
  const reported = file.runs.filter((r) => file.spec.seeds.includes(r.seed));
  const scales = file.spec.branchScales.map((branchScale) => {
    const runs = reported.filter((r) => r.branchScale === branchScale);
    const phases = (f: (m: PathGradients) => number): PhaseRanges => ({
      init: range(runs.map((r) => f(r.init))),
      trained: range(runs.map((r) => f(r.trained))),
    });
    return {
      branchScale,
      shortShare: phases((m) => shareUpTo(m, short)),
      meanLength: phases(meanLength),
      decayPerBlock: phases(decayPerBlock),
      lengthCancellation: phases(lengthCancellation),
      pathCancellation: phases(pathCancellation),
    };
  });
  return {
    fingerprint: file.fingerprint,
    blocks: n,
    seeds: file.spec.seeds,
    heldOutSeeds: file.spec.heldOutSeeds,
    samples: file.spec.samples,
    shortLength: short,
    shortPathShare: pathShareBetween(n, 0, short),
    largestSumError: Math.max(...file.runs.flatMap((r) => [r.init.sumError, r.trained.sumError])),
    scales,
  };
}
