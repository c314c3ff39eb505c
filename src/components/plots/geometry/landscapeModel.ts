/**
 * What a loss-landscape plot draws, computed without React: the grid's pixels on a shared log
 * colour scale, contour lines at shared levels, and the thinned data table. The grid is
 * row-major with row i at b = gridCoordinate(i) (bottom to top) and column j at a (left to
 * right); the image puts the largest b on top.
 */
import { contours, geoPath, geoTransform } from 'd3';
import { formatValue } from './format';
import type { HeatmapScale } from './heatmapColor';

/** The coordinate of grid index `i` of `grid` points spanning [−span, span]. */
export const gridAt = (i: number, grid: number, span: number) =>
  -span + (2 * span * i) / (grid - 1);

/** The grid reordered top row first (largest b), as an image wants it. */
export function topFirst(losses: ArrayLike<number>, grid: number): Float64Array {
  const out = new Float64Array(grid * grid);
  for (let r = 0; r < grid; r++)
    for (let c = 0; c < grid; c++) out[r * grid + c] = losses[(grid - 1 - r) * grid + c] as number;
  return out;
}

/** RGBA pixels of the grid (top row first) on `scale`. */
export function landscapePixels(
  losses: ArrayLike<number>,
  grid: number,
  scale: HeatmapScale,
): Uint8ClampedArray<ArrayBuffer> {
  const img = topFirst(losses, grid);
  const px = new Uint8ClampedArray(grid * grid * 4);
  img.forEach((v, i) => {
    px.set(scale.rgbOf(v), i * 4);
    px[i * 4 + 3] = 255;
  });
  return px;
}

/**
 * `count` contour levels spaced evenly in log between the ends of `domain`, so that two plots
 * with the same domain draw the same levels.
 */
export function contourLevels(domain: [number, number], count = 10): number[] {
  const [lo, hi] = domain.map(Math.log10) as [number, number];
  return Array.from({ length: count }, (_, k) => 10 ** (lo + ((k + 1) * (hi - lo)) / (count + 1)));
}

/** SVG paths of the contour lines at `levels`, in a square of `side` px. */
export function contourPaths(
  losses: ArrayLike<number>,
  grid: number,
  levels: readonly number[],
  side: number,
): { level: number; d: string }[] {
  const img = Array.from(topFirst(losses, grid));
  // d3.contours puts value k at coordinate k + 0.5; each grid cell is side / grid px.
  const k = side / grid;
  const path = geoPath(
    geoTransform({
      point(x, y) {
        this.stream.point(x * k, y * k);
      },
    }),
  );
  return contours()
    .size([grid, grid])
    .thresholds([...levels])(img)
    .map((c) => ({ level: c.value, d: path(c) ?? '' }))
    .filter((c) => c.d);
}

/** The data table: every `every`-th point of the grid (and the centre), as (a, b, loss). */
export function landscapeTable(
  losses: ArrayLike<number>,
  grid: number,
  span: number,
  every: number,
): { columns: string[]; rows: string[][]; note: string } {
  const mid = (grid - 1) / 2;
  const picked = Array.from({ length: grid }, (_, i) => i).filter((i) => (i - mid) % every === 0);
  const fmt = (v: number) => formatValue(v, { zero: 'plain' });
  const rows = picked.flatMap((i) =>
    picked.map((j) => [
      fmt(gridAt(j, grid, span)),
      fmt(gridAt(i, grid, span)),
      fmt(losses[i * grid + j] as number),
    ]),
  );
  return {
    columns: ['a', 'b', 'loss'],
    rows,
    note: `Every ${every === 1 ? '' : `${ordinal(every)} `}point of the ${grid} × ${grid} grid, through the centre (a = b = 0: the trained net).`,
  };
}

/** 2nd, 3rd, 5th, 11th, 22nd: a grid other than the shipped 31 × 31 is thinned by 2 or 3. */
function ordinal(n: number): string {
  const teens = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teens ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
