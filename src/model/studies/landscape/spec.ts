/**
 * The loss-landscape figure's experiment (Li et al. 2018): a plain and a residual net of the
 * same depth, each trained to the same target loss, then the training loss on a plane through
 * each trained θ*, L(θ* + a·δ + b·η) for (a, b) in [−span, span]², along two random
 * filter-normalised directions δ, η (landscape.ts), with batch norm's statistics frozen at the
 * trained net (Li et al.'s protocol) and recomputed at each point. What it is, what it records and how its outcome is judged live here,
 * without tfjs, so that the page can draw shipped results and the measures are unit-testable.
 *
 * Non-convexity of a slice, from the grid alone. At every interior point the 2×2 Hessian H of
 * the loss in (a, b) is estimated by central differences (spacing h = 2·span/(grid − 1)):
 *   H_aa = (L[a+h] − 2L + L[a−h]) / h²,  H_bb likewise,
 *   H_ab = (L[a+h,b+h] − L[a+h,b−h] − L[a−h,b+h] + L[a−h,b−h]) / 4h².
 * Two shares of the interior points (the centre excluded from the first) are reported:
 * - radial: points where the curvature along the ray from the centre, uᵀHu with u the unit
 *   vector from (0, 0) to the point, is below −tolerance·scale. A convex bowl around θ* curves
 *   up along every ray; a ridge, a second valley or a chaotic patch curves down along some.
 * - eigen: points where H's smaller eigenvalue λmin is below −tolerance·scale and
 *   |λmin/λmax| > ratio (λmax the larger eigenvalue), the 2-D analogue of Li et al.'s map of
 *   |λmin/λmax| (they used the eigenvalues of the full Hessian).
 * And a count: local minima, interior points lower than all 8 neighbours by more than
 * tolerance·scale·h² (a bowl of curvature c rises c·h²/2 to a neighbour). A smooth basin has
 * one; a chaotic slice has dozens. Why a count as well: a smooth basin whose walls flatten out
 * (the loss saturates near chance far from θ*) curves down along the rays out there, so the
 * shares alone cannot tell a saturating basin from a rough one; the minima can.
 * `scale` is the median over interior points of max(|λmin|, |λmax|): a tolerance relative to it
 * keeps float32 rounding on flat ground (a plateau of a saturated net) from counting as
 * curvature, whatever the units of the loss.
 */
import { parseConfig, type ExperimentConfig } from '../../engine/config';
import { SWEEP_ARMS, type SweepArm } from '../nets';

/**
 * Batch norm's statistics across a slice's plane. 'frozen' is Li et al.'s protocol: their code
 * evaluates every point with `net.eval()`, so each layer normalises with the trained net's
 * statistics while the weights move; ours are the trained net's population statistics over the
 * whole training set (how every trained net is evaluated here) where theirs are the running
 * averages kept in training. 'recomputed': every point is evaluated with statistics of its own
 * over the rows evaluated, as a net with those weights would be normalised.
 */
export const BN_STATISTICS = ['frozen', 'recomputed'] as const;
export type BnStatistics = (typeof BN_STATISTICS)[number];

/**
 * How long each net trains: until its loss on the whole training set (batch norm in inference
 * mode) is at most `targetLoss`, checked every `checkEvery` steps, and at most `base.steps`
 * steps. So the plain and the residual net are sliced at comparable losses, not after the same
 * number of steps (after which the residual one fits far better).
 */
export interface TrainingRule {
  targetLoss: number;
  checkEvery: number;
}

/** What the landscape figure trains and slices. */
export interface LandscapeSpec {
  /** Everything but `skip`, `blocks` and `seed`; `steps` is the most each net may take. */
  base: ExperimentConfig;
  /** Numbers of blocks (two weight layers each). */
  depths: readonly number[];
  /** The seeds the page reports; they set the verdicts' thresholds. */
  seeds: readonly number[];
  /** Seeds that set no threshold and only check them. */
  heldOutSeeds: readonly number[];
  /** Each trained net is sliced once per entry, along the same directions. */
  bnStatistics: readonly BnStatistics[];
  training: TrainingRule;
  /** Points per side of the grid; odd, so that θ* itself is the centre point. */
  grid: number;
  /** a and b run over [−span, span]. */
  span: number;
  /** The loss is measured on the first `rows` training rows (see LANDSCAPE_SPEC). */
  rows: number;
}

