/**
 * The shattered-gradients figure (Balduzzi et al. 2017): at initialisation, walk a straight line
 * through the input plane and record the derivative of the network's output along it. In a deep
 * plain net that sequence comes to look like white noise (neighbouring points have unrelated
 * gradients); with skip connections it stays correlated far deeper. The figure plots the
 * sequence's autocorrelation function (Balduzzi et al.'s measure) and its value at lag 1, r₁,
 * against depth: plain nets, and residual nets with their branches scaled by 1 and by 0.25, so
 * that what the shortcut does (scale 1 against plain) and what the scale does (0.25 against 1)
 * can be told apart.
 *
 * What the experiment is, what it records and how its outcome is judged live here, without tfjs,
 * so that the page can draw shipped results; shattered.ts computes it.
 */
import { parseConfig, type ExperimentConfig } from '../../engine/config';
import type { SweepArm } from '../nets';

/** A point of the 2-D input plane. */
export type PlanePoint = readonly [number, number];

/** What the shattered-gradients figure measures. */
export interface ShatteredSpec {
  /**
   * Everything but `skip`, `blocks`, `seed` and `branchScale`, which each net sets (the nets are
   * never trained).
   */
  base: ExperimentConfig;
  /** Numbers of blocks (two weight layers each), shallow to deep. */
  depths: readonly number[];
  /** The seeds the page reports; the verdicts' thresholds were set on them. */
  seeds: readonly number[];
  /** Seeds that set no threshold and only check them (measured after `seeds`). */
  heldOutSeeds: readonly number[];
  /** The residual nets' branch scales, each measured (a plain net has no branch to scale). */
  branchScales: readonly number[];
  /** Points on the line, ends included. */
  points: number;
  /** The segment walked through the input plane. */
  line: { from: PlanePoint; to: PlanePoint };
  /** The autocorrelation function is kept for lags 0 … `maxLag` (points apart on the line). */
  maxLag: number;
  /**
   * Depths whose whole gradient sequence is kept for the figure, on `seeds` only (every other net
   * keeps its autocorrelation function alone, which keeps the file small).
   */
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
 * - Residual branches scaled by 1 (the plain block's own branch, with the shortcut added) and by
 *   0.25 (what the figure first shipped with), so that the text can tell what the shortcut does
 *   from what the scale does: at 8 blocks residual r₁ was 0.47–0.67 with branches ×1, 0.66–0.75
 *   with ×0.5, 0.82–0.86 with ×0.25 (seeds 1–3).
 * - 512 points: white noise's r₁ then spreads by about 1/√512 ≈ 0.04 around 0.
 * - Lags up to 16 (0.15 along the line). From 8 blocks on, where plain and residual nets part,
 *   every net's function is at most 0.38 at lag 16 and beyond it only wanders within ±0.4
 *   (seeds 1–6, lags up to 128); the nets of 1 and 2 blocks are still at up to 0.82 there, which
 *   16 lags show as well.
 * A plain net of 16+ blocks is chaotic: its r₁ there differs between backends (rounding),
 * though it is near 0 on all.
 */
export const SHATTERED_SPEC: ShatteredSpec = {
  base: parseConfig({
    dataset: 'spiral',
    width: 32,
    activation: 'relu',
    init: 'he',
    norm: 'batch',
    order: 'pre',
  }),
  depths: [1, 2, 4, 8, 16, 32, 64],
  seeds: [1, 2, 3],
  heldOutSeeds: [4, 5, 6],
  branchScales: [1, 0.25],
  points: 512,
  line: { from: [-2, -1], to: [2, 1.5] },
  maxLag: 16,
  traceDepths: [1, 8, 64],
};

/** Where the shipped measurements live, relative to the app's base URL (and under public/). */
export const SHATTERED_FILE = 'sweeps/shattered.json';

/** One net of the experiment: arm (and branch scale), depth, seed and its config. */
export interface ShatteredNet {
  arm: SweepArm;
  /** The residual branch's scale; null for a plain net, which has no branch to scale. */
  branchScale: number | null;
  depth: number;
  seed: number;
  config: ExperimentConfig;
}

/** What one net records. */
export interface ShatteredRun {
  arm: SweepArm;
  branchScale: number | null;
  depth: number;
  seed: number;
  /**
   * The autocorrelation function of the gradient sequence at lags 0 … `maxLag`
   * (`autocorrelation`): acf[0] is 1, acf[1] is r₁.
   */
  acf: number[];
  /** The derivative along the line at each point [points], at `traceDepths` on `seeds`. */
  gradient?: number[];
}

/** r₁, the lag-1 autocorrelation of a run's gradient sequence. */
export const lag1 = (run: Pick<ShatteredRun, 'acf'>): number => run.acf[1]!;

/** The seeds a spec measures: the reported ones, then the held-out ones. */
export const allSeeds = (spec: Pick<ShatteredSpec, 'seeds' | 'heldOutSeeds'>): number[] => [
  ...spec.seeds,
  ...spec.heldOutSeeds,
];

/**
 * A finished experiment, as a sweep script would write it. `measures` repeats, per seed, the few
 * numbers the article's text states (`shatteredMeasures` of `runs`), so that the article can
 * import them alone at build time instead of every run's autocorrelation and gradient.
 */
export interface ShatteredFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: ShatteredSpec;
  measures: ShatteredMeasures[];
  runs: ShatteredRun[];
}

/**
 * The nets of `spec`: seed by seed (reported seeds, then held out), plain before residual, the
 * residual nets scale by scale in `branchScales` order, each arm shallow to deep.
 */
export function shatteredNets(spec: ShatteredSpec): ShatteredNet[] {
  const net = (seed: number, depth: number, branchScale: number | null): ShatteredNet => ({
    arm: branchScale === null ? 'plain' : 'residual',
    branchScale,
    depth,
    seed,
    config: parseConfig({
      ...spec.base,
      seed,
      blocks: depth,
      skip: branchScale === null ? 'none' : 'identity',
      // A plain net ignores the scale; the default keeps its config the engine's plain net.
      ...(branchScale === null ? {} : { branchScale }),
    }),
  });
  return allSeeds(spec).flatMap((seed) => [
    ...spec.depths.map((d) => net(seed, d, null)),
    ...spec.branchScales.flatMap((s) => spec.depths.map((d) => net(seed, d, s))),
  ]);
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
 * The autocorrelation function of a sequence g_0 … g_{N−1} at lags 0 … `maxLag`, the usual
 * (Box–Jenkins) estimator:
 *
 *   r_k = Σ_{i<N−k} (g_i − ḡ)(g_{i+k} − ḡ) / Σ_i (g_i − ḡ)²,
 *
 * the mean removed and every lag normalised by the whole sequence's variance, so that r_0 = 1 and
 * |r_k| ≤ 1: near 1 for a smooth (slowly varying) sequence, about −1/N for white noise, and
 * ±(N−k)/N for an alternating one. A constant sequence (zero variance: the function is linear
 * along the whole line) has nothing shattered about it and counts as 1 at every lag. Needs
 * `maxLag` < N.
 */
export function autocorrelation(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n)
    throw new Error(`autocorrelation up to lag ${maxLag} needs ${maxLag + 1}+ values, not ${n}`);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const d = values.map((v) => v - mean);
  const den = d.reduce((s, v) => s + v * v, 0);
  // Relative to the values' size: float noise on a constant sequence is still constant.
  const scale = values.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  if (den <= n * (scale * 1e-12) ** 2) return new Array<number>(maxLag + 1).fill(1);
  return Array.from({ length: maxLag + 1 }, (_, k) => {
    let num = 0;
    for (let i = 0; i + k < n; i++) num += d[i]! * d[i + k]!;
    return num / den;
  });
}

/** Lag-1 autocorrelation r₁ (`autocorrelation` at lag 1). Needs at least two values. */
export function lag1Autocorrelation(values: readonly number[]): number {
  if (values.length < 2)
    throw new Error(`lag-1 autocorrelation needs 2+ values, not ${values.length}`);
  return autocorrelation(values, 1)[1]!;
}

/**
 * The mean of |r_k| over lags 1 … maxLag: about 0.8/√N for white noise of N points, near 1 for a
 * slowly varying sequence.
 */
export function meanAbsAutocorrelation(acf: readonly number[]): number {
  if (acf.length < 2) throw new Error('needs lags beyond 0');
  return acf.slice(1).reduce((s, v) => s + Math.abs(v), 0) / (acf.length - 1);
}

/**
 * The depth at which r₁ first falls below `level`, interpolated linearly in log depth between
 * the last depth above it and the first below; Infinity if it never does, the shallowest depth
 * if it starts below. `runs` are one arm of one seed.
 */
export function depthAtLevel(runs: readonly ShatteredRun[], level: number): number {
  const sorted = [...runs].sort((a, b) => a.depth - b.depth);
  const i = sorted.findIndex((r) => lag1(r) < level);
  if (i < 0) return Infinity;
  if (i === 0) return sorted[0]!.depth;
  const [a, b] = [sorted[i - 1]!, sorted[i]!];
  const f = (lag1(a) - level) / (lag1(a) - lag1(b));
  return Math.exp(Math.log(a.depth) + f * (Math.log(b.depth) - Math.log(a.depth)));
}

/** Where the verdicts draw their lines. */
export interface ShatteredThresholds {
  /** The shallowest plain and residual nets' r₁ is above this: the decay starts smooth. */
  plainShallowest: number;
  /** The deepest plain net's r₁ is below this: its gradient is about as rough as white noise. */
  plainDeepest: number;
  /**
   * From the first depth where plain r₁ is below `plainDeepest` on, the plain net's mean |r_k|
   * over lags 1 … maxLag is below this at every depth: noise at every lag, not only at lag 1.
   */
  plainWhite: number;
  /** The level of r₁ whose depth `slowerBy` and `scaleSlowerBy` compare. */
  halfLevel: number;
  /** The lines for the residual nets at each branch scale the figure shows. */
  residual: readonly {
    branchScale: number;
    /** At the first depth where plain r₁ is below `plainDeepest`, residual r₁ is above this. */
    wherePlainShatters: number;
    /** Residual r₁ falls to `halfLevel` at least this many times deeper than plain r₁ does. */
    slowerBy: number;
  }[];
  /**
   * With each smaller branch scale (in the spec's order), r₁ falls to `halfLevel` at least this
   * many times deeper than with the scale before it.
   */
  scaleSlowerBy: number;
  /** The deepest residual net's r₁ is below this at every scale: the shattering is slowed only. */
  residualDeepest: number;
}

/**
 * The shipped lines. Set on seeds 1–3 (measured, with the smallest margin in brackets), then
 * checked unchanged on seeds 4–6:
 * - r₁ at 1 block: plain 0.978–0.982, residual 0.972–0.985 (0.07);
 * - plain r₁ at 64 blocks −0.25 to −0.02 on wasm, −0.001 to 0.007 on cpu (0.19);
 * - plain mean |r_k| (lags 1–16) from 8 blocks on: at most 0.065 (0.035);
 * - at 8 blocks, where plain r₁ first falls below 0.2 on every seed: residual ×1 0.47–0.67 (0.07),
 *   residual ×0.25 0.82–0.86 (0.22);
 * - depth to r₁ = 0.5, residual over plain: ×1 1.5–2.1 (0.11), ×0.25 4.3–12 (1.3);
 * - residual r₁ at 64 blocks: ×1 −0.16 to 0.22, ×0.25 0.03 to 0.48 (0.02).
 * On seeds 4–6 the same quantities are: ×1 0.56–0.78 at 8 blocks and 3.0–4.0 times the plain
 * depth, ×0.25 0.76–0.94 and 4.3–11; plain mean |r_k| at most 0.051. On seeds 1–3 ×0.25 reached
 * r₁ = 0.5 at 2.0–7.8 times the depth of ×1, but a line drawn there (1.5, say) fails on seeds 5
 * and 6 (1.45 and 1.40): the claim is only "deeper on every seed" (1).
 */
export const SHATTERED_THRESHOLDS: Readonly<ShatteredThresholds> = {
  plainShallowest: 0.9,
  plainDeepest: 0.2,
  plainWhite: 0.1,
  halfLevel: 0.5,
  residual: [
    { branchScale: 1, wherePlainShatters: 0.4, slowerBy: 1.4 },
    { branchScale: 0.25, wherePlainShatters: 0.6, slowerBy: 3 },
  ],
  scaleSlowerBy: 1,
  residualDeepest: 0.5,
};

/** What one seed's residual nets at one branch scale measure. */
export interface ResidualMeasures {
  branchScale: number;
  /** r₁ at the shallowest and the deepest depth. */
  shallowest: number;
  deepest: number;
  /** r₁ at `noiseDepth` (null if the plain net never gets there). */
  wherePlainShatters: number | null;
  /** The depth at which r₁ falls to the half level (`depthAtLevel`); null: not within the depths. */
  depthToHalf: number | null;
  /** `depthToHalf` over the plain net's; null if either is. */
  overPlain: number | null;
  /** `depthToHalf` over that of the scale before it in the spec (null for the first, or if either is null). */
  overPreviousScale: number | null;
}

/** What one seed measures: the numbers the verdicts judge and the article states. */
export interface ShatteredMeasures {
  seed: number;
  /** The plain net's r₁ at the shallowest and the deepest depth. */
  plainShallowest: number;
  plainDeepest: number;
  /** The first depth where the plain net's r₁ is below the `plainDeepest` threshold (or null). */
  noiseDepth: number | null;
  /** The plain net's r₁ there. */
  plainAtNoise: number | null;
  /** The largest mean |r_k| of the plain nets from `noiseDepth` on (null without one). */
  plainWhite: number | null;
  /** The depth at which the plain net's r₁ falls to the half level (null: not within the depths). */
  plainDepthToHalf: number | null;
  /** Scale by scale, in the spec's order. */
  residual: ResidualMeasures[];
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * The measures of each seed of `runs`, in the order the seeds first appear, for the residual nets'
 * scales in `branchScales` order. The noise depth and the half level come from `thresholds`.
 */
export function shatteredMeasures(
  runs: readonly ShatteredRun[],
  branchScales: readonly number[],
  thresholds: Readonly<ShatteredThresholds> = SHATTERED_THRESHOLDS,
): ShatteredMeasures[] {
  const t = thresholds;
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const arm = (scale: number | null) =>
      runs
        .filter((r) => r.seed === seed && r.branchScale === scale)
        .sort((x, y) => x.depth - y.depth);
    const plain = arm(null);
    if (!plain.length) throw new Error(`seed ${seed} has no plain nets`);
    const noisy = plain.findIndex((r) => lag1(r) < t.plainDeepest);
    const noiseDepth = noisy < 0 ? null : plain[noisy]!.depth;
    const plainHalf = depthAtLevel(plain, t.halfLevel);
    let previous: number | null = null;
    const residual = branchScales.map((branchScale, i): ResidualMeasures => {
      const nets = arm(branchScale);
      if (!nets.length) throw new Error(`seed ${seed} has no residual nets at ×${branchScale}`);
      const twin = nets.find((r) => r.depth === noiseDepth);
      const half = depthAtLevel(nets, t.halfLevel);
      const m: ResidualMeasures = {
        branchScale,
        shallowest: lag1(nets[0]!),
        deepest: lag1(nets.at(-1)!),
        wherePlainShatters: twin ? lag1(twin) : null,
        depthToHalf: finiteOrNull(half),
        overPlain: finiteOrNull(half / plainHalf),
        overPreviousScale: i > 0 && previous !== null ? finiteOrNull(half / previous) : null,
      };
      previous = finiteOrNull(half);
      return m;
    });
    return {
      seed,
      plainShallowest: lag1(plain[0]!),
      plainDeepest: lag1(plain.at(-1)!),
      noiseDepth,
      plainAtNoise: noisy < 0 ? null : lag1(plain[noisy]!),
      plainWhite:
        noisy < 0
          ? null
          : Math.max(...plain.slice(noisy).map((r) => meanAbsAutocorrelation(r.acf))),
      plainDepthToHalf: finiteOrNull(plainHalf),
      residual,
    };
  });
}

