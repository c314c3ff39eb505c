/**
 * The loss-landscape figure's experiment (Li et al. 2018): a plain and a residual net of the
 * same depth, trained alike, then the training loss on a plane through each trained θ*,
 * L(θ* + a·δ + b·η) for (a, b) in [−span, span]², along two random filter-normalised directions
 * δ, η (landscape.ts). What it is, what it records and how its outcome is judged live here,
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
import { parseConfig, type ExperimentConfig } from './config';
import { SWEEP_ARMS, type SweepArm } from './study-nets';

/** What the landscape figure trains and slices. */
export interface LandscapeSpec {
  /** Everything but `skip` and `seed`. */
  base: ExperimentConfig;
  seeds: readonly number[];
  /** Points per side of the grid; odd, so that θ* itself is the centre point. */
  grid: number;
  /** a and b run over [−span, span]. */
  span: number;
  /** The loss is measured on the first `rows` training rows (see LANDSCAPE_SPEC). */
  rows: number;
}

/**
 * The figure's nets: ReLU with batch norm, pre-activation blocks, 16 blocks of width 32 on the
 * circles, Adam at 0.01 for 300 steps, residual branches scaled by 0.15 as in the lesion
 * figure. Why not the lesion figure's sigmoid nets of 24 blocks: both of their slices are
 * basins, the plain one only rougher at the rim (4–11 local minima against 2–3); with ReLU the
 * plain slice is chaotic, more so with depth (7–12 minima at 8 blocks, 35–45 at 16, 65–77 at
 * 24; the residual slices 0–3 throughout). Why 16 blocks: the plain net still fits the circles
 * (0.89–0.99 training accuracy; at 24 it stalls at 0.73–0.81 training accuracy, and the comparison would be with a net that
 * failed). The loss is measured on the first 256 of the 1000 training rows: a slice of 961
 * points over all of them took 10–11 s in Node wasm, over 256 rows 4.3 s, with the same
 * verdicts and shares within 0.08 (the plain slices' minima: 27–32 over all rows, 35–45 over
 * 256, the fewer rows adding some roughness of their own).
 */
export const LANDSCAPE_SPEC: LandscapeSpec = {
  base: parseConfig({
    dataset: 'circles',
    blocks: 16,
    width: 32,
    batchSize: 64,
    activation: 'relu',
    init: 'he',
    norm: 'batch',
    order: 'pre',
    branchScale: 0.15,
    optimizer: 'adam',
    learningRate: 0.01,
    steps: 300,
  }),
  seeds: [1, 2, 3],
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
  curvature: CurvatureMeasures;
}

/** One net of the study: its arm, seed and config. */
export interface LandscapeNet {
  arm: SweepArm;
  seed: number;
  config: ExperimentConfig;
}

/** A trained net's slice. */
export interface LandscapeRun {
  arm: SweepArm;
  seed: number;
  result: LandscapeResult;
}

/** A finished study, as written to LANDSCAPE_FILE. */
export interface LandscapeFile {
  command: string;
  fingerprint: string;
  backend: string;
  spec: LandscapeSpec;
  runs: LandscapeRun[];
}

/** The nets of `spec`, seed by seed, plain first. */
export function landscapeNets(spec: LandscapeSpec): LandscapeNet[] {
  return spec.seeds.flatMap((seed) =>
    SWEEP_ARMS.map((arm) => ({
      arm,
      seed,
      config: parseConfig({ ...spec.base, seed, skip: arm === 'plain' ? 'none' : 'identity' }),
    })),
  );
}

/** The coordinate of grid index `i` (row → b, column → a). */
export function gridCoordinate(i: number, grid: number, span: number): number {
  return -span + (2 * span * i) / (grid - 1);
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

/** Centre loss below which a net counts as trained: chance for two classes is ln 2 ≈ 0.69. */
export const TRAINED_LOSS = 0.35;
/** A chaotic slice: at least this many local minima, and this share of negative radial curvature. */
export const CHAOTIC_MINIMA = 20;
export const CHAOTIC_RADIAL = 0.4;
/** A smooth basin: at most this many local minima (grid and sampling leave a few). */
export const SMOOTH_MINIMA = 5;
/**
 * How far the residual slice's negative radial share must stay below the plain one's. It is not
 * near 0: the residual loss saturates towards chance at the rim, which curves down along the
 * rays (0.11–0.25 of the slice). The eigenvalue share is reported, not judged: it counts the
 * same rim and separates the arms less (0.28–0.43 against 0.62–0.63).
 */
export const RADIAL_MARGIN = 0.1;

/** What a seed shows. */
export interface LandscapeVerdict {
  seed: number;
  /** The plain net trained, and its slice is chaotic: many local minima, curvature of either sign. */
  plainChaotic: boolean;
  /** The residual net trained, and its slice is one smooth basin, clearly less non-convex. */
  residualSmooth: boolean;
}

/** Judges each seed of `runs`. */
export function landscapeVerdicts(runs: readonly LandscapeRun[]): LandscapeVerdict[] {
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const plain = runs.find((r) => r.seed === seed && r.arm === 'plain')?.result;
    const residual = runs.find((r) => r.seed === seed && r.arm === 'residual')?.result;
    const plainChaotic =
      !!plain &&
      plain.centre < TRAINED_LOSS &&
      plain.curvature.localMinima >= CHAOTIC_MINIMA &&
      plain.curvature.radialNegative >= CHAOTIC_RADIAL;
    const residualSmooth =
      !!plain &&
      !!residual &&
      residual.centre < TRAINED_LOSS &&
      residual.curvature.localMinima <= SMOOTH_MINIMA &&
      residual.curvature.radialNegative <= plain.curvature.radialNegative - RADIAL_MARGIN;
    return { seed, plainChaotic, residualSmooth };
  });
}