/**
 * The figure's nets: ReLU with batch norm, pre-activation blocks of width 32 on the circles,
 * residual branches scaled by 0.15 as in the lesion figure, at 8, 16 and 24 blocks. Measured with
 * scratch scripts on seeds 1–3 (wasm); the held-out seeds' numbers are in the shipped file.
 * - Training: Adam at 0.003, each net until its training loss is at most 0.1. At 0.01 for a fixed
 *   300 steps (the figure before) the plain nets ended at 0.05–0.23 and the residual ones at
 *   0.004–0.015, so the slices compared a half-fitted net with a fitted one. At 0.01 the deep
 *   plain nets' loss jumped about (0.02–0.34 between checks at 16 blocks) and at 24 blocks never
 *   went below 0.17 in 1000 steps; at 0.003 it falls steadily. A target of 0.05 was out of reach
 *   for one 24-block plain net in 4000 steps (seed 3: 0.057 at step 4000); 0.1 is reached by all:
 *   the residual nets at the first check (25 steps; losses 0.026–0.066), the plain nets in 50–75
 *   steps at 8 blocks, 350–475 at 16 and 1450–2525 at 24 (losses 0.055–0.100, accuracy ≥ 97.6%).
 * - Frozen statistics (Li et al.'s protocol): both slices are basins (0–3 local minima). The
 *   plain basin is far sharper: its loss is below chance on 3.2–6.6% of the plane against
 *   25.9–44.0% for the residual net, and the median loss on its rim is 2.1e3–3.8e3 at 8 blocks,
 *   2.6e5–3.4e6 at 16 and 3.3e7–5.6e8 at 24, against 4.8–6.0, 9.1–12.8 and 18.7–27.5. The
 *   residual nets stopped after 25 steps; trained for 300 steps instead (losses 0.006–0.010) the
 *   largest loss on their slices was 31–792 against 863–5290 at 25 steps (16 and 24 blocks, seeds
 *   1–2), so the comparison does not hinge on stopping them early.
 * - Recomputed statistics: the plain slices have 32–42 local minima at 8 blocks, 60–63 at 16 and
 *   58–73 at 24, the residual ones 0–4. The share of points curving down along the ray no longer
 *   separates the arms (plain 47.5–51.7%, residual 28.8–51.9%), so no verdict uses it.
 * The loss is measured on the first 256 of the 1000 training rows: a slice of 961 points over all
 * of them took 10–11 s in Node wasm, over 256 rows 4.3 s (recomputed statistics, 16 blocks), with
 * the same verdicts in the figure before. Frozen statistics are still the whole training set's.
 */
export const LANDSCAPE_SPEC: LandscapeSpec = {
  base: parseConfig({
    dataset: 'circles',
    width: 32,
    batchSize: 64,
    activation: 'relu',
    init: 'he',
    norm: 'batch',
    order: 'pre',
    branchScale: 0.15,
    optimizer: 'adam',
    learningRate: 0.003,
    steps: 4000,
  }),
  depths: [8, 16, 24],
  seeds: [1, 2, 3],
  heldOutSeeds: [4, 5, 6],
  bnStatistics: ['frozen', 'recomputed'],
  training: { targetLoss: 0.1, checkEvery: 25 },
  grid: 31,
  span: 1,
  rows: 256,
};

/** Where the shipped landscape study lives, relative to the app's base URL (and under public/). */
export const LANDSCAPE_FILE = 'sweeps/landscape.json';

/** Relative tolerance and eigenvalue ratio of `curvatureMeasures` (see the file comment). */
export const CURVATURE_TOLERANCE = 0.01;
export const EIGEN_RATIO = 0.1;

/** How non-convex a slice is. */
export interface CurvatureMeasures {
  /** Share of interior points (centre excluded) with negative curvature along the ray. */
  radialNegative: number;
  /** Share of interior points with λmin < −tolerance·scale and |λmin/λmax| > ratio. */
  eigenNegative: number;
  /** Interior points below all 8 neighbours (by more than tolerance·scale·h²). */
  localMinima: number;
  /** Median over interior points of H's largest |eigenvalue|, in loss per unit² of (a, b). */
  scale: number;
}

/** Where a slice is lowest on its grid. */
export interface LowestPoint {
  loss: number;
  a: number;
  b: number;
}

