import { line, scaleLinear, scaleLog, scalePoint } from 'd3';
import { formatDecade, formatValue } from './format';
import { PLOT_COLORS } from './colors';
import { legendLayout, type LegendItem } from '../parts/Legend';
import { classifyForLog, decadeTicks, linearDomain, logDomain, thinLabels } from './scales';
import type { AxisTick } from '../parts/Axes';
import type { AxesLayout } from '../parts/AxesSvg';
import type { Series, YScaleKind } from '../types';

/** Height of the strip under a log axis where exact zeros are drawn. */
export const ZERO_BAND = 18;

/** One data point of a profile, placed in plot-area pixels. */
export interface ProfileMark {
  s: number;
  i: number;
  x: number;
  y: number;
  value: number;
  kind: 'ok' | 'zero' | 'nonfinite' | 'negative';
}

/** Everything the profile plot draws, computed from data and size only (no DOM). */
export interface ProfileGeometry extends AxesLayout {
  margin: { top: number; right: number; bottom: number; left: number };
  innerW: number;
  innerH: number;
  legendTop: number;
  domain: [number, number];
  yTicks: AxisTick[];
  xTicks: AxisTick[];
  rotateX: boolean;
  zeroBand: number;
  paths: string[];
  /** Per series: dots at finite points, hollow circles for zeros, × for non-finite values. */
  dots: string[];
  zeros: string[];
  crosses: string[];
  /** Radius of the per-layer dots (smaller when layers are dense). */
  dotR: number;
  marks: ProfileMark[][];
  xOf: (i: number) => number;
  legend: LegendItem[];
}

const CHAR = 6.6;

/** Computes scales, ticks, paths and mark positions for LayerProfilePlot. */
export function profileGeometry(
  layerLabels: readonly string[],
  series: readonly Series[],
  width: number,
  height: number,
  yScale: YScaleKind,
): ProfileGeometry {
  const L = layerLabels.length;
  const legend: LegendItem[] = series.length > 1 ? series.map((s) => ({ ...s })) : [];
  // The × above the plot needs a word: a reader cannot guess that it marks NaN or infinity.
  const nonFinite = (v: ArrayLike<number>) =>
    Array.prototype.some.call(v, (x: number, i: number) => i < L && !Number.isFinite(x));
  if (series.some((s) => nonFinite(s.values))) {
    legend.push({
      id: 'nonfinite',
      label: 'not finite (NaN or ∞)',
      color: PLOT_COLORS.ink,
      marker: 'cross',
    });
  }
  const left = yScale === 'log' ? 58 : 56;
  const legendH = legendLayout(legend, width - left).height;
  const maxLen = Math.min(18, Math.max(1, ...layerLabels.map((l) => l.length)));
  const innerW = Math.max(40, width - left - 14);
  const x = scalePoint<number>()
    .domain(Array.from({ length: L }, (_, i) => i))
    .range([0, innerW])
    .padding(0.5);
  const band = x.step();
  let shown = thinLabels(L, band, maxLen * CHAR + 10);
  const rotateX = shown.length < Math.min(L, 5);
  // Tilted by 40° (Axes.tsx), neighbouring labels lie sin 40° × their spacing apart across their
  // lines: 20 px keeps 13 px, one line of 11 px text, between them.
  if (rotateX) shown = thinLabels(L, band, 20);
  const bottom = 40 + (rotateX ? Math.round(maxLen * CHAR * 0.64) : 0);
  // Extra room on top for the × markers of non-finite values.
  const margin = { top: legendH + (legendH ? 18 : 14), right: 14, bottom, left };
  const innerH = Math.max(60, height - margin.top - margin.bottom);

  const values = series.map((s) => s.values);
  const isLog = yScale === 'log';
  let hasZero = false;
  if (isLog) {
    for (const v of values) for (let i = 0; i < v.length; i++) if (v[i] === 0) hasZero = true;
  }
  const zeroBand = hasZero ? ZERO_BAND : 0;
  const domain = isLog ? logDomain(values) : linearDomain(values);
  const range: [number, number] = [innerH - zeroBand, 0];
  const maxTicks = Math.max(3, Math.floor(innerH / 30));
  let y: (v: number) => number;
  let yTicks: AxisTick[];
  if (isLog) {
    const s = scaleLog().domain(domain).range(range);
    y = (v) => s(v);
    yTicks = decadeTicks(domain, maxTicks).map((e) => ({
      pos: s(Number(`1e${e}`)),
      label: formatDecade(e),
    }));
    if (hasZero) yTicks.push({ pos: innerH - ZERO_BAND / 2, label: '0' });
  } else {
    const s = scaleLinear().domain(domain).range(range);
    y = (v) => s(v);
    yTicks = s
      .ticks(maxTicks)
      .map((t) => ({ pos: s(t), label: formatValue(t, { zero: 'plain' }) }));
  }
  const xOf = (i: number) => x(i) ?? 0;
  const xTicks = shown.map((i) => {
    const label = layerLabels[i] ?? String(i);
    return { pos: xOf(i), label: label.length > 18 ? `${label.slice(0, 17)}…` : label };
  });

  const marks = series.map((s, si) => {
    const n = Math.min(L, s.values.length);
    const row: ProfileMark[] = [];
    for (let i = 0; i < n; i++) {
      const v = s.values[i] as number;
      const kind = isLog ? classifyForLog(v) : Number.isFinite(v) ? 'ok' : 'nonfinite';
      const py =
        kind === 'ok'
          ? y(v)
          : kind === 'zero'
            ? innerH - ZERO_BAND / 2
            : kind === 'negative'
              ? innerH - zeroBand
              : -7;
      row.push({ s: si, i, x: xOf(i), y: py, value: v, kind });
    }
    return row;
  });
  const gen = line<ProfileMark>()
    .defined((m) => m.kind === 'ok')
    .x((m) => m.x)
    .y((m) => m.y);
  const paths = marks.map((row) => gen(row) ?? '');
  // One path per series and kind keeps the DOM small at 200 layers × several series.
  const dotR = Math.max(1.2, Math.min(2.5, band / 4));
  const circle = (m: ProfileMark, r: number) =>
    `M${(m.x - r).toFixed(1)},${m.y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  const cross = (m: ProfileMark) =>
    `M${m.x - 3},${m.y - 3}L${m.x + 3},${m.y + 3}M${m.x - 3},${m.y + 3}L${m.x + 3},${m.y - 3}`;
  const dots = marks.map((row) =>
    row
      .filter((m) => m.kind === 'ok')
      .map((m) => circle(m, dotR))
      .join(''),
  );
  const zeros = marks.map((row) =>
    row
      .filter((m) => m.kind === 'zero')
      .map((m) => circle(m, 3.5))
      .join(''),
  );
  const crosses = marks.map((row) =>
    row
      .filter((m) => m.kind === 'nonfinite')
      .map(cross)
      .join(''),
  );
  return {
    margin,
    innerW,
    innerH,
    legendTop: 4,
    domain,
    yTicks,
    xTicks,
    rotateX,
    zeroBand,
    paths,
    dots,
    zeros,
    crosses,
    dotR,
    marks,
    xOf,
    legend,
    width,
    height,
    // The y label 14 px inside the SVG's edge, the x label under the (maybe rotated) tick labels.
    yLabelX: -margin.left + 14,
    xLabelY: margin.bottom - 8,
  };
}