/** What one seed shows, sentence by sentence of the article. */
export interface ShatteredVerdict {
  seed: number;
  /** Plain r₁ starts above `plainShallowest` and ends below `plainDeepest`. */
  plainShatters: boolean;
  /** Once plain r₁ has fallen to noise, its whole autocorrelation function is noise. */
  plainWhite: boolean;
  /** Per branch scale with thresholds (in the spec's order). */
  residual: {
    branchScale: number;
    /** The shallowest residual net starts smooth too. */
    startsSmooth: boolean;
    /** Where plain r₁ has first fallen to noise, residual r₁ is still high. */
    correlated: boolean;
    /**
     * Plain r₁ falls to `halfLevel` within the depths measured, and residual r₁ takes at least
     * `slowerBy`× the depth to (Balduzzi et al.: without skips the correlation decays
     * exponentially with depth, with them sublinearly). Never falling counts as slower.
     */
    slower: boolean;
    /** The deepest residual net's r₁ is below `residualDeepest`. */
    stillFalls: boolean;
    /** Falls to `halfLevel` at least `scaleSlowerBy`× deeper than the scale before (true for the first). */
    slowerThanLargerScale: boolean;
  }[];
}

/**
 * Judges each seed's measures against `thresholds`. A scale without thresholds is not judged (a
 * live run may measure any scale).
 */
