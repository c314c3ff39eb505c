import { line, scaleLinear } from 'd3';
import type { AxisTick } from '../parts/Axes';
import { decimate, markersPath } from './curveGeometry';
import { formatValue } from './format';
import { legendLayout, type LegendItem } from '../parts/Legend';
import { linearDomain } from './scales';
import type { CurveSeries } from '../types';

/** One panel of a small-multiples plot: its title and its curves. */
export interface CurvePanel {
  id: string;
  title: string;
  series: CurveSeries[];
}

/** How the panels are laid out. */
export interface PanelLayoutOptions {
  /** Height of each panel's plot area, px. */
  panelHeight: number;
  /** Narrowest a panel's plot area may get before the grid drops a column, px. */
  minPanelWidth: number;
  /** Most columns, however wide the plot. */
  maxColumns: number;
  /** Shared y domain; otherwise fitted to every panel's data. */
  yDomain?: [number, number];
  /** The legend; otherwise each series id once, in the order the panels first show it. */
  legend?: LegendItem[];
}

/** Where one panel sits (its plot area's top left, in SVG px) and its paths. */
export interface PanelBox {
  x: number;
  y: number;
  /** Whether this panel's column is the first (it carries the y tick labels). */
  firstColumn: boolean;
  paths: string[];
  /** Per series: its markers, or '' for a series without them. */
  markers: string[];
}

/** Everything PanelPlot draws, from data and size only. */
export interface PanelGeometry {
  width: number;
  height: number;
  columns: number;
  panelW: number;
  panelH: number;
  legend: LegendItem[];
  legendTop: number;
  left: number;
  /** Width of the grid (and of the legend above it). */
  innerW: number;
  panels: PanelBox[];
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  xDomain: [number, number];
  yDomain: [number, number];
  /** y of the x axis label's baseline. */
  xLabelY: number;
  empty: boolean;
}

const LEFT = 50;
const RIGHT = 8;
const GAP = 14;
/** The strip above each panel for its title. */
const TITLE_H = 18;
/** The strip under each panel for its x tick labels. */
const TICKS_H = 18;
const ROW_GAP = 8;

/**
 * Lays out `panels` in a grid that fits `width`: as many columns as keep each panel at least
 * `minPanelWidth` wide (up to `maxColumns`), shared x and y scales, the legend (every series id
 * once) on top and one x and one y axis label for the whole grid.
 */
export function panelGeometry(
  panels: readonly CurvePanel[],
  width: number,
  opts: PanelLayoutOptions,
): PanelGeometry {
  const legend: LegendItem[] = opts.legend ? [...opts.legend] : [];
  if (!opts.legend)
    for (const p of panels)
      for (const s of p.series)
        if (!legend.some((l) => l.id === s.id))
          legend.push({
            id: s.id,
            label: s.label,
            color: s.color,
            dashed: s.dashed,
            markers: s.markers,
          });
  const innerW = Math.max(60, width - LEFT - RIGHT);
  const fit = Math.floor((innerW + GAP) / (opts.minPanelWidth + GAP));
  const columns = Math.max(1, Math.min(opts.maxColumns, panels.length || 1, fit));
  const panelW = (innerW - GAP * (columns - 1)) / columns;
  const panelH = opts.panelHeight;
  const legendH = legendLayout(legend, innerW).height;
  const top = legendH + (legendH ? 8 : 0);
  const rowH = TITLE_H + panelH + TICKS_H + ROW_GAP;
  const rows = Math.ceil(panels.length / columns) || 1;

  let x0 = Infinity;
  let x1 = -Infinity;
  for (const p of panels)
    for (const s of p.series)
      for (let i = 0; i < s.x.length; i++) {
        const v = s.x[i] as number;
        if (Number.isFinite(v)) [x0, x1] = [Math.min(x0, v), Math.max(x1, v)];
      }
  const empty = !(x0 <= x1);
  if (empty) [x0, x1] = [0, 1];
  else if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  const yDomain = opts.yDomain ?? linearDomain(panels.flatMap((p) => p.series.map((s) => s.y)));
  const xs = scaleLinear().domain([x0, x1]).range([0, panelW]);
  const ys = scaleLinear().domain(yDomain).range([panelH, 0]);
  const tick = (t: number) => formatValue(t, { zero: 'plain' });
  const xTicks = xs.ticks(Math.max(2, Math.floor(panelW / 45))).map((t) => ({
    pos: xs(t),
    label: tick(t),
  }));
  const yTicks = ys.ticks(Math.max(2, Math.floor(panelH / 26))).map((t) => ({
    pos: ys(t),
    label: tick(t),
  }));
  // Values outside a fixed domain are drawn at its edge rather than over the next panel.
  const y = (v: number) => Math.max(0, Math.min(panelH, ys(v)));
  const boxes = panels.map((p, i): PanelBox => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const markers = p.series.map((s) =>
      s.markers
        ? markersPath(Math.min(s.x.length, s.y.length), (j) => {
            const [xv, yv] = [s.x[j] as number, s.y[j] as number];
            return Number.isFinite(xv) && Number.isFinite(yv) ? { x: xs(xv), y: y(yv) } : null;
          })
        : '',
    );
    const paths = p.series.map((s) => {
      const n = Math.min(s.x.length, s.y.length);
      const idx = decimate(
        Array.from({ length: n }, (_, j) => s.y[j] as number),
        Math.max(2, panelW * 2),
      );
      const gen = line<number>()
        .defined((j) => Number.isFinite(s.y[j] as number) && Number.isFinite(s.x[j] as number))
        .x((j) => xs(s.x[j] as number))
        .y((j) => y(s.y[j] as number));
      return gen(idx) ?? '';
    });
    return {
      x: LEFT + col * (panelW + GAP),
      y: top + row * rowH + TITLE_H,
      firstColumn: col === 0,
      paths,
      markers,
    };
  });
  const gridBottom = top + rows * rowH - ROW_GAP;
  return {
    width,
    height: gridBottom + 24,
    columns,
    panelW,
    panelH,
    legend,
    legendTop: 0,
    left: LEFT,
    innerW,
    panels: boxes,
    xTicks,
    yTicks,
    xDomain: [x0, x1],
    yDomain,
    xLabelY: gridBottom + 18,
    empty,
  };
}
