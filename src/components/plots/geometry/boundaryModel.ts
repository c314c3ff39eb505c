import { contours, geoPath, geoTransform, interpolateLab, rgb, scaleLinear } from 'd3';
import { formatValue } from './format';

/** Background colours: light tints of the run palette so the data points stay readable on top. */
export const CLASS0_TINT = '#8db9de';
export const CLASS1_TINT = '#f3a878';
const MID = '#f7f7f7';

const lo = interpolateLab(CLASS0_TINT, MID);
const hi = interpolateLab(MID, CLASS1_TINT);

/**
 * Colour of P(class 1): class-0 blue tint at 0, near-white at 0.5, class-1 orange tint at 1.
 * Non-finite probabilities (a diverged run) are drawn grey.
 */
export function boundaryColor(p: number): string {
  if (!Number.isFinite(p)) return '#9a9a9a';
  const t = Math.max(0, Math.min(1, p));
  return t < 0.5 ? lo(t * 2) : hi((t - 0.5) * 2);
}

/** RGBA pixels for the res × res grid (row 0 = top), for putImageData. */
export function boundaryPixels(
  grid: ArrayLike<number>,
  res: number,
): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(res * res * 4);
  // A 65-step lookup keeps per-pixel work to an index computation.
  const lut = Array.from({ length: 65 }, (_, k) => rgb(boundaryColor(k / 64)));
  const grey = rgb(boundaryColor(Number.NaN));
  for (let i = 0; i < res * res; i++) {
    const p = i < grid.length ? (grid[i] as number) : Number.NaN;
    const c = Number.isFinite(p) ? lut[Math.round(Math.max(0, Math.min(1, p)) * 64)] : grey;
    px[i * 4] = c?.r ?? 0;
    px[i * 4 + 1] = c?.g ?? 0;
    px[i * 4 + 2] = c?.b ?? 0;
    px[i * 4 + 3] = 255;
  }
  return px;
}

/**
 * SVG path of the P = 0.5 contour in plot pixels (side × side), or '' when the grid holds
 * non-finite values or no boundary. Grid cell centres map to ((c + 0.5)·side/res, (r + 0.5)·side/res).
 */
export function boundaryPath(grid: ArrayLike<number>, res: number, side: number): string {
  if (res < 2 || grid.length < res * res) return '';
  const vals = new Array<number>(res * res);
  for (let i = 0; i < res * res; i++) {
    const v = grid[i] as number;
    if (!Number.isFinite(v)) return '';
    vals[i] = v;
  }
  const [c] = contours().size([res, res]).thresholds([0.5])(vals);
  if (!c || c.coordinates.length === 0) return '';
  // d3.contours puts grid value k at coordinate k + 0.5 already; scale into pixels.
  const k = side / res;
  const proj = geoTransform({
    point(x, y) {
      this.stream.point(x * k, y * k);
    },
  });
  return geoPath(proj)(c) ?? '';
}

/** Bilinear-free lookup: P(class 1) of the grid cell containing data point (x, y). */
export function probabilityAt(
  grid: ArrayLike<number>,
  res: number,
  extent: readonly [number, number, number, number],
  x: number,
  y: number,
): number {
  const [x0, x1, y0, y1] = extent;
  const c = Math.floor(((x - x0) / (x1 - x0)) * res);
  const r = Math.floor(((y1 - y) / (y1 - y0)) * res);
  if (c < 0 || r < 0 || c >= res || r >= res) return Number.NaN;
  return grid[r * res + c] as number;
}

/**
 * Summary table for the decision boundary: P(class 1) on a coarse grid (rows from top to bottom),
 * plus a note with point counts and how many lie on their class's side of 0.5.
 */
export function boundaryTable(
  grid: ArrayLike<number>,
  res: number,
  extent: readonly [number, number, number, number],
  points: { x: ArrayLike<number>; y: ArrayLike<number>; label: ArrayLike<number> },
  coarse = 7,
): { columns: string[]; rows: string[][]; note: string } {
  const [x0, x1, y0, y1] = extent;
  const xs = scaleLinear()
    .domain([0, coarse - 1])
    .range([x0, x1]);
  const ys = scaleLinear()
    .domain([0, coarse - 1])
    .range([y1, y0]);
  const f = (v: number) => formatValue(v, { zero: 'plain' });
  const columns = ['x₂ \\ x₁', ...Array.from({ length: coarse }, (_, k) => f(xs(k)))];
  const rows = Array.from({ length: coarse }, (_, r) => {
    const yv = ys(r);
    return [
      f(yv),
      ...Array.from({ length: coarse }, (_, k) => {
        // Clamp the sample to the last cell so the extent's edges are included.
        const p = probabilityAt(
          grid,
          res,
          extent,
          Math.min(xs(k), x1 - 1e-9 * (x1 - x0)),
          Math.max(yv, y0 + 1e-9 * (y1 - y0)),
        );
        return Number.isFinite(p) ? p.toFixed(2) : 'not finite';
      }),
    ];
  });
  const counts = [0, 0];
  let correct = 0;
  const n = Math.min(points.x.length, points.y.length, points.label.length);
  for (let i = 0; i < n; i++) {
    const lab = points.label[i] as number;
    if (lab === 0 || lab === 1) counts[lab] = (counts[lab] ?? 0) + 1;
    const p = probabilityAt(grid, res, extent, points.x[i] as number, points.y[i] as number);
    if ((lab === 1 && p > 0.5) || (lab === 0 && p < 0.5)) correct++;
  }
  const share = n ? `${Math.round((100 * correct) / n)}%` : '—';
  const note =
    `P(class 1) on a ${coarse}×${coarse} sample of the ${res}×${res} grid. ` +
    `Points: ${counts[0]} of class 0 (circles), ${counts[1]} of class 1 (triangles); ` +
    `${share} lie on their class's side of the 0.5 boundary.`;
  return { columns, rows, note };
}

/** Radius of the data-point markers. */
const R = 3.2;

/** One SVG path for all points of a class: circles for class 0, triangles for class 1. */
export function markerPath(xs: number[], ys: number[], triangle: boolean): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) {
    const x = (xs[i] as number).toFixed(1);
    const y = ys[i] as number;
    const xn = xs[i] as number;
    d += triangle
      ? `M${x},${(y - R - 0.6).toFixed(1)}L${(xn + R + 0.4).toFixed(1)},${(y + R * 0.75).toFixed(1)}L${(xn - R - 0.4).toFixed(1)},${(y + R * 0.75).toFixed(1)}Z`
      : `M${(xn - R).toFixed(1)},${y.toFixed(1)}a${R},${R} 0 1,0 ${2 * R},0a${R},${R} 0 1,0 ${-2 * R},0Z`;
  }
  return d;
}
