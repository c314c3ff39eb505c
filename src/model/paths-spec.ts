/**
 * The path-length figure's experiment: how much gradient the paths of each length carry to the
 * first block of a residual net, at initialisation and after training (path-gradients.ts,
 * Veit et al. 2016, Fig. 6). What it measures, what it records and how its outcome is judged live
 * here, without tfjs, so that the page can draw shipped results.
 *
 * The nets are the residual nets of the lesion figure (ANALYSED_NET in study-nets.ts): 24
 * pre-activation sigmoid blocks with batch norm, branches scaled by 0.15, trained on the circles
 * data. The two figures then look at one network from two sides: which blocks it can lose, and
 * which paths train it.
 */
import { parseConfig, type ExperimentConfig } from './config';
import { ANALYSED_NET } from './study-nets';
import type { PathLengthRow } from './path-gradients';

/** What the path-length figure measures. */
export interface PathsSpec {
  /** A pre-activation residual net; everything but `seed`. */
  base: ExperimentConfig;
  seeds: readonly number[];
  /** Paths sampled per length (every path where a length has fewer). */
  samples: number;
}

export const PATHS_SPEC: PathsSpec = {
  base: parseConfig({ ...ANALYSED_NET, skip: 'identity' }),
  seeds: [1, 2, 3],
  samples: 16,
};

/** Where the shipped measurements live, relative to the app's base URL (and under public/). */
export const PATHS_FILE = 'sweeps/paths.json';

/** One seed's measurements: on the first training batch, before the first step and after the last. */
export interface PathsRun {
  seed: number;
  init: PathLengthRow[];
  trained: PathLengthRow[];
  /** Test error of the trained net, batch norm in inference mode. */
  testError: number;
}

/** A finished study, as `npm run sweep -- --paths` writes it. */
export interface PathsFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: PathsSpec;
  runs: PathsRun[];
}

/** The config of `spec` for `seed`. */
export function pathsConfig(spec: PathsSpec, seed: number): ExperimentConfig {
  return parseConfig({ ...spec.base, seed });
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
 * Share of the gradient magnitude (Σ_k total_k) carried by the paths of each length. The terms
 * of different paths point in different directions and partly cancel, so these are shares of a
 * sum of magnitudes, not of the gradient's norm.
 */
export function gradientShares(rows: readonly PathLengthRow[]): number[] {
  const sum = rows.reduce((s, r) => s + r.total, 0);
  return rows.map((r) => (sum > 0 ? r.total / sum : 0));
}

/** The length whose paths carry the most gradient in total. */
export function peakLength(rows: readonly PathLengthRow[]): number {
  return rows.reduce((best, r) => (r.total > best.total ? r : best), rows[0]!).k;
}

/**
 * The shortest run of consecutive lengths [from, to] that carries at least `share` of the
 * gradient magnitude: grown from the peak, one length at a time, toward the larger neighbour.
 */
export function effectiveLengths(
  rows: readonly PathLengthRow[],
  share = 0.9,
): { from: number; to: number; share: number } {
  const s = gradientShares(rows);
  let lo = rows.findIndex((r) => r.k === peakLength(rows));
  let hi = lo;
  let got = s[lo]!;
  while (got < share && (lo > 0 || hi < s.length - 1)) {
    const left = lo > 0 ? s[lo - 1]! : -1;
    const right = hi < s.length - 1 ? s[hi + 1]! : -1;
    if (left >= right) got += s[--lo]!;
    else got += s[++hi]!;
  }
  return { from: rows[lo]!.k, to: rows[hi]!.k, share: got };
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
export function decayPerBlock(rows: readonly PathLengthRow[]): number {
  const pts = rows.filter((r) => r.perPath > 0).map((r) => [r.k, Math.log(r.perPath)] as const);
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

/** What one seed shows. */
export interface PathsVerdict {
  seed: number;
  /** Per-path gradient falls with length: one more block multiplies it by less than `factor`. */
  decays: boolean;
  /** At initialisation, 90% of the gradient comes from paths of at most n/2 blocks. */
  initShorterHalf: boolean;
  /** After training, 90% of the gradient comes from paths of at most n/4 blocks. */
  trainedShort: boolean;
  /** Training moves the peak to shorter paths. */
  trainingShortens: boolean;
}

/** Judges each run of nets of `n` blocks; `factor` as in PathsVerdict.decays. */
export function pathsVerdicts(runs: readonly PathsRun[], n: number, factor = 0.7): PathsVerdict[] {
  return runs.map((r) => ({
    seed: r.seed,
    decays: decayPerBlock(r.init) < factor && decayPerBlock(r.trained) < factor,
    initShorterHalf: effectiveLengths(r.init).to <= n / 2,
    trainedShort: effectiveLengths(r.trained).to <= n / 4,
    trainingShortens: peakLength(r.trained) < peakLength(r.init),
  }));
}
