import { line, scaleLinear, scaleLog } from 'd3';
import { formatDecade, formatValue } from './format';
import { legendLayout, MARKER_R, type LegendItem } from '../parts/Legend';
import { ZERO_BAND } from './profileGeometry';
import { decadeTicks, linearDomain, logDomain } from './scales';
import type { AxisTick } from '../parts/Axes';
import type { AxesLayout } from '../parts/AxesSvg';
import type { CurveSeries, YScaleKind } from '../types';

/** Everything CurvePlot draws, from data and size only. */
export interface CurveGeometry extends AxesLayout {
  margin: { top: number; right: number; bottom: number; left: number };
  innerW: number;
  innerH: number;
  xDomain: [number, number];
  yDomain: [number, number];
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  paths: string[];
  /** Height of the strip under a log axis where exact zeros sit (0 when there are none). */
  zeroBand: number;
  /** Per series: hollow circles at its exact zeros, on a log axis. */
  zeros: string[];
  /** Per series: its markers (`markersPath`), or '' for a series without them. */
  markers: string[];
  legend: LegendItem[];
  /** Plot-area position of point i of series s (y clamped into the plot for display). */
  at: (s: number, i: number) => { x: number; y: number } | null;
  /** x value under a pixel. */
  xAtPixel: (px: number) => number;
  empty: boolean;
}

const isDrawable = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);

/**
 * Indices to draw for a long curve: per bucket of `step` points the minimum and the maximum (in
 * index order), so spikes survive while the path stays about two points per pixel.
 */
export function decimate(y: ArrayLike<number>, maxPoints: number): number[] {
  const n = y.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((2 * n) / maxPoints);
  const out: number[] = [];
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n, start + step);
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      const v = y[i] as number;
      // A non-finite value must break the line, so keep it as its own point.
      if (!Number.isFinite(v)) {
        lo = i;
        hi = i;
        break;
      }
      if (v < (y[lo] as number)) lo = i;
      if (v > (y[hi] as number)) hi = i;
    }
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** Most markers a series with markers gets; a longer one has a marker every few points. */
export const MOST_MARKERS = 32;

/**
 * The points of a series of `n` that get a marker: every one up to MOST_MARKERS, else evenly
 * spaced ones, the first and the last included.
 */
export function markerIndices(n: number): number[] {
  if (n <= MOST_MARKERS) return Array.from({ length: n }, (_, i) => i);
  const every = Math.ceil((n - 1) / (MOST_MARKERS - 1));
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += every) out.push(i);
  return [...out, n - 1];
}

/**
 * Circles of radius MARKER_R at `markerIndices` of a series, at `at(i)` (null: the point is not
 * drawn, as a non-finite value or a zero on a log axis is not), as one path.
 */
