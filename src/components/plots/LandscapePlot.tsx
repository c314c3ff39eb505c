import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import { AxisBottom, AxisLeft } from './parts/Axes';
import { ColorLegend } from './parts/ColorLegend';
import { PLOT_COLORS } from './geometry/colors';
import { formatValue } from './geometry/format';
import type { HeatmapScale } from './geometry/heatmapColor';
import { contourPaths, gridAt, landscapePixels, landscapeTable } from './geometry/landscapeModel';
import { RasterPlotFrame, type RasterImage } from './parts/RasterPlotFrame';
import { useSquareProbe, type GridCell } from './parts/useSquareProbe';

/** Props of {@link LandscapePlot}. */
export interface LandscapePlotProps {
  title: string;
  /** Loss on a grid × grid plane, row-major: row i at b = −span … span, column j at a. */
  losses: readonly number[];
  grid: number;
  span: number;
  /** The log colour scale, shared by the plots that are compared. */
  scale: HeatmapScale;
  /** Contour levels, shared likewise. */
  levels: readonly number[];
  ariaLabel?: string;
  /** Largest side of the square plot area in px (default 340); shrinks on narrow screens. */
  size?: number;
}

const MARGIN = { top: 56, right: 12, bottom: 40, left: 46 };
const fmt = (v: number) => formatValue(v, { zero: 'plain' });

/**
 * A loss landscape: the loss on a plane through trained parameters θ*, L(θ* + a·δ + b·η), as a
 * canvas on a log colour scale with contour lines on top and the trained net marked at the
 * centre. Square; one focusable probe moved by the arrow keys.
 */
export function LandscapePlot({
  title,
  losses,
  grid,
  span,
  scale,
  levels,
  ariaLabel,
  size = 340,
}: LandscapePlotProps) {
  const mid = (grid - 1) / 2;
  // The trained net θ* is the centre point (the grid is odd), where the probe starts.
  const start = { col: mid, row: mid };
  const probe = useSquareProbe({ size, margin: MARGIN, cells: grid, rowsUp: true, start });
  const { side } = probe;

  const geo = useMemo(() => {
    const s = scaleLinear().domain([-span, span]).range([0, side]);
    const ticks = s.ticks(Math.max(3, Math.floor(side / 70))).map((t) => ({
      pos: s(t),
      label: fmt(t),
    }));
    return { ticks, yTicks: ticks.map((t) => ({ ...t, pos: side - t.pos })) };
  }, [span, side]);
  const lines = useMemo(
    () => contourPaths(losses, grid, levels, side),
    [losses, grid, levels, side],
  );
  const table = useMemo(
    () => landscapeTable(losses, grid, span, Math.max(1, Math.round((grid - 1) / 6))),
    [losses, grid, span],
  );
  const image = useMemo(
    (): RasterImage => ({
      pixels: landscapePixels(losses, grid, scale),
      cols: grid,
      rows: grid,
      smooth: true,
    }),
    [losses, grid, scale],
  );

  // Rows count up the plane: row i is at b = gridAt(i), column j at a = gridAt(j).
  const read = ({ col: j, row: i }: GridCell) => ({
    text: `a ${fmt(gridAt(j, grid, span))}, b ${fmt(gridAt(i, grid, span))}: loss ${fmt(
      losses[i * grid + j] as number,
    )}`,
    color: PLOT_COLORS.ink,
  });
  const frame = probe.frameProps({
    title,
    idleLabel: 'probe the plane',
    ringColor: '#ffffff',
    read,
  });
  const centre = probe.centreOf(start);
  const label =
    ariaLabel ??
    `${title}: the training loss on a plane through the trained parameters, a and b from ${fmt(-span)} to ${fmt(span)} along two filter-normalised random directions, on a ${grid} × ${grid} grid with contour lines; the trained net is at the centre, loss ${fmt(losses[mid * grid + mid] as number)}.`;
  return (
    <RasterPlotFrame {...frame} title={title} table={table} ariaLabel={label} image={image}>
      <g transform={`translate(${MARGIN.left},22)`}>
        <ColorLegend scale={scale} width={side} label="training loss (log colour scale)" />
      </g>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <AxisLeft ticks={geo.yTicks} height={side} gridWidth={0} label="b" labelX={-34} />
        <AxisBottom ticks={geo.ticks} width={side} height={side} label="a" labelY={34} />
        <rect width={side} height={side} fill="none" stroke={PLOT_COLORS.muted} />
        {lines.map((l) => (
          <path
            key={l.level}
            className="plot-contour"
            d={l.d}
            fill="none"
            stroke="#ffffff"
            strokeOpacity={0.75}
            strokeWidth={0.9}
          />
        ))}
        <path
          d={`M${centre.x - 5},${centre.y}h10M${centre.x},${centre.y - 5}v10`}
          stroke={PLOT_COLORS.nonFinite}
          strokeWidth={2}
        />
      </g>
    </RasterPlotFrame>
  );
}