/** One slice: the losses on the grid and what they show. */
export interface LandscapeResult {
  grid: number;
  span: number;
  /**
   * L(θ* + a·δ + b·η), grid × grid, row-major: row i has b = −span + i·h, column j has
   * a = −span + j·h, h = 2·span / (grid − 1).
   */
  losses: number[];
  /** The loss at θ* (the centre point). */
  centre: number;
  /** The lowest point of the grid (θ* when the trained net sits at the slice's minimum). */
  lowest: LowestPoint;
  basin: BasinMeasures;
  curvature: CurvatureMeasures;
}

/** One net of the study: its arm, depth, seed and config. */
export interface LandscapeNet {
  arm: SweepArm;
  blocks: number;
  seed: number;
  config: ExperimentConfig;
}

/** Where training stopped (TrainingRule): the loss and accuracy on the whole training set. */
export interface TrainedPoint {
  steps: number;
  loss: number;
  accuracy: number;
  /** The loss reached the rule's target (false: the net ran out of steps or diverged). */
  reached: boolean;
}

/** A trained net's slice with one kind of batch-norm statistics. */
export interface LandscapeRun {
  arm: SweepArm;
  blocks: number;
  seed: number;
  statistics: BnStatistics;
  trained: TrainedPoint;
  result: LandscapeResult;
}

/**
 * A slice's numbers without its losses: what the verdicts judge and the article's text states,
 * small enough for the page to import (the file's `measures`).
 */
export interface LandscapeMeasure extends Omit<LandscapeRun, 'result'> {
  result: Omit<LandscapeResult, 'losses'>;
}

/** The measures of `runs`, in their order. */
export function landscapeMeasures(runs: readonly LandscapeRun[]): LandscapeMeasure[] {
  return runs.map(({ result, ...run }) => {
    const { grid, span, centre, lowest, basin, curvature } = result;
    return { ...run, result: { grid, span, centre, lowest, basin, curvature } };
  });
}

/** A finished study, as written to LANDSCAPE_FILE. */
export interface LandscapeFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: LandscapeSpec;
  /** landscapeMeasures(runs). */
  measures: LandscapeMeasure[];
  runs: LandscapeRun[];
}

/** Every seed `spec` runs: the reported ones, then the held-out ones. */
export const allSeeds = (spec: LandscapeSpec): number[] => [...spec.seeds, ...spec.heldOutSeeds];

/** The nets of `spec`, depth by depth, then seed by seed (held-out seeds last), plain first. */
export function landscapeNets(spec: LandscapeSpec): LandscapeNet[] {
  return spec.depths.flatMap((blocks) =>
    allSeeds(spec).flatMap((seed) =>
      SWEEP_ARMS.map((arm) => ({
        arm,
        blocks,
        seed,
        config: parseConfig({
          ...spec.base,
          blocks,
          seed,
          skip: arm === 'plain' ? 'none' : 'identity',
        }),
      })),
    ),
  );
}

/** The coordinate of grid index `i` (row → b, column → a). */
export function gridCoordinate(i: number, grid: number, span: number): number {
  return -span + (2 * span * i) / (grid - 1);
}

/** The lowest point of a grid × grid slice (row-major as in LandscapeResult); the first on ties. */
export function lowestPoint(losses: readonly number[], grid: number, span: number): LowestPoint {
  let k = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i]! < losses[k]!) k = i;
  return {
    loss: losses[k]!,
    a: gridCoordinate(k % grid, grid, span),
    b: gridCoordinate(Math.floor(k / grid), grid, span),
  };
}

/** Eigenvalues [λmin, λmax] of the symmetric matrix [[p, q], [q, r]]. */
export function eigen2(p: number, q: number, r: number): [number, number] {
  const mid = (p + r) / 2;
  const rad = Math.hypot((p - r) / 2, q);
  return [mid - rad, mid + rad];
}

/**
 * The non-convexity of a slice (see the file comment for the definitions). `losses` is
 * grid × grid, row-major as in LandscapeResult.
 * @throws Error when the grid is not odd and at least 3, or `losses` has the wrong length.
 */
