/**
 * What one slice of the loss landscape shows, from its grid of losses alone: where it is lowest,
 * the shape of its basin, and how non-convex it is.
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
