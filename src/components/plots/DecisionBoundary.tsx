import { scaleLinear } from 'd3';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { AxisBottom, AxisLeft } from './Axes';
import {
  boundaryColor,
  boundaryPath,
  boundaryPixels,
  boundaryTable,
  markerPath,
} from './boundaryModel';
import { PLOT_COLORS } from './colors';
import { formatValue } from './format';
import { RasterPlotFrame, type RasterImage } from './RasterPlotFrame';
import { SeriesReadout } from './Readout';
import { useContainerWidth } from './useContainerWidth';

/** Props of {@link DecisionBoundary}. */
export interface DecisionBoundaryProps {
  title: string;
  /** P(class 1) on a resolution × resolution grid, row-major, row 0 = ymax (top). */
  grid: Float32Array;
  resolution: number;
  /** [xmin, xmax, ymin, ymax] of the grid. */
  extent: [number, number, number, number];
  points: { x: Float32Array; y: Float32Array; label: Int32Array };
  ariaLabel?: string;
  /** Largest side of the square plot area in px (default 360); shrinks on narrow screens. */
  size?: number;
}

const MARGIN = { top: 26, right: 12, bottom: 40, left: 46 };
/**
 * The classifier's P(class 1) over the 2-D input plane (canvas) with the 0.5 boundary as a line
 * and the data points on top (class 0: blue circles, class 1: orange triangles). Square.
 */
