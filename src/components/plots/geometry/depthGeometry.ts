/**
 * Layout of a depth plot (d3 computes, React draws): a log x axis of depths, a linear y axis,
 * one point per run and one line through the medians of each group.
 */
import { line, scaleLinear, scaleLog } from 'd3';
import type { AxisTick } from '../parts/Axes';
import type { AxesLayout } from '../parts/AxesSvg';
import { formatValue } from './format';
import { legendLayout, type LegendItem } from '../parts/Legend';
import type { DepthGroup } from '../types';

/** Everything DepthPlot draws, from data and size only. */
export interface DepthGeometry extends AxesLayout {
  margin: { top: number; right: number; bottom: number; left: number };
  innerW: number;
  innerH: number;
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  legend: LegendItem[];
  /** Per group: its points' pixel positions (runs without a finite value are left out) and the
   * path through its medians. */
  groups: { points: { x: number; y: number }[]; path: string }[];
  empty: boolean;
}

/** `yDomain` fixes the y axis (a loss from 0 to chance, say); points above it sit on its edge. */
export function depthGeometry(
  groups: readonly DepthGroup[],
  width: number,
  height: number,
  yDomain: [number, number],
): DepthGeometry {
  const legend: LegendItem[] = groups.map((g) => ({
    id: g.id,
    label: g.label,
    color: g.color,
    markers: g.hollow,
  }));
  const left = 52;
  const innerW = Math.max(60, width - left - 16);
  const legendH = legendLayout(legend, innerW).height;
  const margin = { top: legendH + 10, right: 16, bottom: 42, left };
  const innerH = Math.max(60, height - margin.top - margin.bottom);
  const depths = [...new Set(groups.flatMap((g) => g.points.map((p) => p.x)))].sort(
    (a, b) => a - b,
  );
  const lo = depths[0] ?? 1;
  const hi = depths.at(-1) ?? 100;
  const logX = scaleLog()
    .domain([lo / 1.3, hi * 1.3])
    .range([0, innerW]);
  // Rounded to 1/100 px: Node and the browser compute logarithms to slightly different last
  // digits, and a prerendered plot must hydrate with exactly the same attributes.
  const x = (v: number) => Math.round(logX(v) * 100) / 100;
  const y = scaleLinear().domain(yDomain).range([innerH, 0]).clamp(true);
  return {
    margin,
    innerW,
    innerH,
    xTicks: depths.map((d) => ({ pos: x(d), label: String(d) })),
    yTicks: y.ticks(5).map((v) => ({ pos: y(v), label: formatValue(v, { zero: 'plain' }) })),
    legend,
    groups: groups.map((g) => ({
      points: g.points.filter((p) => Number.isFinite(p.y)).map((p) => ({ x: x(p.x), y: y(p.y) })),
      // A median that is not finite (most runs failed) is drawn at the worse end: the top.
      path:
        line<{ x: number; y: number }>()
          .x((p) => x(p.x))
          .y((p) => (Number.isFinite(p.y) ? y(p.y) : 0))(g.medians) ?? '',
    })),
    empty: depths.length === 0,
    width,
    height,
    // The y label 12 px inside the SVG's edge (the left margin is 52).
    yLabelX: -40,
  };
}