export function curvatureMeasures(
  losses: readonly number[],
  grid: number,
  span: number,
  opts: { tolerance?: number; ratio?: number } = {},
): CurvatureMeasures {
  if (grid < 3 || grid % 2 !== 1) throw new Error(`grid must be odd and ≥ 3, not ${grid}`);
  if (losses.length !== grid * grid) throw new Error(`expected ${grid * grid} losses`);
  const tolerance = opts.tolerance ?? CURVATURE_TOLERANCE;
  const ratio = opts.ratio ?? EIGEN_RATIO;
  const h = (2 * span) / (grid - 1);
  const L = (i: number, j: number) => losses[i * grid + j]!;
  const points: { a: number; b: number; H: [number, number, number]; lam: [number, number] }[] = [];
  for (let i = 1; i < grid - 1; i++) {
    for (let j = 1; j < grid - 1; j++) {
      const haa = (L(i, j + 1) - 2 * L(i, j) + L(i, j - 1)) / (h * h);
      const hbb = (L(i + 1, j) - 2 * L(i, j) + L(i - 1, j)) / (h * h);
      const hab =
        (L(i + 1, j + 1) - L(i - 1, j + 1) - L(i + 1, j - 1) + L(i - 1, j - 1)) / (4 * h * h);
      const H: [number, number, number] = [haa, hab, hbb];
      points.push({
        a: gridCoordinate(j, grid, span),
        b: gridCoordinate(i, grid, span),
        H,
        lam: eigen2(...H),
      });
    }
  }
  const sorted = Float64Array.from(points, (p) => Math.max(-p.lam[0], p.lam[1])).sort();
  const m = sorted.length >> 1;
  const scale = sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
  const floor = -tolerance * scale;

  let minima = 0;
  const rise = tolerance * scale * h * h;
  for (let i = 1; i < grid - 1; i++) {
    for (let j = 1; j < grid - 1; j++) {
      let lowest = true;
      for (let di = -1; di <= 1 && lowest; di++)
        for (let dj = -1; dj <= 1; dj++)
          if ((di || dj) && L(i + di, j + dj) - L(i, j) <= rise) lowest = false;
      if (lowest) minima += 1;
    }
  }

  let rays = 0;
  let radial = 0;
  let eig = 0;
  for (const { a, b, H, lam } of points) {
    const [lo, hi] = lam;
    if (lo < floor && Math.abs(lo) > ratio * Math.abs(hi)) eig += 1;
    const r = Math.hypot(a, b);
    // The centre has no ray; float rounding of −span + i·h leaves it within 1e-9 of 0.
    if (r < 1e-9 * span) continue;
    rays += 1;
    const [ua, ub] = [a / r, b / r];
    if (ua * ua * H[0] + 2 * ua * ub * H[1] + ub * ub * H[2] < floor) radial += 1;
  }
  return {
    radialNegative: radial / rays,
    eigenNegative: eig / points.length,
    localMinima: minima,
    scale,
  };
}

/** The shape of a slice's basin, in the loss itself. */
export interface BasinMeasures {
  /** Share of the grid's points where the loss is below chance, ln(classes). */
  belowChance: number;
  /** Median loss over the grid's edge points (a or b = ±span). */
  rimMedian: number;
}

/** `basinMeasures` of a grid × grid slice (row-major) of a net with `classes` classes. */
export function basinMeasures(
  losses: readonly number[],
  grid: number,
  classes: number,
): BasinMeasures {
  const chance = Math.log(classes);
  const rim = losses
    .filter((_, k) => {
      const [i, j] = [Math.floor(k / grid), k % grid];
      return i === 0 || j === 0 || i === grid - 1 || j === grid - 1;
    })
    .sort((a, b) => a - b);
  const m = rim.length >> 1;
  return {
    belowChance: losses.filter((v) => v < chance).length / losses.length,
    rimMedian: rim.length % 2 ? rim[m]! : (rim[m - 1]! + rim[m]!) / 2,
  };
}

/**
 * The verdicts' thresholds, set on seeds 1–3 (measured values in LANDSCAPE_SPEC's comment) and
 * checked unchanged on the held-out seeds.
 * With frozen statistics (Li et al.'s protocol), a sharper plain basin: the loss stays below
 * chance on at most PLAIN_BASIN of the plain net's plane and on at least RESIDUAL_BASIN of the
 * residual net's, and the plain slice's rim is at least RIM_RATIO times higher.
 */
export const PLAIN_BASIN = 0.1;
export const RESIDUAL_BASIN = 0.2;
export const RIM_RATIO = 100;
/** A basin, not a chaotic slice: at most this many local minima (grid and sampling leave a few). */
export const SMOOTH_MINIMA = 5;
/** A chaotic slice: at least this many local minima. */
export const CHAOTIC_MINIMA = 20;
/**
 * With frozen statistics, from the shallowest depth to the deepest, the plain slice's rim rises
 * at least PLAIN_STEEPENING-fold, the residual one's at most RESIDUAL_STEEPENING-fold.
 */
