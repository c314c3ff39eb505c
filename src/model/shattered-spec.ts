/**
 * The shattered-gradients figure (Balduzzi et al. 2017): at initialisation, walk a straight line
 * through the input plane and record the derivative of the network's output along it. In a deep
 * plain net that sequence comes to look like white noise (neighbouring points have unrelated
 * gradients); with skip connections it stays correlated far deeper. The figure plots the
 * sequence's lag-1 autocorrelation r₁ against depth, plain and residual.
 *
 * What the experiment is, what it records and how its outcome is judged live here, without tfjs,
 * so that the page can draw shipped results; shattered.ts computes it.
 */
import { parseConfig, type ExperimentConfig } from './config';
import { SWEEP_ARMS, type SweepArm } from './study-nets';

/** A point of the 2-D input plane. */
export type PlanePoint = readonly [number, number];

/** What the shattered-gradients figure measures. */
export interface ShatteredSpec {
  /** Everything but `skip`, `blocks` and `seed` (the nets are never trained). */
  base: ExperimentConfig;
  /** Numbers of blocks (two weight layers each), shallow to deep. */
  depths: readonly number[];
  seeds: readonly number[];
  /** Points on the line, ends included. */
  points: number;
  /** The segment walked through the input plane. */
  line: { from: PlanePoint; to: PlanePoint };
  /** Depths whose whole gradient sequence is kept for the figure (others keep only the number). */
  traceDepths: readonly number[];
}

/**
 * The shipped experiment (choices measured with scratch scripts, seeds 1–8):
 * - Batch norm, as in Balduzzi et al.'s nets, in inference mode with the line's own population
 *   statistics (see shattered.ts). Without it the plain ReLU nets (zero biases) collapse at width
 *   32 and 64: deep layers stop adding kinks along the line, and a 64-block plain net's r₁ stayed
 *   at 0.97 on seed 3. With statistics over the line the nets depend on the line only through
 *   `to − from` (every layer is centred over the line), not on where it lies.
 * - ReLU, He init, width 32, pre-activation blocks.
 * - Residual branches scaled by 0.25. The plain arm ignores it; for the residual arm it matters:
 *   at 8 blocks its r₁ was 0.47–0.67 with branches ×1, 0.66–0.75 with ×0.5, 0.82–0.86 with ×0.25.
 * - 512 points: white noise's r₁ then spreads by about 1/√512 ≈ 0.04 around 0.
 * What it shows (seeds 1–3, wasm): plain r₁ ≈ 0.98 at 1 block, 0.71–0.72 at 4, 0.01–0.13 at 8
 * and noise from then on. Residual r₁ falls too, but slowly: 0.82–0.86 at 8 blocks, 0.73–0.75
 * at 16, 0.03–0.48 at 64; it does not stay high at every depth. The verdicts hold on seeds 1–8,
 * and less widely away from this spec (branches ×1 or ×0.5, width 64, another line direction or
 * length: some seeds fail `residualCorrelated` or `residualSlower`). A plain net of 16+ blocks is
 * chaotic: its r₁ there differs between backends (rounding), though it is near 0 on all.
 */
export const SHATTERED_SPEC: ShatteredSpec = {
  base: parseConfig({
    dataset: 'spiral',
    width: 32,
    activation: 'relu',
    init: 'he',
    norm: 'batch',
    order: 'pre',
    branchScale: 0.25,
  }),
  depths: [1, 2, 4, 8, 16, 32, 64],
  seeds: [1, 2, 3],
  points: 512,
  line: { from: [-2, -1], to: [2, 1.5] },
  traceDepths: [1, 8, 64],
};

/** Where the shipped measurements live, relative to the app's base URL (and under public/). */
export const SHATTERED_FILE = 'sweeps/shattered.json';

/** One net of the experiment: arm, depth, seed and its config. */
export interface ShatteredNet {
  arm: SweepArm;
  depth: number;
  seed: number;
  config: ExperimentConfig;
}

/** What one net records. */
export interface ShatteredRun {
  arm: SweepArm;
  depth: number;
  seed: number;
  /** Lag-1 autocorrelation of the gradient sequence (`lag1Autocorrelation`). */
  lag1: number;
  /** The derivative along the line at each point [points], for depths in `traceDepths`. */
  gradient?: number[];
}

/** A finished experiment, as a sweep script would write it. */
export interface ShatteredFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: ShatteredSpec;
  runs: ShatteredRun[];
}

/** The nets of `spec`: seed by seed, plain before residual, shallow to deep. */
export function shatteredNets(spec: ShatteredSpec): ShatteredNet[] {
  return spec.seeds.flatMap((seed) =>
    SWEEP_ARMS.flatMap((arm) =>
      spec.depths.map((depth) => ({
        arm,
        depth,
        seed,
        config: parseConfig({
          ...spec.base,
          seed,
          blocks: depth,
          skip: arm === 'plain' ? 'none' : 'identity',
        }),
      })),
    ),
  );
}

/** The `points` evenly spaced points from `from` to `to`, ends included, as rows [points, 2]. */
export function linePoints(from: PlanePoint, to: PlanePoint, points: number): number[][] {
  if (!Number.isInteger(points) || points < 2) throw new Error(`need 2+ points, not ${points}`);
  return Array.from({ length: points }, (_, i) => {
    const t = i / (points - 1);
    return [from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])];
  });
}

