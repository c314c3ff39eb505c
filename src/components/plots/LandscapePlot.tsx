import { scaleLinear } from 'd3';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { AxisBottom, AxisLeft } from './Axes';
import { ColorLegend } from './ColorLegend';
import { PLOT_COLORS } from './colors';
import { formatValue } from './format';
import type { HeatmapScale } from './heatmapColor';
import { contourPaths, gridAt, landscapePixels, landscapeTable } from './landscapeModel';
import { RasterPlotFrame, type RasterImage } from './RasterPlotFrame';
import { SeriesReadout } from './Readout';
import { useContainerWidth } from './useContainerWidth';

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
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(containerRef);
  const [cell, setCell] = useState<{ i: number; j: number } | null>(null);
  const [announce, setAnnounce] = useState('');
  const side = Math.max(120, Math.min(size, width - MARGIN.left - MARGIN.right));
  const svgW = side + MARGIN.left + MARGIN.right;
  const svgH = side + MARGIN.top + MARGIN.bottom;
  const mid = (grid - 1) / 2;

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

  /** Centre of grid point (i: row of b, j: column of a) in plot-area px. */
  const at = (c: { i: number; j: number }) => ({
    x: ((c.j + 0.5) * side) / grid,
    y: ((grid - 1 - c.i + 0.5) * side) / grid,
  });
  const textOf = (c: { i: number; j: number }) =>
    `a ${fmt(gridAt(c.j, grid, span))}, b ${fmt(gridAt(c.i, grid, span))}: loss ${fmt(
      losses[c.i * grid + c.j] as number,
    )}`;
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - MARGIN.left;
    const py = e.clientY - box.top - MARGIN.top;
    if (px < 0 || py < 0 || px >= side || py >= side) return setCell(null);
    setCell({ i: grid - 1 - Math.floor((py / side) * grid), j: Math.floor((px / side) * grid) });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const c = cell ?? { i: mid, j: mid };
    const step = e.shiftKey ? Math.max(1, Math.round(grid / 8)) : 1;
    const d: Record<string, [number, number]> = {
      ArrowLeft: [0, -step],
      ArrowRight: [0, step],
      ArrowUp: [step, 0],
      ArrowDown: [-step, 0],
    };
    const m = d[e.key];
    if (!m) return;
    e.preventDefault();
    const next = {
      i: Math.max(0, Math.min(grid - 1, c.i + m[0])),
      j: Math.max(0, Math.min(grid - 1, c.j + m[1])),
    };
    setCell(next);
    setAnnounce(textOf(next));
  };
  const info = cell ? { ...at(cell), text: textOf(cell) } : null;
  const centre = at({ i: mid, j: mid });
  const label =
    ariaLabel ??
    `${title}: the training loss on a plane through the trained parameters, a and b from ${fmt(-span)} to ${fmt(span)} along two filter-normalised random directions, on a ${grid} × ${grid} grid with contour lines; the trained net is at the centre, loss ${fmt(losses[mid * grid + mid] as number)}.`;
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
        label: `${title}: ${info ? info.text : 'probe the plane'}. Arrow keys move the probe.`,
        onFocus: () => !cell && setCell({ i: mid, j: mid }),
        onBlur: () => setCell(null),
        onKeyDown,
      }}
      marker={
        info ? (
          <circle
            cx={info.x}
            cy={info.y}
            r={5}
            fill="none"
            stroke="#ffffff"
            strokeWidth={1.5}
            pointerEvents="none"
          />
        ) : null
      }
      onPointerMove={onPointerMove}
      onPointerLeave={() => setCell(null)}
      announce={announce}
      readout={
        info ? (
          <SeriesReadout
            x={MARGIN.left + info.x}
            y={MARGIN.top + info.y}
            containerWidth={width}
            containerHeight={svgH}
            rows={[{ id: 'probe', color: PLOT_COLORS.ink, text: info.text }]}
          />
        ) : null
      }
    >
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