export function shatteredVerdicts(
  measures: readonly ShatteredMeasures[],
  thresholds: Readonly<ShatteredThresholds> = SHATTERED_THRESHOLDS,
): ShatteredVerdict[] {
  const t = thresholds;
  return measures.map((m) => {
    const plainShatters = m.plainShallowest > t.plainShallowest && m.plainDeepest < t.plainDeepest;
    // A plain net that never falls to the level leaves nothing to be slower than.
    const plainHalf = m.plainDepthToHalf;
    const residual = m.residual.flatMap((r, i) => {
      const line = t.residual.find((x) => x.branchScale === r.branchScale);
      if (!line) return [];
      const half = r.depthToHalf ?? Infinity;
      const previous = i > 0 ? (m.residual[i - 1]!.depthToHalf ?? Infinity) : null;
      return [
        {
          branchScale: r.branchScale,
          startsSmooth: r.shallowest > t.plainShallowest,
          correlated:
            r.wherePlainShatters !== null && r.wherePlainShatters > line.wherePlainShatters,
          slower: plainHalf !== null && half >= line.slowerBy * plainHalf,
          stillFalls: r.deepest < t.residualDeepest,
          slowerThanLargerScale:
            previous === null || (Number.isFinite(previous) && half >= t.scaleSlowerBy * previous),
        },
      ];
    });
    return {
      seed: m.seed,
      plainShatters,
      plainWhite: m.plainWhite !== null && m.plainWhite < t.plainWhite,
      residual,
    };
  });
}