export const PLAIN_STEEPENING = 1000;
export const RESIDUAL_STEEPENING = 10;

/** What one depth and seed show. */
export interface LandscapeVerdict {
  blocks: number;
  seed: number;
  /** Both nets reached the training rule's target loss. */
  bothTrained: boolean;
  /** Frozen statistics: the plain basin is far narrower and its rim far higher than the residual's. */
  frozenPlainSharper: boolean;
  /** Frozen statistics: both slices are basins, with at most SMOOTH_MINIMA local minima. */
  frozenBothBasins: boolean;
  /** Recomputed statistics: the plain slice is chaotic, the residual one a basin. */
  recomputedPlainChaotic: boolean;
}

/** What one seed shows across depths (frozen statistics). */
export interface LandscapeDepthVerdict {
  seed: number;
  /** The plain rim rises at least PLAIN_STEEPENING-fold from the shallowest depth to the deepest. */
  plainSteepens: boolean;
  /** The residual rim rises at most RESIDUAL_STEEPENING-fold over the same depths. */
  residualSteepensLittle: boolean;
}

/** The run (or measure) of `arm` at `blocks` blocks, seed `seed`, with `statistics`. */
export const landscapeOf = <R extends LandscapeMeasure>(
  runs: readonly R[],
  seed: number,
  blocks: number,
  statistics: BnStatistics,
  arm: SweepArm,
) =>
  runs.find(
    (r) => r.seed === seed && r.blocks === blocks && r.statistics === statistics && r.arm === arm,
  );

/** Judges each depth and seed of `runs` (in the order they first appear). */
export function landscapeVerdicts(runs: readonly LandscapeMeasure[]): LandscapeVerdict[] {
  const keys = [...new Set(runs.map((r) => `${r.blocks}:${r.seed}`))];
  return keys.map((key) => {
    const [blocks, seed] = key.split(':').map(Number) as [number, number];
    const of = (statistics: BnStatistics, arm: SweepArm) =>
      landscapeOf(runs, seed, blocks, statistics, arm);
    const [fp, fr] = [of('frozen', 'plain'), of('frozen', 'residual')];
    const [rp, rr] = [of('recomputed', 'plain'), of('recomputed', 'residual')];
    const any = [fp, fr, rp, rr].filter((r) => r !== undefined);
    const bothTrained =
      any.some((r) => r.arm === 'plain') &&
      any.some((r) => r.arm === 'residual') &&
      any.every((r) => r.trained.reached);
    const frozenPlainSharper =
      !!fp &&
      !!fr &&
      fp.result.basin.belowChance <= PLAIN_BASIN &&
      fr.result.basin.belowChance >= RESIDUAL_BASIN &&
      fp.result.basin.rimMedian >= RIM_RATIO * fr.result.basin.rimMedian;
    const frozenBothBasins =
      !!fp &&
      !!fr &&
      fp.result.curvature.localMinima <= SMOOTH_MINIMA &&
      fr.result.curvature.localMinima <= SMOOTH_MINIMA;
    const recomputedPlainChaotic =
      !!rp &&
      !!rr &&
      rp.result.curvature.localMinima >= CHAOTIC_MINIMA &&
      rr.result.curvature.localMinima <= SMOOTH_MINIMA;
    return {
      blocks,
      seed,
      bothTrained,
      frozenPlainSharper,
      frozenBothBasins,
      recomputedPlainChaotic,
    };
  });
}

/** Judges each seed of `runs` across its depths, with frozen statistics. */
export function landscapeDepthVerdicts(runs: readonly LandscapeMeasure[]): LandscapeDepthVerdict[] {
  const frozen = runs.filter((r) => r.statistics === 'frozen');
  const seeds = [...new Set(frozen.map((r) => r.seed))];
  return seeds.map((seed) => {
    const rise = (arm: SweepArm) => {
      const mine = frozen.filter((r) => r.seed === seed && r.arm === arm);
      if (mine.length < 2) return NaN;
      const by = [...mine].sort((a, b) => a.blocks - b.blocks);
      return by.at(-1)!.result.basin.rimMedian / by[0]!.result.basin.rimMedian;
    };
    return {
      seed,
      plainSteepens: rise('plain') >= PLAIN_STEEPENING,
      residualSteepensLittle: rise('residual') <= RESIDUAL_STEEPENING,
    };
  });
}
