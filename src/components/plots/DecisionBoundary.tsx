import { scaleLinear } from 'd3';
import { Fragment, useMemo } from 'react';
import { AxisBottom, AxisLeft } from './parts/Axes';
import {
  boundaryColor,
  boundaryPath,
  boundaryPixels,
  boundaryTable,
  markerPath,
} from './geometry/boundaryModel';
import { PLOT_COLORS } from './geometry/colors';
import { formatValue } from './geometry/format';
import { RasterPlotFrame, type RasterImage } from './parts/RasterPlotFrame';
import { useSquareProbe, type GridCell } from './parts/useSquareProbe';

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
const fmt = (v: number) => formatValue(v, { zero: 'plain' });
/** How each class's points are marked, in the plot and in the legend (at `legendX`). */
const CLASS_MARKS = [
  { fill: PLOT_COLORS.a, triangle: false, legendX: 5 },
  { fill: PLOT_COLORS.b, triangle: true, legendX: 70 },
];

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
  const res = resolution;
  const centre = Math.floor(res / 2);
  const start = { col: centre, row: centre };
  const probe = useSquareProbe({ size, margin: MARGIN, cells: res, rowsUp: false, start });
  const { side } = probe;
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
      s.ticks(Math.max(3, Math.floor(side / 70))).map((t) => ({ pos: s(t), label: fmt(t) }));
    return {
      xs,
      ys,
      classes: CLASS_MARKS.map((k, lab) => markerPath(px[lab] ?? [], py[lab] ?? [], k.triangle)),
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

  const read = (c: GridCell) => {
    const at = probe.centreOf(c);
    const xv = geo.xs.invert(at.x);
    const yv = geo.ys.invert(at.y);
    const p = grid[c.row * res + c.col] as number;
    const value = Number.isFinite(p) ? p.toFixed(2) : 'not finite';
    return { text: `x₁ ${fmt(xv)}, x₂ ${fmt(yv)}: P(class 1) = ${value}`, color: boundaryColor(p) };
  };
  const frame = probe.frameProps({
    title,
    idleLabel: 'probe the input plane',
    ringColor: PLOT_COLORS.ink,
    read,
    // A probe left from a finer grid shows nothing until it moves.
    shows: (c) => c.col < res && c.row < res,
  });
  const label =
    ariaLabel ??
    `${title}: the classifier's probability of class 1 over the input plane, x₁ from ${fmt(x0)} to ${fmt(x1)}, x₂ from ${fmt(y0)} to ${fmt(y1)}, with the 0.5 boundary and ${geo.counts[0]} class-0 and ${geo.counts[1]} class-1 points. ${table.note}`;
  return (
    <RasterPlotFrame {...frame} title={title} table={table} ariaLabel={label} image={image}>
      <g transform={`translate(${MARGIN.left},8)`} fontSize={11} fill={PLOT_COLORS.ink}>
        {CLASS_MARKS.map((k, lab) => (
          <Fragment key={lab}>
            <path
              d={markerPath([k.legendX], [5], k.triangle)}
              fill={k.fill}
              stroke="#ffffff"
              strokeWidth={0.8}
            />
            <text x={k.legendX + 8} y={5} dy="0.32em">
              {`class ${lab}`}
            </text>
          </Fragment>
        ))}
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
        {CLASS_MARKS.map((k, lab) => (
          <path
            key={lab}
            className={`plot-points plot-class-${lab}`}
            d={geo.classes[lab]}
            fill={k.fill}
            stroke="#ffffff"
            strokeWidth={0.8}
          />
        ))}
      </g>
    </RasterPlotFrame>
  );
}