/**
 * Lag-1 autocorrelation of a sequence g_0 … g_{N−1}, the usual (Box–Jenkins) estimator:
 *
 *   r₁ = Σ_{i<N−1} (g_i − ḡ)(g_{i+1} − ḡ) / Σ_i (g_i − ḡ)²,
 *
 * the mean removed and normalised by the whole sequence's variance, so it lies in [−1, 1]: near 1
 * for a smooth (slowly varying) sequence, about −1/N for white noise, −(N−1)/N for an alternating
 * one. A constant sequence (zero variance: the function is linear along the whole line) has
 * nothing shattered about it and counts as 1. Needs at least two values.
 */
export function lag1Autocorrelation(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) throw new Error(`lag-1 autocorrelation needs 2+ values, not ${n}`);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    den += d * d;
    if (i + 1 < n) num += d * (values[i + 1]! - mean);
  }
  // Relative to the values' size: float noise on a constant sequence is still constant.
  const scale = values.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  if (den <= n * (scale * 1e-12) ** 2) return 1;
  return num / den;
}

/** Where the verdicts draw their lines. */
export interface ShatteredThresholds {
  plainShallowest: number;
  plainDeepest: number;
  residualWherePlainShatters: number;
  slowerBy: number;
  halfLevel: number;
}

/**
 * The shipped lines, from the measurements on seeds 1–3 (in brackets, with the smallest margin):
 * plain r₁ at 1 block 0.978–0.982 (0.08); at 64 blocks −0.25 to −0.02 on wasm, −0.001 to 0.007
 * on cpu (0.19); residual r₁ at 8 blocks, where plain first falls below 0.2 on every seed,
 * 0.824–0.857 (0.22); depth to r₁ = 0.5, residual over plain, 4.3×, 5.4×, 12× (1.4×).
 */
export const SHATTERED_THRESHOLDS: Readonly<ShatteredThresholds> = {
  /** The shallowest plain net's r₁ is above this: the decay starts from a smooth gradient. */
  plainShallowest: 0.9,
  /** The deepest plain net's r₁ is below this: its gradient is about as rough as white noise. */
  plainDeepest: 0.2,
  /** At the first depth where plain r₁ is below `plainDeepest`, residual r₁ is above this. */
  residualWherePlainShatters: 0.6,
  /** Residual r₁ falls to `halfLevel` at least this many times deeper than plain r₁ does. */
  slowerBy: 3,
  /** The level whose depth `slowerBy` compares. */
  halfLevel: 0.5,
};

/** What one seed shows. */
export interface ShatteredVerdict {
  seed: number;
  /** Plain r₁ starts above `plainShallowest` and ends below `plainDeepest`. */
  plainShatters: boolean;
  /** Where plain r₁ has first fallen to noise, residual r₁ is still high. */
  residualCorrelated: boolean;
  /**
   * Plain r₁ falls to `halfLevel` within the depths measured, and residual r₁ takes at least
   * `slowerBy`× the depth to (`depthAtLevel`; Balduzzi et al.: the correlation decays
   * exponentially with depth without skips, sublinearly with them).
   */
  residualSlower: boolean;
}

/**
 * The depth at which r₁ first falls below `level`, interpolated linearly in log depth between
 * the last depth above it and the first below; Infinity if it never does, the shallowest depth
 * if it starts below. `runs` are one arm of one seed.
 */
export function depthAtLevel(runs: readonly ShatteredRun[], level: number): number {
  const sorted = [...runs].sort((a, b) => a.depth - b.depth);
  const i = sorted.findIndex((r) => r.lag1 < level);
  if (i < 0) return Infinity;
  if (i === 0) return sorted[0]!.depth;
  const [a, b] = [sorted[i - 1]!, sorted[i]!];
  const f = (a.lag1 - level) / (a.lag1 - b.lag1);
  return Math.exp(Math.log(a.depth) + f * (Math.log(b.depth) - Math.log(a.depth)));
}

/** Judges each seed of `runs` against `thresholds`. */
export function shatteredVerdicts(
  runs: readonly ShatteredRun[],
  thresholds: Readonly<ShatteredThresholds> = SHATTERED_THRESHOLDS,
): ShatteredVerdict[] {
  const t = thresholds;
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const arm = (a: SweepArm) =>
      runs.filter((r) => r.seed === seed && r.arm === a).sort((x, y) => x.depth - y.depth);
    const plain = arm('plain');
    const residual = arm('residual');
    const plainShatters =
      plain.length >= 2 &&
      plain[0]!.lag1 > t.plainShallowest &&
      plain.at(-1)!.lag1 < t.plainDeepest;
    const noisy = plain.find((r) => r.lag1 < t.plainDeepest);
    const twin = residual.find((r) => r.depth === noisy?.depth);
    const residualCorrelated = !!twin && twin.lag1 > t.residualWherePlainShatters;
    // A plain net that never falls to the level leaves nothing to be slower than.
    const plainHalf = depthAtLevel(plain, t.halfLevel);
    const residualSlower =
      Number.isFinite(plainHalf) &&
      residual.length > 0 &&
      depthAtLevel(residual, t.halfLevel) >= t.slowerBy * plainHalf;
    return { seed, plainShatters, residualCorrelated, residualSlower };
  });
}
