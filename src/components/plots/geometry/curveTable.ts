import { formatValue } from './format';
import { nearestIndex } from './curveGeometry';
import type { CurveSeries } from '../types';

/** Most rows the curve table shows; longer runs are sampled evenly (first and last kept). */
export const MAX_CURVE_ROWS = 30;

/**
 * Rows of the curve data table: x values of the longest series, sampled to at most
 * MAX_CURVE_ROWS, with each series' value at exactly that x (or "—").
 */
export function curveTableRows(
  series: readonly CurveSeries[],
  xLabel: string,
): { columns: string[]; rows: string[][]; note?: string } {
  const columns = [xLabel, ...series.map((s) => s.label)];
  let longest: CurveSeries | undefined;
  for (const s of series) if (!longest || s.x.length > longest.x.length) longest = s;
  const n = longest ? longest.x.length : 0;
  if (!longest || n === 0) return { columns, rows: [] };
  const count = Math.min(n, MAX_CURVE_ROWS);
  const idx = new Set<number>();
  for (let k = 0; k < count; k++)
    idx.add(count === 1 ? n - 1 : Math.round((k * (n - 1)) / (count - 1)));
  const rows = [...idx].map((i) => {
    const xv = longest.x[i] as number;
    return [
      formatValue(xv, { zero: 'plain' }),
      ...series.map((s) => {
        const j = nearestIndex(s.x, xv);
        return j >= 0 && (s.x[j] as number) === xv && j < s.y.length
          ? formatValue(s.y[j] as number, { zero: 'plain' })
          : '—';
      }),
    ];
  });
  const note = n > count ? `${count} of ${n} points, evenly spaced.` : undefined;
  return { columns, rows, note };
}