export function DecisionBoundary({
  title,
  grid,
  resolution,
  extent,
  points,
  ariaLabel,
  size = 360,
}: DecisionBoundaryProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(containerRef);
  const [cell, setCell] = useState<{ c: number; r: number } | null>(null);
  const [announce, setAnnounce] = useState('');
  const side = Math.max(120, Math.min(size, width - MARGIN.left - MARGIN.right));
  const svgW = side + MARGIN.left + MARGIN.right;
  const svgH = side + MARGIN.top + MARGIN.bottom;
  const res = resolution;
  const [x0, x1, y0, y1] = extent;

  const geo = useMemo(() => {
    const xs = scaleLinear().domain([x0, x1]).range([0, side]);
    const ys = scaleLinear().domain([y0, y1]).range([side, 0]);
    const px: [number[], number[]] = [[], []];
    const py: [number[], number[]] = [[], []];
    const other: number[] = [];
    const n = Math.min(points.x.length, points.y.length, points.label.length);
    for (let i = 0; i < n; i++) {
      const lab = points.label[i] as number;
      if (lab === 0 || lab === 1) {
        px[lab].push(xs(points.x[i] as number));
        py[lab].push(ys(points.y[i] as number));
      } else other.push(i);
    }
    const tick = (s: typeof xs) =>
      s
        .ticks(Math.max(3, Math.floor(side / 70)))
        .map((t) => ({ pos: s(t), label: formatValue(t, { zero: 'plain' }) }));
    return {
      xs,
      ys,
      class0: markerPath(px[0], py[0], false),
      class1: markerPath(px[1], py[1], true),
      counts: [px[0].length, px[1].length],
      xTicks: tick(xs),
      yTicks: tick(ys),
    };
  }, [points, x0, x1, y0, y1, side]);
  const contour = useMemo(() => boundaryPath(grid, res, side), [grid, res, side]);
  const table = useMemo(
    () => boundaryTable(grid, res, [x0, x1, y0, y1], points),
    [grid, res, x0, x1, y0, y1, points],
  );

  // Smoothing suits a probability field; the exact 0.5 line is drawn as a vector on top.
  const image = useMemo(
    (): RasterImage => ({ pixels: boundaryPixels(grid, res), cols: res, rows: res, smooth: true }),
    [grid, res],
  );

  const cellInfo = (c: { c: number; r: number }) => {
    const xv = geo.xs.invert(((c.c + 0.5) * side) / res);
    const yv = geo.ys.invert(((c.r + 0.5) * side) / res);
    const p = grid[c.r * res + c.c] as number;
    return {
      xv,
      yv,
      p,
      text: `x₁ ${formatValue(xv, { zero: 'plain' })}, x₂ ${formatValue(yv, { zero: 'plain' })}: P(class 1) = ${Number.isFinite(p) ? p.toFixed(2) : 'not finite'}`,
    };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - MARGIN.left;
    const py = e.clientY - box.top - MARGIN.top;
    if (px < 0 || py < 0 || px >= side || py >= side) return setCell(null);
    setCell({ c: Math.floor((px / side) * res), r: Math.floor((py / side) * res) });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const c = cell ?? { c: Math.floor(res / 2), r: Math.floor(res / 2) };
    const step = e.shiftKey ? Math.max(1, Math.round(res / 8)) : 1;
    const d: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const m = d[e.key];
    if (!m) return;
    e.preventDefault();
    const next = {
      c: Math.max(0, Math.min(res - 1, c.c + m[0])),
      r: Math.max(0, Math.min(res - 1, c.r + m[1])),
    };
    setCell(next);
    setAnnounce(cellInfo(next).text);
  };
  const info = cell && cell.c < res && cell.r < res ? cellInfo(cell) : null;
  const label =
    ariaLabel ??
    `${title}: the classifier's probability of class 1 over the input plane, x₁ from ${formatValue(x0, { zero: 'plain' })} to ${formatValue(x1, { zero: 'plain' })}, x₂ from ${formatValue(y0, { zero: 'plain' })} to ${formatValue(y1, { zero: 'plain' })}, with the 0.5 boundary and ${geo.counts[0]} class-0 and ${geo.counts[1]} class-1 points. ${table.note}`;
  return (
    <RasterPlotFrame
      title={title}
      containerRef={containerRef}
      table={table}
      ariaLabel={label}
      width={svgW}
      height={svgH}
      frameWidth={svgW}
      area={{ x: MARGIN.left, y: MARGIN.top, width: side, height: side }}
      image={image}
      cursor={{
        label: `${title}: ${info ? info.text : 'probe the input plane'}. Arrow keys move the probe.`,
        onFocus: () => !cell && setCell({ c: Math.floor(res / 2), r: Math.floor(res / 2) }),
        onBlur: () => setCell(null),
        onKeyDown,
      }}
      marker={
        info && cell ? (
          <circle
            cx={((cell.c + 0.5) * side) / res}
            cy={((cell.r + 0.5) * side) / res}
            r={5}
            fill="none"
            stroke={PLOT_COLORS.ink}
            strokeWidth={1.5}
            pointerEvents="none"
          />
        ) : null
      }
      onPointerMove={onPointerMove}
      onPointerLeave={() => setCell(null)}
      announce={announce}
      readout={
        info && cell ? (
          <SeriesReadout
            x={MARGIN.left + ((cell.c + 0.5) * side) / res}
            y={MARGIN.top + ((cell.r + 0.5) * side) / res}
            containerWidth={width}
            containerHeight={svgH}
            rows={[{ id: 'probe', color: boundaryColor(info.p), text: info.text }]}
          />
        ) : null
      }
    >
      <g transform={`translate(${MARGIN.left},8)`} fontSize={11} fill={PLOT_COLORS.ink}>
        <path
          d={markerPath([5], [5], false)}
          fill={PLOT_COLORS.a}
          stroke="#ffffff"
          strokeWidth={0.8}
        />
        <text x={13} y={5} dy="0.32em">
          class 0
        </text>
        <path
          d={markerPath([70], [5], true)}
          fill={PLOT_COLORS.b}
          stroke="#ffffff"
          strokeWidth={0.8}
        />
        <text x={78} y={5} dy="0.32em">
          class 1
        </text>
        <line x1={132} x2={150} y1={5} y2={5} stroke={PLOT_COLORS.ink} strokeWidth={1.5} />
        <text x={155} y={5} dy="0.32em">
          P = 0.5
        </text>
      </g>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <AxisLeft ticks={geo.yTicks} height={side} gridWidth={0} label="x₂" labelX={-34} />
        <AxisBottom ticks={geo.xTicks} width={side} height={side} label="x₁" labelY={34} />
        <rect width={side} height={side} fill="none" stroke={PLOT_COLORS.muted} />
        {contour ? (
          <path
            className="plot-boundary"
            d={contour}
            fill="none"
            stroke={PLOT_COLORS.ink}
            strokeWidth={1.5}
          />
        ) : null}
        <path
          className="plot-points plot-class-0"
          d={geo.class0}
          fill={PLOT_COLORS.a}
          stroke="#ffffff"
          strokeWidth={0.8}
        />
        <path
          className="plot-points plot-class-1"
          d={geo.class1}
          fill={PLOT_COLORS.b}
          stroke="#ffffff"
          strokeWidth={0.8}
        />
      </g>
    </RasterPlotFrame>
  );
}