export function markersPath(n: number, at: (i: number) => { x: number; y: number } | null) {
  const r = MARKER_R;
  let d = '';
  for (const i of markerIndices(n)) {
    const p = at(i);
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y))
      d += `M${(p.x - r).toFixed(1)},${p.y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}

/** Index of the point of `x` nearest to value v (x ascending), or -1 when x is empty. */
export function nearestIndex(x: ArrayLike<number>, v: number): number {
  const n = x.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && v - (x[lo - 1] as number) <= (x[lo] as number) - v) return lo - 1;
  return lo;
}

/** Computes scales, ticks and paths for CurvePlot. */
export function curveGeometry(
  series: readonly CurveSeries[],
  width: number,
  height: number,
  yScale: YScaleKind,
  yDomainIn?: [number, number],
): CurveGeometry {
  const log = yScale === 'log';
  const legend: LegendItem[] = series.length > 1 ? series.map((s) => ({ ...s })) : [];
  const left = 58;
  const innerW = Math.max(40, width - left - 16);
  const legendH = legendLayout(legend, innerW).height;
  const margin = { top: legendH + (legendH ? 10 : 8), right: 16, bottom: 42, left };
  const innerH = Math.max(60, height - margin.top - margin.bottom);

  let x0 = Infinity;
  let x1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const v = s.x[i] as number;
      if (Number.isFinite(v)) {
        if (v < x0) x0 = v;
        if (v > x1) x1 = v;
      }
    }
  }
  const empty = !(x0 <= x1);
  if (empty) [x0, x1] = [0, 1];
  else if (x0 === x1) [x0, x1] = [Math.max(0, x0 - 1), x0 + 1];
  const xs = scaleLinear().domain([x0, x1]).range([0, innerW]);
  const xDomain: [number, number] = [x0, x1];
  const ys = series.map((s) => s.y);
  const yDomain = yDomainIn ?? (log ? logDomain(ys) : linearDomain(ys));
  // A log axis has no 0: exact zeros (a product that underflows float32) get a strip of their
  // own under it, labelled 0, as in the layer profiles, rather than a point on the axis floor.
  const hasZero = log && ys.some((v) => Array.prototype.some.call(v, (x: number) => x === 0));
  const zeroBand = hasZero ? ZERO_BAND : 0;
  const zeroY = innerH - ZERO_BAND / 2;
  const maxTicks = Math.max(3, Math.floor(innerH / 30));
  let y: (v: number) => number;
  let yTicks: AxisTick[];
  if (log) {
    const s = scaleLog()
      .domain(yDomain)
      .range([innerH - zeroBand, 0]);
    y = (v) => s(v);
    yTicks = decadeTicks(yDomain, maxTicks).map((e) => ({
      pos: s(Number(`1e${e}`)),
      label: formatDecade(e),
    }));
    if (hasZero) yTicks.push({ pos: zeroY, label: '0' });
  } else {
    const s = scaleLinear().domain(yDomain).range([innerH, 0]);
    y = (v) => s(v);
    yTicks = s
      .ticks(maxTicks)
      .map((t) => ({ pos: s(t), label: formatValue(t, { zero: 'plain' }) }));
  }
  const xTickCount = Math.max(2, Math.floor(innerW / 80));
  const xTicks = xs
    .ticks(xTickCount)
    .map((t) => ({ pos: xs(t), label: formatValue(t, { zero: 'plain' }) }));

  const paths = series.map((s) => {
    const n = Math.min(s.x.length, s.y.length);
    const idx = decimate(
      n === s.y.length ? s.y : Array.from({ length: n }, (_, i) => s.y[i] as number),
      innerW * 2,
    );
    const gen = line<number>()
      .defined((i) => isDrawable(s.y[i] as number, log) && Number.isFinite(s.x[i] as number))
      .x((i) => xs(s.x[i] as number))
      .y((i) => y(s.y[i] as number));
    return gen(idx) ?? '';
  });
  const at = (si: number, i: number) => {
    const s = series[si];
    if (!s || i < 0 || i >= Math.min(s.x.length, s.y.length)) return null;
    const v = s.y[i] as number;
    const py = isDrawable(v, log)
      ? Math.max(0, Math.min(innerH - zeroBand, y(v)))
      : log && v === 0
        ? zeroY
        : 0;
    return { x: xs(s.x[i] as number), y: py };
  };
  const zeros = series.map((s) => {
    if (!hasZero) return '';
    let d = '';
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const px = xs(s.x[i] as number);
      if (s.y[i] === 0 && Number.isFinite(px))
        d += `M${(px - 3).toFixed(1)},${zeroY}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0`;
    }
    return d;
  });
  const markers = series.map((s, si) =>
    s.markers
      ? markersPath(Math.min(s.x.length, s.y.length), (i) =>
          isDrawable(s.y[i] as number, log) ? at(si, i) : null,
        )
      : '',
  );
  return {
    margin,
    innerW,
    innerH,
    xDomain,
    yDomain,
    xTicks,
    yTicks,
    paths,
    zeroBand,
    zeros,
    markers,
    legend,
    at,
    xAtPixel: (px) => xs.invert(px),
    empty,
    width,
    height,
  };
}
