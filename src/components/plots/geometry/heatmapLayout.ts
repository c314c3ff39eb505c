import { scaleBand, scaleLinear } from 'd3';
import type { AxisTick } from '../parts/Axes';
import { nearestIndex } from './curveGeometry';
import { formatValue } from './format';
import { thinLabels } from './scales';

/** Most step columns in the heatmap's data table. */
export const MAX_TABLE_STEPS = 6;

/** Axes and plot area of the heatmap, from sizes and labels only. */
export function heatmapLayout(
  layerLabels: readonly string[],
  steps: ArrayLike<number>,
  width: number,
  height: number,
) {
  const L = layerLabels.length;
  const n = steps.length;
  const maxLen = Math.min(14, Math.max(1, ...layerLabels.map((l) => l.length)));
  const margin = { top: 50, right: 14, bottom: 40, left: Math.round(maxLen * 6.2 + 34) };
  const innerW = Math.max(40, width - margin.left - margin.right);
  const innerH = Math.max(40, height - margin.top - margin.bottom);
  // Input side (layer 0) at the bottom, as in a network drawn bottom-up.
  const y = scaleBand<number>()
    .domain(Array.from({ length: L }, (_, i) => i))
    .range([innerH, 0]);
  const yTicks: AxisTick[] = thinLabels(L, y.bandwidth(), 14).map((l) => {
    const text = layerLabels[l] ?? String(l);
    return {
      pos: (y(l) ?? 0) + y.bandwidth() / 2,
      label: text.length > 14 ? `${text.slice(0, 13)}…` : text,
    };
  });
  const colX = scaleLinear()
    .domain([0, Math.max(1, n)])
    .range([0, innerW]);
  const xTicks: AxisTick[] = [];
  if (n > 0) {
    const first = steps[0] as number;
    const last = steps[n - 1] as number;
    const values =
      n === 1
        ? [first]
        : scaleLinear()
            .domain([first, last])
            .ticks(Math.max(2, Math.floor(innerW / 80)));
    const seen = new Set<number>();
    for (const t of values) {
      const j = nearestIndex(steps, t);
      if (j < 0 || seen.has(j)) continue;
      seen.add(j);
      xTicks.push({
        pos: colX(j + 0.5),
        label: formatValue(steps[j] as number, { zero: 'plain' }),
      });
    }
  }
  return { margin, innerW, innerH, y, colX, xTicks, yTicks, n, L };
}

/**
 * The heatmap's data table: one row per layer (input first) and up to MAX_TABLE_STEPS evenly
 * spaced steps (always the first and the latest) as columns, so it stays small.
 */
export function heatmapTable(
  layerLabels: readonly string[],
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
): { columns: string[]; rows: string[][]; note?: string } {
  const n = steps.length;
  const L = layerLabels.length;
  const count = Math.min(n, MAX_TABLE_STEPS);
  const picks = [
    ...new Set(
      Array.from({ length: count }, (_, k) =>
        count === 1 ? n - 1 : Math.round((k * (n - 1)) / (count - 1)),
      ),
    ),
  ];
  const columns = [
    'Layer',
    ...picks.map((j) => `step ${formatValue(steps[j] as number, { zero: 'plain' })}`),
  ];
  const rows = layerLabels.map((label, l) => [
    label,
    ...picks.map((j) => {
      const idx = j * L + l;
      return idx < values.length ? formatValue(values[idx] as number) : '—';
    }),
  ]);
  const note = n > count ? `${count} of ${n} recorded steps, evenly spaced.` : undefined;
  return { columns, rows, note };
}
